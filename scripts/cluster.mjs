#!/usr/bin/env node
// Local Kubernetes control plane for end-to-end tests (see scripts/cluster-lib.mjs).
//
//   node scripts/cluster.mjs up       start it; the last line of stdout is the kubeconfig path
//   node scripts/cluster.mjs down     stop everything and remove the state dir
//   node scripts/cluster.mjs status   print the recorded state and which processes are alive
//
// State dir: $IRONFLOW_CLUSTER_DIR (default $TMPDIR/ironflow-cluster). Binaries: $IRONFLOW_TOOLCHAIN_BIN or PATH.
import { defaultClusterDir, isAlive, readState, startCluster, stopCluster } from "./cluster-lib.mjs";

const cmd = process.argv[2];
const dir = defaultClusterDir();

const alive = isAlive;

async function main() {
  switch (cmd) {
    case "up": {
      const state = readState(dir);
      if (state?.pids && Object.values(state.pids).some(alive)) {
        console.error(`[cluster] already running (state in ${dir}); run 'node scripts/cluster.mjs down' first`);
        process.exit(1);
      }
      try {
        const { kubeconfigPath } = await startCluster({ dir });
        console.log(kubeconfigPath);
        process.exit(0);
      } catch (e) {
        console.error(`[cluster] up failed (${e.component || "cluster"}): ${e.message}`);
        process.exit(1);
      }
      break;
    }
    case "down": {
      const state = await stopCluster({ dir });
      console.error(state ? `[cluster] stopped (${Object.values(state.pids || {}).join(" ")}) and removed ${dir}` : `[cluster] nothing recorded in ${dir}`);
      break;
    }
    case "status": {
      const state = readState(dir);
      if (!state) {
        console.log(`no cluster state in ${dir}`);
        process.exit(1);
      }
      for (const [name, pid] of Object.entries(state.pids || {})) console.log(`${name.padEnd(24)} pid ${pid} ${alive(pid) ? "running" : "DEAD"}`);
      console.log(`server     ${state.server}`);
      console.log(state.kubeconfig);
      break;
    }
    default:
      console.error("usage: node scripts/cluster.mjs up|down|status");
      process.exit(2);
  }
}

main().catch((e) => {
  console.error(`[cluster] ${e.stack || e}`);
  process.exit(1);
});
