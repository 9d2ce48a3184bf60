// Protocol-level test: the pack started as its own process the way the Pulumi
// language host starts it, driven over the Analyzer gRPC protocol with the
// protobuf types from @pulumi/pulumi/proto. No in-process shortcut: every
// diagnostic asserted here came back over the wire from the pack's server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAUDE_RUNNER_POD_TYPE, POD_TYPE } from "../../components/names";
import { MANAGED_BY_LABEL } from "../../components/labels";
import { ironflowPolicies } from "../../policy/policies";
import { CASES } from "./cases";
import { edit, pod, seedCredentialsPod, FAKE_OAUTH_TOKEN, UNKNOWN } from "./fixtures";
import { barePod, componentUrn, ownedPod, PACK_VERSION, PROJECT, STACK } from "./harness";
import { PACK_DIR, PackProcess } from "./packServer";

const pack = new PackProcess();

beforeAll(async () => {
  await pack.start(); // ts-node type-checks and compiles the pack: several seconds
  await pack.configureStack();
}, 120_000);

afterAll(async () => {
  await pack.stop();
}, 30_000);

describe("policy pack over the Analyzer gRPC protocol", () => {
  it("was started as the language host starts it and printed its port", () => {
    expect(pack.argv.slice(1)).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/), PACK_DIR]);
    expect(pack.port).toBeGreaterThan(0);
  });

  it("GetAnalyzerInfo lists the pack and every policy with its default level and config schema", async () => {
    const info = await pack.getAnalyzerInfo();
    expect(info.name).toBe("ironflow");
    expect(info.version).toBe(PACK_VERSION);
    expect(info.supportsConfig).toBe(true);
    expect(info.policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["ironflow-managed-labels", "mandatory"],
      ["ironflow-host-path-allowlist", "mandatory"],
      ["ironflow-resource-limits", "advisory"],
      ["ironflow-pinned-images", "advisory"],
      ["ironflow-input-urls", "mandatory"],
      ["ironflow-no-inline-credentials", "mandatory"],
      ["ironflow-pod-security", "advisory"],
      ["ironflow-egress-isolation", "advisory"],
    ]);
    const byName = Object.fromEntries(info.policies.map((p) => [p.name, p]));
    expect(Object.keys(byName["ironflow-host-path-allowlist"]!.configSchema!)).toEqual(["allowedPathPrefixes", "requireReadOnly", "scope"]);
    expect(byName["ironflow-managed-labels"]!.configSchema!["unknownValues"]).toMatchObject({ default: "advisory" });
    for (const p of info.policies) {
      expect(p.description).not.toBe("");
      expect(p.remediationSteps).not.toBe("");
      expect(p.policyType).toBe(p.name === "ironflow-egress-isolation" ? 2 : 1); // POLICY_TYPE_STACK / _RESOURCE
    }
    expect(info.policies.map((p) => p.name)).toEqual(ironflowPolicies.map((p) => p.name));
  });

  it("GetPluginInfo answers; Handshake is UNIMPLEMENTED (the engine then falls back, as for every Node pack)", async () => {
    expect(await pack.getPluginInfo()).toMatch(/^\d+\.\d+\.\d+/);
    await expect(pack.handshake()).rejects.toMatchObject({ code: 12 });
  });

  it("a builder Pod inside ClaudeRunnerPod gets only the expected advisories", async () => {
    await pack.configure({});
    const r = await pack.analyze(ownedPod(pod()));
    // pod-security (advisory) fires on the non-sandboxed builder Pod; nothing mandatory.
    expect(r.diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
    expect(new Set(r.diagnostics.map((d) => d.policyName))).toEqual(new Set(["ironflow-pod-security"]));
  });

  it("a hand-written Pod spoofing the runner labels: mandatory diagnostics with pack name, version, message", async () => {
    await pack.configure({});
    const target = barePod(pod(), "spoofer");
    const r = await pack.analyze(target);
    const labels = r.diagnostics.filter((d) => d.policyName === "ironflow-managed-labels");
    expect(labels).toHaveLength(2);
    for (const d of labels) {
      expect(d).toMatchObject({ policyPackName: "ironflow", policyPackVersion: PACK_VERSION, enforcementLevel: "mandatory" });
      expect(d.message).toMatch(new RegExp(`^${d.description.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\nPod 'spoofer' \\(metadata\\.name 'agent', namespace 'default'\\): label 'app\\.kubernetes\\.io/(managed-by|component)' is '(ironflow|claude-runner)' but the Pod is not owned by a ironflow:index:ClaudeRunnerPod`));
    }
  });

  it("Configure overrides enforcement levels and settings per policy", async () => {
    const csa = ownedPod(edit(pod({ volumes: [{ hostPath: "/data/repo", mountPath: "/repo" }] }), (p) => (p.metadata.labels[MANAGED_BY_LABEL] = "pulumi")));
    await pack.configure({});
    let r = await pack.analyze(csa);
    expect(r.diagnostics.filter((d) => d.policyName === "ironflow-managed-labels").map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(r.diagnostics.filter((d) => d.policyName === "ironflow-host-path-allowlist")).toHaveLength(1);

    await pack.configure({
      "ironflow-managed-labels": { enforcementLevel: "advisory" },
      "ironflow-host-path-allowlist": { allowedPathPrefixes: ["/data"] },
      "ironflow-pod-security": { enforcementLevel: "disabled" },
    });
    r = await pack.analyze(csa);
    expect(r.diagnostics.filter((d) => d.policyName === "ironflow-managed-labels").map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(r.diagnostics.filter((d) => d.policyName === "ironflow-host-path-allowlist")).toEqual([]);
    expect(r.diagnostics.filter((d) => d.policyName === "ironflow-pod-security")).toEqual([]);
    await pack.configure({});
  });

  it("unknown values at preview: explicit label advisory, server advisory elsewhere, mandatory where the value is not needed", async () => {
    await pack.configure({});
    const p = edit(pod({ env: { ANTHROPIC_API_KEY: UNKNOWN } }), (x) => {
      x.metadata.labels[MANAGED_BY_LABEL] = UNKNOWN;
      x.spec.containers[0]!.image = UNKNOWN;
    });
    const r = await pack.analyze(ownedPod(p));
    const by = (n: string) => r.diagnostics.filter((d) => d.policyName === n).map((d) => [d.enforcementLevel, d.message]);
    expect(by("ironflow-managed-labels")).toEqual([
      [
        "advisory",
        "ironflow runner Pods carry exactly the protected managed-by/component labels, and no other Pod claims them.\n" +
          "Pod 'agent' (namespace 'default'): label 'app.kubernetes.io/managed-by' can't be known during preview (found an unknown value, expected 'ironflow'); it is checked again when the update runs",
      ],
    ]);
    expect(by("ironflow-pinned-images")).toEqual([
      ["advisory", `can't run policy 'ironflow-pinned-images' from policy pack 'ironflow@v${PACK_VERSION}' during preview: string value at .spec.containers.0.image can't be known during preview`],
    ]);
    expect(by("ironflow-no-inline-credentials")).toEqual([
      [
        "mandatory",
        "No credentials in plain text in an ironflow runner Pod's command, args or env values.\n" +
          "Pod 'agent' (namespace 'default'): container 'claude-code' env 'ANTHROPIC_API_KEY' (spec.containers[0].env[1].value) is set as a plain value (unknown at preview), expected credentials from a Secret (env valueFrom.secretKeyRef or a mounted Secret)",
      ],
    ]);

    await pack.configure({ "ironflow-managed-labels": { unknownValues: "violation" } });
    const strict = await pack.analyze(ownedPod(p));
    expect(strict.diagnostics.filter((d) => d.policyName === "ironflow-managed-labels").map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    await pack.configure({});
  });

  it("the seed's inline-credentials prefix is caught over the wire and the token is never echoed", async () => {
    await pack.configure({});
    const r = await pack.analyze(ownedPod(seedCredentialsPod()));
    const creds = r.diagnostics.filter((d) => d.policyName === "ironflow-no-inline-credentials");
    expect(creds).toHaveLength(1);
    expect(creds[0]!.enforcementLevel).toBe("mandatory");
    expect(creds[0]!.message).toContain("writes .credentials.json from an inline literal");
    for (const d of r.diagnostics) expect(d.message).not.toContain(FAKE_OAUTH_TOKEN.slice(0, 20));
  });

  it("Configure without a level means ADVISORY on the wire (proto enum 0): the engine always sends one", async () => {
    const spoof = barePod(pod(), "spoofer");
    await pack.configureRaw({ "ironflow-managed-labels": { properties: {} } });
    const raw = await pack.analyze(spoof);
    expect(raw.diagnostics.filter((d) => d.policyName === "ironflow-managed-labels").map((d) => d.enforcementLevel)).toEqual(["advisory", "advisory"]);
    await pack.configure({ "ironflow-managed-labels": {} }); // engine-style: the policy's default level is sent
    const engine = await pack.analyze(spoof);
    expect(engine.diagnostics.filter((d) => d.policyName === "ironflow-managed-labels").map((d) => d.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
    expect((await pack.engineConfig({}))["ironflow-host-path-allowlist"]).toEqual({
      enforcementLevel: "mandatory",
      properties: { allowedPathPrefixes: [], requireReadOnly: false, scope: "runner-pods" },
    });
    await pack.configure({});
  });

  it("non-Pod resources are not applicable to any policy", async () => {
    const r = await pack.analyze({
      type: "kubernetes:core/v1:Secret",
      name: "agent-credentials",
      urn: `urn:pulumi:${STACK}::${PROJECT}::${CLAUDE_RUNNER_POD_TYPE}$kubernetes:core/v1:Secret::agent-credentials`,
      parent: componentUrn("agent"),
      props: { metadata: { labels: { [MANAGED_BY_LABEL]: "ironflow" } }, stringData: { "credentials.json": FAKE_OAUTH_TOKEN } },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.notApplicable.map((n) => n.policyName)).toEqual(ironflowPolicies.filter((p) => "validateResource" in p).map((p) => p.name));
    expect(new Set(r.notApplicable.map((n) => n.reason))).toEqual(new Set([`Policy only applies to resources of type '${POD_TYPE}'`]));
  });

  it("AnalyzeStack: runner pods without an egress NetworkPolicy get the stack policy's advisory", async () => {
    await pack.configure({});
    const owned = ownedPod(edit(pod(), (p) => (p.metadata.labels["ironflow.io/instance"] = "agent-1")));
    const component = { type: CLAUDE_RUNNER_POD_TYPE, name: "agent", urn: componentUrn("agent"), props: {} };
    const other = barePod({ metadata: { name: "web", namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }, "web");
    let r = await pack.analyzeStack([component, owned, barePod(pod(), "spoofer"), other]);
    expect(r.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn])).toEqual([
      ["ironflow-egress-isolation", "advisory", owned.urn],
      ["ironflow-egress-isolation", "advisory", barePod(pod(), "spoofer").urn],
    ]);
    expect(r.diagnostics[0]!.message).toBe(
      "Every ironflow runner Pod is selected by a NetworkPolicy that restricts its egress.\n" +
        "Pod 'agent' (namespace 'default'): no NetworkPolicy in namespace 'default' selects it and restricts egress (found 0 egress NetworkPolicies there), expected one (ClaudeRunnerPod's egress option)",
    );
    const np = {
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      name: "agent-egress",
      urn: `urn:pulumi:${STACK}::${PROJECT}::${CLAUDE_RUNNER_POD_TYPE}$kubernetes:networking.k8s.io/v1:NetworkPolicy::agent-egress`,
      parent: componentUrn("agent"),
      props: { metadata: { namespace: "default" }, spec: { podSelector: { matchLabels: { "ironflow.io/instance": "agent-1" } }, policyTypes: ["Ingress", "Egress"], egress: [] } },
    };
    r = await pack.analyzeStack([component, owned, np, other]);
    expect(r.diagnostics).toEqual([]);
  });

  it("runs the whole case table through the wire with the expected policy, level and message", async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      await pack.configure(c.config ?? {});
      const r = await pack.analyze(c.target);
      const diags = r.diagnostics.filter((d) => d.policyName === c.policy);
      const bad = (why: string) => failures.push(`${c.id}: ${why}\n${JSON.stringify(diags, null, 2)}`);
      if (diags.length !== c.violations) bad(`expected ${c.violations} diagnostics, got ${diags.length}`);
      for (const d of diags) {
        if (c.message && !c.message.test(d.message)) bad(`message does not match ${c.message}`);
        if (c.level && d.enforcementLevel !== c.level) bad(`level ${d.enforcementLevel}, expected ${c.level}`);
        if (d.policyPackName !== "ironflow" || d.policyPackVersion !== PACK_VERSION) bad("wrong pack name/version");
      }
      for (const s of c.mustNotContain ?? []) if (r.diagnostics.some((d) => d.message.includes(s))) bad("a diagnostic echoes a secret");
    }
    await pack.configure({});
    expect(failures).toEqual([]);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  }, 120_000);

  it("never dialled the engine address it was given", () => {
    expect(pack.engineCalls).toEqual([]);
    expect(pack.stderr).toBe("");
  });
});
