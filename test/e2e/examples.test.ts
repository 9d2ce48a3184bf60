// Each example, and the demo program, through the real Pulumi CLI, the real
// Kubernetes provider and the policy pack, against a local kube-apiserver.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ironflowObjects, kubectlJson } from "./kube";
import { ROOT, TestStack } from "./pulumi";

const POLICY = join(__dirname, "policy-config.json");
const CREDENTIALS = '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-E2E-NEVER-IN-PLAINTEXT-0123456789","refreshToken":"r","expiresAt":0}}';
const TOKEN_IN_CREDENTIALS = "E2E-NEVER-IN-PLAINTEXT";

interface ExampleCase {
  name: string;
  dir: string;
  /** Uses the ambient kubeconfig (KUBECONFIG) rather than config. */
  ambient?: boolean;
  config?: (kubeconfig: string) => Record<string, string>;
  secrets?: (kubeconfig: string) => Record<string, string>;
  /** Strings that must never appear in plain text in the state or the Pod. */
  secretText?: (kubeconfig: string) => string[];
  expectInputs?: boolean;
  expectHostPath?: boolean;
  expectCredentialsSecret?: boolean;
  /** Policy config entries that replace the suite's for this example. */
  policy?: Record<string, unknown>;
}

/** The suite's policy config (every policy mandatory) with `overrides` applied, as a file. */
function policyConfig(overrides: Record<string, unknown> | undefined): string {
  if (!overrides) return POLICY;
  const file = join(mkdtempSync(join(tmpdir(), "ironflow-e2e-policy-")), "policy-config.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(POLICY, "utf8")), ...overrides }));
  return file;
}

const kubeconfigToken = (kubeconfig: string): string => /token:\s*"?([^"\s]+)/.exec(readFileSync(kubeconfig, "utf8"))![1]!;

const CASES: ExampleCase[] = [
  { name: "basic", dir: "examples/basic", ambient: true },
  {
    name: "inputs-and-volumes",
    dir: "examples/inputs-and-volumes",
    ambient: true,
    expectInputs: true,
    expectHostPath: true,
    // hostPath is outside the "restricted" volume types; the allowlist policy governs it here.
    policy: { "ironflow-pod-security": { enforcementLevel: "mandatory", exemptControls: ["volumeTypes"] } },
  },
  { name: "kubeconfig-file", dir: "examples/kubeconfig-file", config: (kc) => ({ kubeconfigPath: kc }), secretText: (kc) => [kubeconfigToken(kc)] },
  {
    name: "inline-kubeconfig",
    dir: "examples/inline-kubeconfig",
    secrets: (kc) => ({ kubeconfig: readFileSync(kc, "utf8") }),
    secretText: (kc) => [kubeconfigToken(kc)],
  },
  { name: "credentials", dir: "examples/credentials", ambient: true, secrets: () => ({ claudeCredentials: CREDENTIALS }), secretText: () => [TOKEN_IN_CREDENTIALS], expectCredentialsSecret: true },
  {
    name: "demo (top-level Pulumi.yaml)",
    dir: ".",
    config: (kc) => ({ kubeconfigPath: kc }),
    secrets: () => ({ claudeCredentials: CREDENTIALS }),
    secretText: (kc) => [TOKEN_IN_CREDENTIALS, kubeconfigToken(kc)],
    expectInputs: true,
    expectCredentialsSecret: true,
  },
];

describe.each(CASES)("example $name", (c) => {
  const kubeconfig = inject("kubeconfig");
  let stack: TestStack;
  let podName = "";
  const policy = policyConfig(c.policy);

  beforeAll(async () => {
    stack = new TestStack(join(ROOT, c.dir), `e2e-${c.name.split(" ")[0]}`, c.ambient ? { KUBECONFIG: kubeconfig } : {});
    await stack.init(c.config?.(kubeconfig) ?? {}, c.secrets?.(kubeconfig) ?? {});
  });
  afterAll(async () => {
    await stack.dispose();
  });

  it("previews with the policy pack and no violation", async () => {
    const r = await stack.preview(policy);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+\s+kubernetes:core\/v1:Pod /);
    expect(r.stdout).toMatch(/✅ ironflow@v0\.1\.0/);
    expect(r.stdout).not.toMatch(/\[mandatory\]|\[advisory\]/);
  });

  it("up creates the pod; the apiserver has it with the builder's labels, mounts, env and limits, and kwok runs it", async () => {
    const r = await stack.up(policy);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    podName = (await stack.outputs()).podName as string;
    const pod = kubectlJson(kubeconfig, ["get", "pod", podName, "-n", "default"]);
    expect(pod.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "ironflow", "app.kubernetes.io/component": "claude-runner" });
    expect(pod.metadata.labels["ironflow.io/instance"]).toMatch(/-[0-9a-f]{10}$/);
    expect(pod.status.phase).toBe("Running");
    const main = pod.spec.containers[0];
    expect(main.name).toBe("claude-code");
    expect(main.resources.limits).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(main.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    // The apiserver drops empty values: `value: ""` reads back as no value.
    expect(main.env.slice(0, 3)).toEqual([
      { name: "IRONFLOW_ALLOW_BYPASS" },
      { name: "HOME", value: "/home/claude" },
      { name: "TMPDIR", value: "/tmp" },
    ]);
    const volumes = pod.spec.volumes.map((v: { name: string }) => v.name);
    expect(volumes).toEqual(expect.arrayContaining(["ironflow-home", "ironflow-tmp"]));
    if (c.expectInputs) {
      expect(pod.spec.initContainers.map((i: { name: string }) => i.name)).toEqual(["ironflow-input-fetch"]);
      expect(pod.spec.initContainers[0].command[2]).toContain("curl -sSfL --proto '=https'");
      expect(volumes).toContain("ironflow-input-0");
    } else {
      expect(pod.spec.initContainers).toBeUndefined();
    }
    if (c.expectHostPath) {
      expect(pod.spec.volumes.find((v: { name: string }) => v.name === "vol-0").hostPath).toEqual({ path: "/srv/ironflow/repos", type: "Directory" });
      expect(main.volumeMounts.find((m: { name: string }) => m.name === "vol-0")).toEqual({ name: "vol-0", mountPath: "/data/repos", readOnly: true });
    }
    if (c.expectCredentialsSecret) {
      const ref = main.env.find((e: { name: string }) => e.name === "IRONFLOW_CLAUDE_CREDENTIALS").valueFrom.secretKeyRef;
      const secret = kubectlJson(kubeconfig, ["get", "secret", ref.name, "-n", "default"]);
      expect(Buffer.from(secret.data[ref.key], "base64").toString()).toBe(CREDENTIALS);
    }
    const policies = kubectlJson(kubeconfig, ["get", "networkpolicies", "-n", "default", "-l", "app.kubernetes.io/managed-by=ironflow"]);
    expect(policies.items.some((p: { spec: { podSelector: { matchLabels: Record<string, string> } } }) =>
      p.spec.podSelector.matchLabels["ironflow.io/instance"] === pod.metadata.labels["ironflow.io/instance"])).toBe(true);
  });

  it("a second preview right after up reports no changes", async () => {
    const r = await stack.preview(policy, ["--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  const secretText = c.secretText;
  if (secretText) {
    it("keeps credentials and kubeconfig out of the state file and the Pod", async () => {
      const state = stack.stateText();
      const pod = JSON.stringify(kubectlJson(kubeconfig, ["get", "pod", podName, "-n", "default"]));
      for (const secret of secretText(kubeconfig)) {
        expect(state.length).toBeGreaterThan(1000);
        expect(state.includes(secret)).toBe(false);
        expect(pod.includes(secret)).toBe(false);
      }
    });
  }

  it("destroy removes the pod and everything the component created", async () => {
    const r = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(ironflowObjects(kubeconfig)).toEqual([]);
  });
});
