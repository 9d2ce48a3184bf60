// A local Kubernetes control plane for end-to-end tests, from real binaries:
//   etcd, kube-apiserver, kube-controller-manager, kube-scheduler, and kwok (one fake node, so pods
//   get scheduled and reach Running with no container runtime).
// Everything binds to 127.0.0.1 on random free ports. Plain Node ESM, builtins only.
//
//   import { startCluster, stopCluster } from "./cluster-lib.mjs";
//   const { kubeconfigPath, stop } = await startCluster({ dir });
//   ...
//   await stop();
//
// Binaries come from $IRONFLOW_TOOLCHAIN_BIN (see scripts/toolchain.sh), else from PATH.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const NODE_NAME = "kwok-node-0";
const STATE_FILE = "state.json";
const COMPONENTS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"];

export function defaultClusterDir() {
  return process.env.IRONFLOW_CLUSTER_DIR || path.join(process.env.TMPDIR || os.tmpdir(), "ironflow-cluster");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function findBinary(name) {
  const dirs = [];
  if (process.env.IRONFLOW_TOOLCHAIN_BIN) dirs.push(process.env.IRONFLOW_TOOLCHAIN_BIN);
  dirs.push(...(process.env.PATH || "").split(path.delimiter).filter(Boolean));
  for (const d of dirs) {
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {}
  }
  throw new Error(
    `${name} not found in IRONFLOW_TOOLCHAIN_BIN or PATH; run: eval "$(bash scripts/toolchain.sh | tail -1)"`,
  );
}

function findKwokStages(kwokBin) {
  const candidates = [];
  if (process.env.IRONFLOW_KWOK_STAGES) candidates.push(process.env.IRONFLOW_KWOK_STAGES);
  candidates.push(path.join(path.dirname(kwokBin), "kwok-stages"));
  candidates.push(path.join(path.dirname(fs.realpathSync(kwokBin)), "..", "stages"));
  for (const c of candidates) {
    if (fs.existsSync(path.join(c, "pod-ready.yaml"))) return c;
  }
  throw new Error(`kwok stage files not found (looked in ${candidates.join(", ")}); run scripts/toolchain.sh`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen({ host: "127.0.0.1", port: 0 }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function freePorts(n) {
  const out = new Set();
  while (out.size < n) out.add(await freePort());
  return [...out];
}

export function tailFile(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.split("\n").slice(-lines - 1).join("\n");
  } catch {
    return "(no log)";
  }
}

/** True if pid is a live process (a zombie, exited but not yet reaped by its parent, is not alive). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== "EPERM") return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc: trust kill(0)
  }
}
const alive = isAlive;

function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig); // each component is its own process group (detached)
  } catch {
    try {
      process.kill(pid, sig);
    } catch {}
  }
}

/** Stops processes: SIGTERM, then SIGKILL after a grace period. */
export async function stopPids(pids, { graceMs = 8000 } = {}) {
  const list = pids.filter((p) => Number.isInteger(p) && p > 0);
  for (const pid of list) killGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && list.some(alive)) await sleep(100);
  for (const pid of list) if (alive(pid)) killGroup(pid, "SIGKILL");
  const killDeadline = Date.now() + 5000;
  while (Date.now() < killDeadline && list.some(alive)) await sleep(50);
}

/** Stops the components in reverse dependency order: clients, then the apiserver, then etcd. */
export async function stopComponents(pids) {
  const clients = ["kwok", "kube-scheduler", "kube-controller-manager"].map((c) => pids[c]).filter(Boolean);
  await stopPids(clients);
  if (pids["kube-apiserver"]) await stopPids([pids["kube-apiserver"]]);
  if (pids.etcd) await stopPids([pids.etcd]);
}

/** Stops the cluster recorded in dir and removes dir. Safe to call when nothing runs. */
export async function stopCluster({ dir = defaultClusterDir(), keepDir = false } = {}) {
  const stateFile = path.join(dir, STATE_FILE);
  let state = null;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  } catch {}
  if (state?.pids) await stopComponents(state.pids);
  if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
  return state;
}

export function readState(dir = defaultClusterDir()) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8"));
  } catch {
    return null;
  }
}

function request(url, { token, method = "GET", body, timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === "https:" ? https : http;
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = mod.request(
      u,
      {
        method,
        rejectUnauthorized: false,
        timeout: timeoutMs,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(data ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) } : {}),
          Accept: "application/json",
        },
      },
      (res) => {
        let buf = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (buf += c));
        res.on("end", () => {
          let json;
          try {
            json = JSON.parse(buf);
          } catch {}
          resolve({ status: res.statusCode, body: buf, json });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.on("error", reject);
    if (data) req.write(data);
    req.end();
  });
}

class ComponentError extends Error {
  constructor(component, message, logFile) {
    super(`${component}: ${message}`);
    this.component = component;
    this.logFile = logFile;
  }
}

function kubeconfigYaml(server, token) {
  return `apiVersion: v1
kind: Config
clusters:
- name: ironflow
  cluster:
    server: ${server}
    insecure-skip-tls-verify: true
users:
- name: admin
  user:
    token: ${token}
contexts:
- name: ironflow
  context:
    cluster: ironflow
    user: admin
    namespace: default
current-context: ironflow
`;
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (+ one fake node),
 * waits until the API is ready, the default ServiceAccount exists and the node is Ready.
 * Returns { dir, kubeconfigPath, server, token, pids, stop() }.
 * Processes are detached (own process groups) and keep running until stop()/stopCluster().
 * If any step fails, everything started is stopped, the dir is removed (unless keepDirOnFailure),
 * and the error carries .component and .logTail.
 */
export async function startCluster({
  dir = defaultClusterDir(),
  log = (msg) => process.stderr.write(`[cluster] ${msg}\n`),
  timeoutMs = 180000,
  keepDirOnFailure = false,
} = {}) {
  const t0 = Date.now();
  const existing = readState(dir);
  if (existing?.pids && Object.values(existing.pids).some(alive)) {
    throw new Error(`a cluster is already running from ${dir} (pids ${Object.values(existing.pids).join(" ")}); stop it first`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  dir = fs.realpathSync(dir);

  const bins = {};
  for (const c of COMPONENTS) bins[c] = findBinary(c);
  const stagesDir = findKwokStages(bins.kwok);

  const [etcdClient, etcdPeer, apiPort, kcmPort, schedPort] = await freePorts(5);
  const token = randomBytes(24).toString("hex");
  const server = `https://127.0.0.1:${apiPort}`;
  const file = (n) => path.join(dir, n);

  // credentials
  fs.writeFileSync(file("tokens.csv"), `${token},admin,admin,"system:masters"\n`, { mode: 0o600 });
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  fs.writeFileSync(file("sa.key"), privateKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
  fs.writeFileSync(file("sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
  const kubeconfigPath = file("kubeconfig");
  fs.writeFileSync(kubeconfigPath, kubeconfigYaml(server, token), { mode: 0o600 });
  fs.mkdirSync(file("pki"), { mode: 0o700 });

  // kwok config: a KwokConfiguration plus the stages (node init + lease heartbeat, pod ready/complete/delete)
  const stageNames = ["node-initialize", "node-heartbeat-with-lease", "pod-ready", "pod-complete", "pod-delete"];
  const kwokDocs = [
    [
      "apiVersion: config.kwok.x-k8s.io/v1alpha1",
      "kind: KwokConfiguration",
      "options:",
      "  nodeLeaseDurationSeconds: 40",
      "  nodeLeaseParallelism: 4",
      "  podPlayStageParallelism: 4",
      "  nodePlayStageParallelism: 4",
      "  podsOnNodeSyncParallelism: 1",
      "",
    ].join("\n"),
    ...stageNames.map((s) => fs.readFileSync(path.join(stagesDir, `${s}.yaml`), "utf8")),
  ];
  fs.writeFileSync(file("kwok.yaml"), kwokDocs.map((d) => d.trim() + "\n").join("---\n"));

  const procs = {}; // name -> ChildProcess
  const pids = {};
  const writeState = () =>
    fs.writeFileSync(
      file(STATE_FILE),
      JSON.stringify({ pids, server, kubeconfig: kubeconfigPath, ports: { etcdClient, etcdPeer, apiPort, kcmPort, schedPort }, startedAt: new Date().toISOString() }, null, 2),
    );
  const stop = async () => {
    await stopComponents(pids);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const start = (name, args) => {
    const logFile = file(`${name}.log`);
    const fd = fs.openSync(logFile, "a");
    const child = spawn(bins[name], args, {
      cwd: dir,
      detached: true,
      stdio: ["ignore", fd, fd],
      env: { ...process.env, HOME: process.env.HOME || dir },
    });
    fs.closeSync(fd);
    child.exited = null;
    child.on("exit", (code, sig) => (child.exited = { code, sig }));
    child.on("error", (e) => (child.exited = { error: e }));
    child.unref();
    procs[name] = child;
    pids[name] = child.pid;
    writeState();
    return child;
  };

  // Poll fn() until it returns truthy; fail fast if the component's process died.
  const waitFor = async (name, what, fn, ms = timeoutMs) => {
    const deadline = Date.now() + ms;
    let lastErr = "";
    while (Date.now() < deadline) {
      for (const [n, p] of Object.entries(procs)) {
        if (p.exited) {
          const how = p.exited.error ? p.exited.error.message : `exit code ${p.exited.code}${p.exited.sig ? ` signal ${p.exited.sig}` : ""}`;
          throw new ComponentError(n, `exited unexpectedly (${how}) while waiting for ${what}`, file(`${n}.log`));
        }
      }
      try {
        const ok = await fn();
        if (ok) return ok;
      } catch (e) {
        lastErr = e.message;
      }
      await sleep(250);
    }
    throw new ComponentError(name, `timed out waiting for ${what}${lastErr ? ` (last error: ${lastErr})` : ""}`, file(`${name}.log`));
  };
  const api = (p, opts = {}) => request(server + p, { token, ...opts });

  try {
    log(`starting etcd (127.0.0.1:${etcdClient})`);
    start("etcd", [
      "--name=default",
      `--data-dir=${file("etcd-data")}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      "--unsafe-no-fsync=true",
      "--log-level=warn",
    ]);
    await waitFor("etcd", "etcd /health", async () => {
      const r = await request(`http://127.0.0.1:${etcdClient}/health`);
      return r.status === 200 && r.json?.health === "true";
    });

    log(`starting kube-apiserver (${server})`);
    start("kube-apiserver", [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${file("pki")}`,
      `--token-auth-file=${file("tokens.csv")}`,
      "--authorization-mode=RBAC",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${file("sa.pub")}`,
      `--service-account-signing-key-file=${file("sa.key")}`,
      "--service-cluster-ip-range=10.96.0.0/16",
      "--endpoint-reconciler-type=none",
      "--allow-privileged=true",
      "--profiling=false",
      "--enable-priority-and-fairness=false",
    ]);
    await waitFor("kube-apiserver", "/readyz", async () => {
      const r = await api("/readyz");
      return r.status === 200;
    });

    const delegation = [`--kubeconfig=${kubeconfigPath}`, `--authentication-kubeconfig=${kubeconfigPath}`, `--authorization-kubeconfig=${kubeconfigPath}`];
    log(`starting kube-controller-manager (127.0.0.1:${kcmPort})`);
    start("kube-controller-manager", [
      ...delegation,
      "--bind-address=127.0.0.1",
      `--secure-port=${kcmPort}`,
      "--leader-elect=false",
      `--service-account-private-key-file=${file("sa.key")}`,
      `--root-ca-file=${file("pki/apiserver.crt")}`,
      "--service-cluster-ip-range=10.96.0.0/16",
      "--profiling=false",
    ]);
    log(`starting kube-scheduler (127.0.0.1:${schedPort})`);
    start("kube-scheduler", [...delegation, "--bind-address=127.0.0.1", `--secure-port=${schedPort}`, "--leader-elect=false", "--profiling=false"]);

    // the fake node kwok manages (no taint, so ordinary workloads schedule on it)
    await waitFor("kube-apiserver", `node ${NODE_NAME} creation`, async () => {
      const r = await api("/api/v1/nodes", {
        method: "POST",
        body: {
          apiVersion: "v1",
          kind: "Node",
          metadata: {
            name: NODE_NAME,
            annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
            labels: { "kubernetes.io/hostname": NODE_NAME, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", type: "kwok" },
          },
          status: {
            allocatable: { cpu: "32", memory: "256Gi", pods: "110" },
            capacity: { cpu: "32", memory: "256Gi", pods: "110" },
          },
        },
      });
      if (r.status === 201 || r.status === 409) return true;
      throw new Error(`POST node: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    });

    log("starting kwok");
    start("kwok", [
      `--kubeconfig=${kubeconfigPath}`,
      `--config=${file("kwok.yaml")}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      "--node-lease-duration-seconds=40",
      "--cidr=10.244.0.0/16",
      "--node-ip=10.0.0.1",
    ]);

    await waitFor("kube-controller-manager", "the default ServiceAccount in namespace default", async () => {
      const r = await api("/api/v1/namespaces/default/serviceaccounts/default");
      return r.status === 200;
    });
    await waitFor("kwok", `node ${NODE_NAME} Ready`, async () => {
      const r = await api(`/api/v1/nodes/${NODE_NAME}`);
      return r.json?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
    });
    log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s; kubeconfig: ${kubeconfigPath}`);
    writeState();
    return { dir, kubeconfigPath, server, token, pids: { ...pids }, stop };
  } catch (e) {
    const component = e.component || "cluster";
    const logFile = e.logFile;
    e.logTail = logFile ? tailFile(logFile) : "";
    log(`FAILED: ${e.message}`);
    if (logFile) log(`last lines of ${logFile}:\n${e.logTail}`);
    await stopComponents(pids);
    if (!keepDirOnFailure) fs.rmSync(dir, { recursive: true, force: true });
    e.component = component;
    throw e;
  }
}
