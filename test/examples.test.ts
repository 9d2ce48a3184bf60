import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pod } from "kubernetes-models/v1/Pod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES, offlineConfig, podManifests, renderExamples, type Rendered } from "../examples/render";

const dir = mkdtempSync(join(tmpdir(), "ironflow-examples-"));
let rendered: Map<string, Rendered[]>;

/** kubernetes-models is ESM with an `exports` map the CommonJS type resolution here cannot follow; its Model has validate(). */
function validatePod(manifest: unknown): void {
  (new Pod(manifest as ConstructorParameters<typeof Pod>[0]) as unknown as { validate(): void }).validate();
}

beforeAll(async () => {
  rendered = await renderExamples(offlineConfig(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("examples", () => {
  it("type-check as Pulumi programs", () => {
    // Throws with tsc's diagnostics when any example does not compile.
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", "examples/tsconfig.json"], {
      stdio: "pipe",
    });
  }, 120_000);

  it("each register the expected resources", () => {
    // Registration order depends on when Outputs resolve: compare as sorted lists.
    const graph = Object.fromEntries([...rendered].map(([name, rs]) => [name, rs.map((r) => `${r.type}::${r.name}`).sort()]));
    const want: Record<string, string[]> = {
      basic: ["ironflow:index:ClaudeRunnerPod::basic-agent", "kubernetes:core/v1:Pod::basic-agent", "kubernetes:networking.k8s.io/v1:NetworkPolicy::basic-agent-egress"],
      "inputs-and-volumes": ["ironflow:index:ClaudeRunnerPod::review-agent", "kubernetes:core/v1:Pod::review-agent", "kubernetes:networking.k8s.io/v1:NetworkPolicy::review-agent-egress"],
      "kubeconfig-file": ["pulumi:providers:kubernetes::target", "ironflow:index:ClaudeRunnerPod::file-agent", "kubernetes:core/v1:Pod::file-agent", "kubernetes:networking.k8s.io/v1:NetworkPolicy::file-agent-egress"],
      "inline-kubeconfig": ["pulumi:providers:kubernetes::inline", "ironflow:index:ClaudeRunnerPod::inline-agent", "kubernetes:core/v1:Pod::inline-agent", "kubernetes:networking.k8s.io/v1:NetworkPolicy::inline-agent-egress"],
      credentials: ["ironflow:index:ClaudeRunnerPod::oauth-agent", "kubernetes:core/v1:Secret::oauth-agent-credentials", "kubernetes:core/v1:Pod::oauth-agent", "kubernetes:networking.k8s.io/v1:NetworkPolicy::oauth-agent-egress"],
      demo: [
        "pulumi:providers:kubernetes::demo-cluster",
        "ironflow:index:ClaudeRunnerPod::demo-agent",
        "kubernetes:core/v1:Secret::demo-agent-credentials",
        "kubernetes:core/v1:Pod::demo-agent",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy::demo-agent-egress",
      ],
    };
    expect(graph).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, [...v].sort()])));
  });

  it.each(EXAMPLES)("%s renders a Pod that validates against the Kubernetes OpenAPI schema", (name) => {
    const pods = podManifests(rendered.get(name)!);
    expect(pods).toHaveLength(1);
    // kubernetes-models checks the official OpenAPI schema; it throws listing every violation.
    expect(() => validatePod(pods[0])).not.toThrow();
  });

  it("the schema check is real: a broken Pod fails it", () => {
    const pod = structuredClone(podManifests(rendered.get("basic")!)[0]!) as { spec: { containers: Array<Record<string, unknown>> } };
    pod.spec.containers[0]!.name = 42;
    expect(() => validatePod(pod)).toThrow(/name/);
  });

  it("no example puts a credential into a Pod", () => {
    for (const [, rs] of rendered) {
      for (const pod of podManifests(rs)) expect(JSON.stringify(pod)).not.toMatch(/offline-placeholder|offline-kubeconfig-token/);
    }
  });
});
