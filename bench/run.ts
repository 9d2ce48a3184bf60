// Benchmarks: figures, not pass/fail. `npm run bench` prints throughput and
// memory of the pure builder and of the component under Pulumi mocks.
import { performance } from "node:perf_hooks";
import { PodConfigError, buildPodSpec, type PodConfig } from "../components";

const minimal: PodConfig = { image: "img:v1", command: ["claude", "-p", "hi"] };
const loaded: PodConfig = {
  ...minimal,
  name: "loaded",
  namespace: "agents",
  sandbox: {},
  resources: { cpuLimit: "2", memoryLimit: "4Gi" },
  env: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`VAR_${i}`, `value-${i}`])),
  secretEnv: [{ name: "ANTHROPIC_API_KEY", secretName: "anthropic", key: "api-key" }],
  labels: { team: "infra", env: "prod" },
  volumes: [{ hostPath: "/srv/repos", mountPath: "/repos" }],
  pvcMounts: [{ claimName: "workspace", mountPath: "/workspace" }],
  readOnlyMounts: [{ mountPath: "/ref", configMap: "guides" }],
  profileConfigMaps: ["profile"],
  inputs: Array.from({ length: 10 }, (_, i) => ({ url: `https://x.com/f${i}`, mountPath: `/work/d${i % 3}/f${i}`, sha256: "a".repeat(64) })),
  tolerations: [{ key: "dedicated", operator: "Equal", value: "agents", effect: "NoSchedule" }],
};
const invalid = { ...minimal, name: "Bad_Name", namespace: "Bad", resources: { cpuLimit: "x" } } as PodConfig;

function bench(label: string, iterations: number, fn: () => void): void {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(); // warm up
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = performance.now() - start;
  const heapAfter = process.memoryUsage().heapUsed;
  const perOp = (ms * 1000) / iterations;
  console.log(
    `${label.padEnd(40)} ${String(iterations).padStart(7)} runs  ${perOp.toFixed(1).padStart(8)} µs/op  ${Math.round(iterations / (ms / 1000)).toLocaleString("en").padStart(9)} ops/s  heap Δ ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB`,
  );
}

async function componentBench(count: number): Promise<void> {
  const pulumi = await import("@pulumi/pulumi");
  let registered = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        registered++;
        return { id: `${a.name}-id`, state: a.inputs };
      },
      call: () => ({}),
    },
    "bench",
    "bench",
    true,
  );
  const { ClaudeRunnerPod } = await import("../components");
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const pods = Array.from({ length: count }, (_, i) => new ClaudeRunnerPod(`agent-${i}`, loaded));
  await Promise.all(pods.map((p) => new Promise((r) => p.urn.apply(r))));
  while (registered < count * 2) await new Promise((r) => setImmediate(r));
  const ms = performance.now() - start;
  console.log(
    `${"ClaudeRunnerPod (loaded) under mocks".padEnd(40)} ${String(count).padStart(7)} pods  ${(ms / count).toFixed(2).padStart(8)} ms/pod  total ${(ms / 1000).toFixed(2)} s  rss Δ ${((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(0)} MiB`,
  );
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  bench("buildPodSpec (minimal)", 50_000, () => buildPodSpec(minimal));
  bench("buildPodSpec (sandboxed, 10 inputs)", 10_000, () => buildPodSpec(loaded));
  bench("buildPodSpec (invalid, 3 problems)", 20_000, () => {
    try {
      buildPodSpec(invalid);
    } catch (e) {
      if (!(e instanceof PodConfigError)) throw e;
    }
  });
  await componentBench(500);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
