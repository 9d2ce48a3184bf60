import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installMocks, secretEnvelope, settle, unwrap, type Registered } from "./mocks";

const registered: Registered[] = installMocks();
let lib: typeof import("../components");
const dir = mkdtempSync(join(tmpdir(), "ironflow-kubeconfig-"));

export const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
- name: other
  cluster:
    server: https://10.0.0.1:443
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: agents}
- name: other
  context: {cluster: other, user: admin}
current-context: local
users:
- name: admin
  user:
    token: super-secret-token
`;

beforeAll(async () => {
  lib = await import("../components");
});
beforeEach(() => {
  registered.length = 0;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function byName(name: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- mock inputs
  const found = registered.filter((r) => r.name === name);
  expect(found).toHaveLength(1);
  return found[0]!.inputs;
}

/** Create a provider, wait for its registration, return the inputs the engine got. */
async function providerInputs(name: string, args?: Parameters<typeof lib.createKubernetesProvider>[1]): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- mock inputs
  await unwrap(lib.createKubernetesProvider(name, args).urn);
  await settle();
  return byName(name);
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("checkKubeconfig", () => {
  it("summarises the current context without credentials", () => {
    expect(lib.checkKubeconfig(KUBECONFIG)).toEqual({ context: "local", cluster: "local", server: "https://127.0.0.1:6443", namespace: "agents" });
    expect(lib.checkKubeconfig(KUBECONFIG, "other")).toEqual({ context: "other", cluster: "other", server: "https://10.0.0.1:443" });
  });

  it.each([
    ["not YAML at all", "clusters: [\n", /^invalid YAML at line 2, column 1 \(/],
    ["no clusters", "clusters: []\ncontexts: []\nusers: []\n", /^it has no clusters at clusters$/],
    ["no current context", KUBECONFIG.replace("current-context: local\n", ""), /^no current-context is set and no context was given$/],
    ["a missing context", KUBECONFIG.replace("current-context: local", "current-context: nope"), /^context 'nope' does not exist \(contexts: local, other\)$/],
    ["a missing cluster", KUBECONFIG.replace("{cluster: local,", "{cluster: gone,"), /^context 'local' names cluster 'gone', which does not exist$/],
    ["a missing user", KUBECONFIG.replace("user: admin, namespace", "user: bob, namespace"), /^context 'local' names user 'bob', which does not exist$/],
  ])("refuses %s", (_what, text, message) => {
    expect(() => lib.checkKubeconfig(text)).toThrow(message);
  });

  it("never echoes the contents in its errors", () => {
    const broken = KUBECONFIG.replace("current-context: local", "current-context: [super-secret-token");
    let message = "";
    try {
      lib.loadInlineKubeconfig(broken);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.startsWith("failed to parse inline kubeconfig: invalid YAML at line")).toBe(true);
    expect(message).not.toContain("super-secret-token");
  });
});

describe("createKubernetesProvider", () => {
  it("uses the ambient kubeconfig when given neither field", async () => {
    expect(await providerInputs("ambient")).toEqual({});
    expect(registered.filter((r) => r.name === "ambient").map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
  });

  it("refuses both kubeconfig fields", () => {
    expect(() => lib.createKubernetesProvider("both", { kubeconfigPath: "/x", kubeconfig: "y" })).toThrow(
      "createKubernetesProvider 'both': kubeconfigPath and kubeconfig are mutually exclusive",
    );
  });

  it("reads a kubeconfig file and passes its contents as a secret, keyed by the server URL", async () => {
    const inputs = await providerInputs("fromfile", { kubeconfigPath: file("ok.yaml", KUBECONFIG), namespace: "agents" });
    expect(inputs.kubeconfig).toEqual(secretEnvelope(KUBECONFIG));
    expect(inputs.clusterIdentifier).toBe("https://127.0.0.1:6443");
    expect(inputs.namespace).toBe("agents");
  });

  it("fails on a missing file with the seed's message", () => {
    const missing = join(dir, "missing.yaml");
    expect(() => lib.createKubernetesProvider("missing", { kubeconfigPath: missing })).toThrow(
      `failed to read kubeconfig from '${missing}': ENOENT: no such file or directory, open '${missing}'`,
    );
  });

  it("fails on an unreadable file", async () => {
    const p = file("unreadable.yaml", KUBECONFIG);
    chmodSync(p, 0o000);
    // root reads anything: then the file is read and passed as a secret; otherwise EACCES.
    const isRoot = process.getuid?.() === 0;
    if (isRoot) expect((await providerInputs("unreadable", { kubeconfigPath: p })).kubeconfig).toEqual(secretEnvelope(KUBECONFIG));
    else expect(() => lib.createKubernetesProvider("unreadable", { kubeconfigPath: p })).toThrow(`failed to read kubeconfig from '${p}': EACCES`);
  });

  it("fails on a directory given as a file", () => {
    expect(() => lib.createKubernetesProvider("dir", { kubeconfigPath: dir })).toThrow(
      `failed to read kubeconfig from '${dir}': EISDIR: illegal operation on a directory, read`,
    );
  });

  it("fails on a file that is not a kubeconfig", () => {
    const p = file("bad.yaml", "clusters: []\n");
    expect(() => lib.createKubernetesProvider("bad", { kubeconfigPath: p })).toThrow(
      `failed to parse kubeconfig from '${p}': it has no clusters at clusters`,
    );
  });

  it("checks the requested context against the file", () => {
    const p = file("ctx.yaml", KUBECONFIG);
    expect(() => lib.createKubernetesProvider("ctx", { kubeconfigPath: p, context: "prod" })).toThrow(
      `failed to parse kubeconfig from '${p}': context 'prod' does not exist (contexts: local, other)`,
    );
  });

  it("checks inline kubeconfig and passes it as a secret", async () => {
    const inputs = await providerInputs("inline", { kubeconfig: KUBECONFIG, context: "other" });
    expect(inputs.kubeconfig).toEqual(secretEnvelope(KUBECONFIG));
    expect(inputs.context).toBe("other");
    expect(inputs.clusterIdentifier).toBe("https://10.0.0.1:443");
  });

  it("refuses bad inline kubeconfig with the seed's message", () => {
    expect(() => lib.createKubernetesProvider("inline-bad", { kubeconfig: "users: []\nclusters: [{name: a, cluster: {server: s}}]\ncontexts: [{name: a, context: {cluster: a, user: u}}]\n" })).toThrow(
      "failed to parse inline kubeconfig: it has no users at users",
    );
  });

  it("keeps a stable cluster identifier when the kubeconfig is an Output", async () => {
    const inputs = await providerInputs("late", { kubeconfig: pulumi.output(KUBECONFIG) });
    expect(inputs.clusterIdentifier).toBe("ironflow-late");
    expect(inputs.kubeconfig).toEqual(secretEnvelope(KUBECONFIG));
  });

  it("honours an explicit cluster identifier and SSA switch", async () => {
    const inputs = await providerInputs("explicit", { kubeconfig: KUBECONFIG, clusterIdentifier: "prod-eu", enableServerSideApply: false });
    // Provider inputs reach the engine JSON-encoded.
    expect(inputs.clusterIdentifier).toBe("prod-eu");
    expect(inputs.enableServerSideApply).toBe("false");
  });
});
