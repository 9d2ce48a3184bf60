// The pack on what the real ClaudeRunnerPod registers (Pulumi mocks): the
// Pod's inputs and its real URN / parent URN, wrapped the way the policy
// server wraps them. The component's own registration reaches a resource
// policy with `{}` props, so only the Pod is checked.
import { beforeAll, describe, expect, it } from "vitest";
import { installMocks, settle, unwrap } from "../mocks";
import { CLAUDE_RUNNER_POD_TYPE, POD_TYPE } from "../../components/names";
import { of, runPack, runStackPolicy, type Target } from "./harness";
import { egressIsolation } from "../../policy/policies";
import { FAKE_CREDENTIALS_JSON } from "./fixtures";

const registered = installMocks();
let lib: typeof import("../../components");

beforeAll(async () => {
  lib = await import("../../components");
});

async function podTarget(name: string, args: ConstructorParameters<typeof lib.ClaudeRunnerPod>[1]): Promise<Target> {
  registered.length = 0;
  const c = new lib.ClaudeRunnerPod(name, args);
  await unwrap(c.podName);
  await settle();
  const pod = registered.find((r) => r.type === POD_TYPE && r.name === name)!;
  return { type: POD_TYPE, name, urn: await unwrap(c.pod.urn), parent: await unwrap(c.urn), props: pod.inputs };
}

const base = { image: "ghcr.io/acme/claude-code:1.2.3", command: ["claude", "-p", "fix the tests"], resources: { cpuLimit: "2", memoryLimit: "4Gi" } };

describe("policy pack on ClaudeRunnerPod output", () => {
  it("the default component's Pod is owned (parent URN is the component) and passes every policy, mandatory and advisory", async () => {
    // Only what a user must give: image and command. No limits given: the sandbox's defaults apply.
    const t = await podTarget("agent", { image: base.image, command: base.command, inputs: [{ url: "https://files.example.com/spec.md", mountPath: "/work/in/spec.md" }] });
    expect(t.parent).toBe(`urn:pulumi:stack::project::${CLAUDE_RUNNER_POD_TYPE}::agent`);
    expect(t.urn).toBe(`urn:pulumi:stack::project::${CLAUDE_RUNNER_POD_TYPE}$${POD_TYPE}::agent`);
    // Sandboxed by default (Pod Security "restricted" holds, init container included) and the
    // sandbox's default limits cover the init container: no finding at all.
    expect(runPack(t)).toEqual([]);
  });

  it("credentials through the component's Secret pass ironflow-no-inline-credentials", async () => {
    const t = await podTarget("with-creds", { ...base, credentials: FAKE_CREDENTIALS_JSON });
    expect(of(runPack(t), "ironflow-no-inline-credentials")).toEqual([]);
    expect(JSON.stringify(t.props)).not.toContain("sk-ant-");
  });

  it("sandbox disabled: ironflow-pod-security names each failing restricted control", async () => {
    const t = await podTarget("plain", { ...base, sandbox: { enabled: false } });
    const controls = of(runPack(t), "ironflow-pod-security").map((d) => /control "([^"]+)"/.exec(d.message)?.[1]);
    expect(controls).toEqual(["Privilege Escalation", "Running as Non-root", "Seccomp", "Capabilities"]);
  });

  it("ironflow-egress-isolation: the component's egress NetworkPolicy selects its Pod", async () => {
    const stack = async (args: ConstructorParameters<typeof lib.ClaudeRunnerPod>[1]): Promise<Target[]> => {
      registered.length = 0;
      const c = new lib.ClaudeRunnerPod("iso", args);
      await unwrap(c.podName);
      await settle();
      const parent = await unwrap(c.urn);
      return registered
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name, urn: `urn:pulumi:stack::project::${CLAUDE_RUNNER_POD_TYPE}$${r.type}::${r.name}`, parent, props: r.inputs }));
    };
    // Scoped egress is on by default; turning it off is what the advisory reports.
    expect(runStackPolicy(egressIsolation, await stack(base))).toEqual([]);
    expect(runStackPolicy(egressIsolation, await stack({ ...base, egress: { allow: [] } }))).toEqual([]);
    expect(runStackPolicy(egressIsolation, await stack({ ...base, egress: { enabled: false } })).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  it("a transform-style rewrite of the component Pod's labels is caught", async () => {
    const t = await podTarget("csa", base);
    (t.props as { metadata: { labels: Record<string, string> } }).metadata.labels["app.kubernetes.io/managed-by"] = "pulumi";
    expect(of(runPack(t), "ironflow-managed-labels").map((d) => [d.enforcementLevel, d.message])).toEqual([
      ["mandatory", expect.stringMatching(/Pod 'csa' \(namespace 'default'\): label 'app\.kubernetes\.io\/managed-by' is 'pulumi', expected 'ironflow'/)],
    ]);
  });
});
