// Replacement, deploy-time policy enforcement, late validation and an
// unreachable cluster, through the real CLI against a local apiserver.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ironflowObjects, kubectlJson } from "./kube";
import { TestStack } from "./pulumi";

const POLICY = join(__dirname, "policy-config.json");
const program = (name: string): string => join(__dirname, "programs", name);

interface PodView {
  name: string;
  image: string;
  uid: string;
}

function ironflowPods(kubeconfig: string): PodView[] {
  const list = kubectlJson(kubeconfig, ["get", "pods", "-n", "default", "-l", "app.kubernetes.io/managed-by=ironflow"]);
  return list.items.map((p: { metadata: { name: string; uid: string }; spec: { containers: Array<{ image: string }> } }) => ({
    name: p.metadata.name,
    image: p.spec.containers[0]!.image,
    uid: p.metadata.uid,
  }));
}

describe.each([
  { naming: "auto-named", podName: undefined as string | undefined },
  { naming: "fixed-name", podName: "fixed-replace-agent" },
])("changing the image replaces the pod cleanly ($naming)", ({ naming, podName }) => {
  const kubeconfig = inject("kubeconfig");
  let stack: TestStack;

  beforeAll(async () => {
    stack = new TestStack(program("replace"), `e2e-replace-${naming}`);
    await stack.init({ kubeconfigPath: kubeconfig, image: "ghcr.io/acme/claude-runner:1.0.0", ...(podName ? { podName } : {}) });
  });
  afterAll(async () => stack.dispose());

  it("replaces: one pod before, one pod after, with the new image", async () => {
    expect((await stack.up(POLICY)).code).toBe(0);
    const before = ironflowPods(kubeconfig);
    expect(before.map((p) => p.image)).toEqual(["ghcr.io/acme/claude-runner:1.0.0"]);

    await stack.ok(["config", "set", "image", "ghcr.io/acme/claude-runner:2.0.0"]);
    const preview = await stack.preview(POLICY, ["--diff"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/\+-kubernetes:core\/v1:Pod: \(replace\)/);
    expect(preview.stdout).toMatch(/\+-1 to replace/);
    const up = await stack.up(POLICY);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(up.stdout).toMatch(/1 replaced/);

    const after = ironflowPods(kubeconfig);
    expect(after.map((p) => p.image)).toEqual(["ghcr.io/acme/claude-runner:2.0.0"]);
    expect(after[0]!.uid).not.toBe(before[0]!.uid);
    if (podName) expect(after[0]!.name).toBe(podName);
    else expect(after[0]!.name).not.toBe(before[0]!.name);
    expect((await stack.outputs()).podName).toBe(after[0]!.name);
  });

  it("destroy leaves nothing behind", async () => {
    expect((await stack.run(["destroy", "--yes", "--skip-preview"])).code).toBe(0);
    expect(ironflowObjects(kubeconfig)).toEqual([]);
  });
});

describe("the managed-by labels are enforced at deploy time", () => {
  const kubeconfig = inject("kubeconfig");
  const stacks: TestStack[] = [];
  afterAll(async () => {
    for (const s of stacks) await s.dispose();
  });

  it("a transforms option that rewrites the label fails preview with the mandatory violation, and up creates nothing", async () => {
    const stack = new TestStack(program("transforms"), "e2e-transforms");
    stacks.push(stack);
    await stack.init({ kubeconfigPath: kubeconfig });
    const preview = await stack.preview(POLICY);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/\[mandatory\]\s+ironflow-managed-labels\s+\(kubernetes:core\/v1:Pod: transformed-agent\)/);
    expect(preview.stdout).toMatch(/label 'app\.kubernetes\.io\/managed-by' is 'someone-else', expected 'ironflow'/);
    const up = await stack.up(POLICY);
    expect(up.code).not.toBe(0);
    expect(ironflowPods(kubeconfig)).toEqual([]);
    expect(kubectlJson(kubeconfig, ["get", "pods", "-n", "default"]).items).toEqual([]);
  });

  it("a provider with server-side apply disabled fails preview with the mandatory violation, and nothing is created", async () => {
    const stack = new TestStack(program("csa"), "e2e-csa");
    stacks.push(stack);
    await stack.init({ kubeconfigPath: kubeconfig });
    const preview = await stack.preview(POLICY);
    expect(preview.code, preview.stdout).not.toBe(0);
    expect(preview.stdout).toMatch(/\[mandatory\]\s+ironflow-managed-labels\s+\(kubernetes:core\/v1:Pod: csa-agent\)/);
    expect(preview.stdout).toMatch(/label 'app\.kubernetes\.io\/managed-by' is 'pulumi', expected 'ironflow'/);
    const up = await stack.up(POLICY);
    expect(up.code).not.toBe(0);
    expect(kubectlJson(kubeconfig, ["get", "pods", "-n", "default"]).items).toEqual([]);
  });
});

describe("values known only at deploy time", () => {
  const kubeconfig = inject("kubeconfig");
  let stack: TestStack;
  afterAll(async () => stack.dispose());

  it("an invalid Output value fails the preview with the field and the value, and nothing is created", async () => {
    stack = new TestStack(program("late-invalid"), "e2e-late-invalid");
    await stack.init({ kubeconfigPath: kubeconfig, imageTag: "not a tag" });
    const preview = await stack.preview(POLICY);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toContain(
      "invalid ClaudeRunnerPod 'late-agent' args: 1 problem\n      - image: must be a non-empty image reference without whitespace, got 'ghcr.io/acme/claude-runner:not a tag'",
    );
    expect(kubectlJson(kubeconfig, ["get", "pods", "-n", "default"]).items).toEqual([]);
  });

  it("an invalid plain value fails the preview from the constructor, before anything is registered", async () => {
    await stack.ok(["config", "set", "imageTag", "1.2.3"]);
    await stack.ok(["config", "set", "namespace", "Bad_Namespace"]);
    const preview = await stack.preview(POLICY);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toContain(
      "invalid ClaudeRunnerPod 'late-agent' args: 1 problem\n      - namespace: must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), got 'Bad_Namespace'",
    );
    expect(preview.stdout).not.toMatch(/ClaudeRunnerPod late-agent create/);
  });
});

describe("an unreachable cluster", () => {
  let stack: TestStack;
  let kubeconfigPath: string;
  beforeAll(async () => {
    // A kubeconfig whose server is a closed loopback port.
    const dir = mkdtempSync(join(tmpdir(), "ironflow-unreachable-"));
    kubeconfigPath = join(dir, "kubeconfig");
    writeFileSync(
      kubeconfigPath,
      readFileSync(inject("kubeconfig"), "utf8").replace(/server: https:\/\/127\.0\.0\.1:\d+/, "server: https://127.0.0.1:9"),
    );
    stack = new TestStack(program("replace"), "e2e-unreachable");
    await stack.init({ kubeconfigPath, image: "ghcr.io/acme/claude-runner:1.0.0" });
  });
  afterAll(async () => stack.dispose());

  it("preview still succeeds", async () => {
    const r = await stack.preview(POLICY);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+\s+kubernetes:core\/v1:Pod replace-agent create/);
  });

  it("up fails with a clear message", async () => {
    const r = await stack.up(POLICY);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/configured Kubernetes cluster is unreachable/);
  });
});
