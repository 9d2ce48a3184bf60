// Starts one local control plane (etcd, kube-apiserver, controller-manager,
// scheduler, kwok; loopback only) for the end-to-end suite and stops it after.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TestProject } from "vitest/node";
import { requireToolchain } from "./toolchain";

declare module "vitest" {
  export interface ProvidedContext {
    kubeconfig: string;
  }
}

interface ClusterLib {
  startCluster(opts: { dir: string }): Promise<{ kubeconfigPath: string; stop(): Promise<unknown> }>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireToolchain();
  const dir = mkdtempSync(join(tmpdir(), "ironflow-e2e-cluster-"));
  // scripts/cluster-lib.mjs is plain ESM shared with `npm run cluster`; typed here by hand.
  const lib = (await import(pathToFileURL(join(__dirname, "../../scripts/cluster-lib.mjs")).href)) as ClusterLib;
  const cluster = await lib.startCluster({ dir });
  project.provide("kubeconfig", cluster.kubeconfigPath);
  return async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
