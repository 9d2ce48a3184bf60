import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installMocks, secretEnvelope, settle, unwrap, type Registered } from "./mocks";

const registered: Registered[] = installMocks();
let lib: typeof import("../components");

beforeAll(async () => {
  lib = await import("../components");
});
beforeEach(() => {
  registered.length = 0;
});

/** Construct a component and wait until all of its registrations reached the mock monitor. */
async function deployed(...args: ConstructorParameters<typeof lib.ClaudeRunnerPod>): Promise<InstanceType<typeof lib.ClaudeRunnerPod>> {
  const c = new lib.ClaudeRunnerPod(...args);
  await unwrap(c.podName);
  await settle();
  return c;
}

const base = { image: "ghcr.io/acme/claude-runner:1.2.3", command: ["claude", "-p", "fix the tests"] };
/** The instance label of a component named "agent" in project "project", stack "stack". */
const INSTANCE = "agent-" + createHash("sha256").update("project/stack/agent").digest("hex").slice(0, 10);

describe("ClaudeRunnerPod resource graph", () => {
  it("registers exactly the component, one Pod with the builder's spec, and its egress NetworkPolicy", async () => {
    const c = await deployed("agent", { ...base, labels: { team: "infra" }, resources: { cpuLimit: "2", memoryLimit: "4Gi" } });
    expect(registered.map((r) => [r.type, r.name])).toEqual([
      ["ironflow:index:ClaudeRunnerPod", "agent"],
      ["kubernetes:core/v1:Pod", "agent"],
      ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "agent-egress"],
    ]);
    const pod = registered[1]!;
    // The component turns the sandbox on by default; otherwise the spec is exactly the builder's.
    const expected = lib.buildPodSpec({ ...base, labels: { team: "infra" }, resources: { cpuLimit: "2", memoryLimit: "4Gi" }, sandbox: {} });
    expect(pod.inputs.spec).toEqual(expected.spec);
    // Scoped egress is on by default: the pod carries the label its NetworkPolicy selects.
    expect(pod.inputs.metadata).toEqual({ namespace: "default", labels: { ...expected.metadata.labels, "ironflow.io/instance": INSTANCE } });
    expect(await unwrap(c.labels)).toEqual({
      team: "infra",
      "ironflow.io/instance": INSTANCE,
      "app.kubernetes.io/managed-by": "ironflow",
      "app.kubernetes.io/component": "claude-runner",
    });
    expect(await unwrap(c.podName)).toBe("agent-abcd1234");
    expect(await unwrap(c.namespace)).toBe("default");
  });

  it("with the sandbox turned off, the Pod is exactly buildPodSpec(args): the seed's plain pod", async () => {
    const c = await deployed("plain", { ...base, sandbox: { enabled: false }, env: { A: "1" } });
    const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!;
    expect(pod.inputs.spec).toEqual(lib.buildPodSpec({ ...base, env: { A: "1" } }).spec);
    expect(pod.inputs.spec.securityContext).toBeUndefined();
  });

  it("parents the Pod to the component and passes the component's provider to it", async () => {
    const provider = new k8s.Provider("cluster", {});
    const c = await deployed("agent", base, { provider });
    const podUrn = await unwrap(c.pod.urn);
    expect(podUrn).toBe("urn:pulumi:stack::project::ironflow:index:ClaudeRunnerPod$kubernetes:core/v1:Pod::agent");
    const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!;
    expect(pod.provider).toBe("urn:pulumi:stack::project::pulumi:providers:kubernetes::cluster::cluster-id");
  });

  it("uses a fixed name when given one, never a generated one", async () => {
    const c = new lib.ClaudeRunnerPod("agent", { ...base, name: "fixed-agent", namespace: "agents", egress: { enabled: false } });
    expect(await unwrap(c.podName)).toBe("fixed-agent");
    await settle();
    const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!;
    expect(pod.inputs.metadata).toEqual({
      name: "fixed-agent",
      namespace: "agents",
      labels: { "app.kubernetes.io/managed-by": "ironflow", "app.kubernetes.io/component": "claude-runner" },
    });
  });

  it("keeps credentials out of the Pod: a child Secret holds them, the pod reads them by secretKeyRef", async () => {
    const creds = '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-SECRET"}}';
    const c = await deployed("agent", { ...base, credentials: creds, egress: { enabled: false } });
    expect(registered.map((r) => [r.type, r.name])).toEqual([
      ["ironflow:index:ClaudeRunnerPod", "agent"],
      ["kubernetes:core/v1:Secret", "agent-credentials"],
      ["kubernetes:core/v1:Pod", "agent"],
    ]);
    const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!;
    expect(JSON.stringify(pod.inputs)).not.toContain("SECRET");
    expect(JSON.stringify(pod.inputs)).not.toContain("accessToken");
    const container = pod.inputs.spec.containers[0];
    expect(pod.inputs.spec).toEqual(
      lib.buildPodSpec({ ...base, sandbox: {}, credentialsSecret: { name: "agent-credentials-abcd1234", key: "credentials.json" } }).spec,
    );
    expect(container.command).toEqual([
      "sh",
      "-c",
      `umask 077 && mkdir -p "$HOME/.claude" && printf '%s' "$IRONFLOW_CLAUDE_CREDENTIALS" > "$HOME/.claude/.credentials.json" && unset IRONFLOW_CLAUDE_CREDENTIALS && exec "$@"`,
      "claude-runner",
      "claude",
      "-p",
      "fix the tests",
    ]);
    expect(container.env).toEqual([
      { name: "IRONFLOW_ALLOW_BYPASS", value: "" },
      { name: "HOME", value: "/home/claude" },
      { name: "TMPDIR", value: "/tmp" },
      { name: "IRONFLOW_CLAUDE_CREDENTIALS", valueFrom: { secretKeyRef: { name: "agent-credentials-abcd1234", key: "credentials.json" } } },
    ]);
    const secret = registered.find((r) => r.type === "kubernetes:core/v1:Secret")!;
    // The mock monitor shows a secret as Pulumi's secret envelope: the credentials are a Pulumi secret.
    expect(secret.inputs.stringData).toEqual(secretEnvelope({ "credentials.json": creds }));
    expect(secret.inputs.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "ironflow", "app.kubernetes.io/component": "claude-runner" });
  });

  it("references an existing credentials Secret without creating one", async () => {
    const c = await deployed("agent", { ...base, credentialsSecret: { name: "claude-oauth", key: "creds" }, egress: { enabled: false } });
    expect(registered.map((r) => r.type)).toEqual(["ironflow:index:ClaudeRunnerPod", "kubernetes:core/v1:Pod"]);
    const env = registered[1]!.inputs.spec.containers[0].env;
    expect(env[3]).toEqual({ name: "IRONFLOW_CLAUDE_CREDENTIALS", valueFrom: { secretKeyRef: { name: "claude-oauth", key: "creds" } } });
    expect(c.credentialsSecret).toBeUndefined();
  });

  it("defers only the unknown fields: an Output image stays an Output, everything else is plain", async () => {
    const c = new lib.ClaudeRunnerPod("agent", {
      ...base,
      image: pulumi.output("ghcr.io/acme/claude-runner:2.0.0"),
      inputs: [{ url: pulumi.output("https://files.example.com/it's.pdf"), mountPath: "/work/it.pdf" }],
    });
    await unwrap(c.podName);
    await settle();
    const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!;
    expect(pod.inputs.spec).toEqual(
      lib.buildPodSpec({ ...base, sandbox: {}, image: "ghcr.io/acme/claude-runner:2.0.0", inputs: [{ url: "https://files.example.com/it's.pdf", mountPath: "/work/it.pdf" }] }).spec,
    );
    expect(pod.inputs.spec.initContainers[0].command[2]).toBe(
      "set -e\ncurl -sSfL --proto '=https' --proto-redir '=https' --retry 3 --max-time 300 'https://files.example.com/it'\\''s.pdf' -o '/work/it.pdf'\n",
    );
  });

  it("builds the spec once resolved when a structural field is an Output", async () => {
    const c = await deployed("agent", { ...base, volumes: pulumi.output([{ hostPath: "/srv/repos", mountPath: "/data/repos" }]) });
    const pod = registered.find((r) => r.type === "kubernetes:core/v1:Pod")!;
    expect(pod.inputs.spec).toEqual(lib.buildPodSpec({ ...base, sandbox: {}, volumes: [{ hostPath: "/srv/repos", mountPath: "/data/repos" }] }).spec);
  });

});

describe("ClaudeRunnerPod scoped egress", () => {
  it("adds a NetworkPolicy child selecting only this instance through its instance label", async () => {
    const c = await deployed("agent", { ...base, namespace: "agents", egress: { allow: [{ cidr: "140.82.112.0/20", ports: [{ port: 443 }] }] } });
    expect(registered.map((r) => [r.type, r.name])).toEqual([
      ["ironflow:index:ClaudeRunnerPod", "agent"],
      ["kubernetes:core/v1:Pod", "agent"],
      ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "agent-egress"],
    ]);
    const instance = registered[1]!.inputs.metadata.labels["ironflow.io/instance"];
    expect(instance).toMatch(/^agent-[0-9a-f]{10}$/);
    const policy = registered[2]!.inputs;
    expect(policy.spec.podSelector).toEqual({ matchLabels: { "ironflow.io/instance": instance } });
    expect(policy.metadata.namespace).toBe("agents");
    expect(policy.spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: "140.82.112.0/20" } }], ports: [{ protocol: "TCP", port: 443 }] });
  });

  it("refuses a bad egress rule and an instance label in labels, before registering anything", async () => {
    expect(
      () => new lib.ClaudeRunnerPod("bad", { ...base, labels: { "ironflow.io/instance": "x" }, egress: { allow: [{ cidr: "nope" }] } }),
    ).toThrow(
      "invalid ClaudeRunnerPod 'bad' args: 2 problems\n" +
        '  - labels["ironflow.io/instance"]: is set by ClaudeRunnerPod (it selects the pod for its NetworkPolicy) and cannot be set in labels\n' +
        "  - egress.allow[0].cidr: must be an IPv4 or IPv6 CIDR, got 'nope'",
    );
    await settle();
    expect(registered).toEqual([]);
  });
});

describe("ClaudeRunnerPod validation", () => {
  it("throws from the constructor and registers nothing for bad plain args", async () => {
    expect(
      () =>
        new lib.ClaudeRunnerPod("bad", {
          image: "",
          command: [],
          namespace: "Not_A_Namespace",
          labels: { "app.kubernetes.io/managed-by": "attacker" },
        }),
    ).toThrow(
      "invalid ClaudeRunnerPod 'bad' args: 4 problems\n" +
        "  - namespace: must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), got 'Not_A_Namespace'\n" +
        "  - image: must be a non-empty image reference without whitespace, got ''\n" +
        "  - command: must have at least one element\n" +
        `  - labels["app.kubernetes.io/managed-by"]: is set by ClaudeRunnerPod to 'ironflow' and cannot be overridden, got 'attacker'`,
    );
    await settle();
    expect(registered).toEqual([]);
  });

  it("refuses credentials and credentialsSecret together", () => {
    expect(() => new lib.ClaudeRunnerPod("bad", { ...base, credentials: "{}", credentialsSecret: { name: "s", key: "k" } })).toThrow(
      "invalid ClaudeRunnerPod 'bad' args: 1 problem\n  - credentials: credentials and credentialsSecret are mutually exclusive",
    );
  });

  it("refuses credentials that are not a JSON object, without showing them", () => {
    let message = "";
    try {
      new lib.ClaudeRunnerPod("bad", { ...base, credentials: "sk-ant-oat01-not-json" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      "invalid ClaudeRunnerPod 'bad' args: 1 problem\n  - credentials: must be the JSON object of a Claude credentials file (value not shown)",
    );
  });

  it("validates an Output value when it resolves, against the rest of the args", async () => {
    const { collectDeferred, withValueAt } = await import("../components/deferredSpec");
    const { validateRunnerArgs } = await import("../components/runnerValidation");
    const args = { ...base, image: pulumi.output("bad image"), namespace: "agents" };
    const collected = collectDeferred(args);
    expect(collected.structural).toBe(false);
    expect(collected.deferred.map((d) => d.path)).toEqual([["image"]]);
    // Known now: the placeholder passes, the namespace is checked.
    expect(validateRunnerArgs("late", args, collected.plain!).namespace).toBe("agents");
    // When the image resolves, the component runs exactly this inside its apply.
    expect(() => validateRunnerArgs("late", args, withValueAt(collected.plain!, ["image"], "bad image"))).toThrow(
      "invalid ClaudeRunnerPod 'late' args: 1 problem\n  - image: must be a non-empty image reference without whitespace, got 'bad image'",
    );
  });
});

describe("ClaudeRunnerPodArgsError", () => {
  it("is a Pulumi RunError with the issues and no stack, so the CLI prints only the message", async () => {
    const pulumiSdk = await import("@pulumi/pulumi");
    let caught: unknown;
    try {
      new lib.ClaudeRunnerPod("bad", { ...base, namespace: "Bad" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(lib.ClaudeRunnerPodArgsError);
    expect(pulumiSdk.RunError.isInstance(caught)).toBe(true);
    const err = caught as InstanceType<typeof lib.ClaudeRunnerPodArgsError>;
    expect(err.issues).toEqual([
      {
        path: "namespace",
        message: "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), got 'Bad'",
      },
    ]);
    expect(err.stack).toBe("");
  });
});
