// Render an example program's resources offline, as YAML, under Pulumi mocks:
// no engine, no cluster. `npm run render -- basic` prints the Pods it would create.
import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

/** A resource as the example registered it. */
export interface Rendered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Example names, each a directory with Pulumi.yaml and index.ts. */
export const EXAMPLES = ["basic", "inputs-and-volumes", "kubeconfig-file", "inline-kubeconfig", "credentials", "demo"] as const;

/**
 * Run every example once under mocks and collect its registrations by example.
 * Mocks are process-wide, so all examples run in one pass with their config set up front.
 */
export async function renderExamples(config: Record<string, string>): Promise<Map<string, Rendered[]>> {
  const out = new Map<string, Rendered[]>();
  let current: Rendered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        current.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call() {
        throw new Error("no invokes expected");
      },
    },
    "example",
    "dev",
    true,
  );
  pulumi.runtime.setAllConfig(config, Object.keys(config));
  for (const name of EXAMPLES) {
    current = [];
    out.set(name, current);
    await import(`./${name}/index`);
    // Registrations are asynchronous: let them reach the mock monitor.
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  }
  return out;
}

/** The Pods in a rendering, as plain manifests. */
export function podManifests(rendered: readonly Rendered[]): Record<string, unknown>[] {
  return rendered
    .filter((r) => r.type === "kubernetes:core/v1:Pod")
    .map((r) => ({ apiVersion: "v1", kind: "Pod", ...r.inputs }));
}

/** A syntactically valid kubeconfig for offline rendering; nothing connects to it. */
export const OFFLINE_KUBECONFIG =
  "apiVersion: v1\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:6443'}}]\n" +
  "contexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\nusers: [{name: u, user: {token: offline-kubeconfig-token}}]\n";

/** Example config for offline rendering, with a kubeconfig file written to `dir`. */
export function offlineConfig(dir: string): Record<string, string> {
  const path = join(dir, "kubeconfig.yaml");
  writeFileSync(path, OFFLINE_KUBECONFIG);
  return {
    "example:kubeconfigPath": path,
    "example:kubeconfig": OFFLINE_KUBECONFIG,
    "example:claudeCredentials": '{"claudeAiOauth":{"accessToken":"offline-placeholder"}}',
  };
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), "ironflow-render-"));
  const rendered = await renderExamples(offlineConfig(dir));
  rmSync(dir, { recursive: true, force: true });
  for (const [name, resources] of rendered) {
    if (only && only !== name) continue;
    for (const pod of podManifests(resources)) process.stdout.write(`# example: ${name}\n---\n${stringify(pod, { lineWidth: 0 })}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
