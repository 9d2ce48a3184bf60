/**
 * Pods for the policy tests, built with the real builder (`buildPodSpec`)
 * and then, where a case needs something the builder will not produce
 * (a spoofed label, a `:latest` image, the seed's inline credentials), edited
 * the way a `transforms` option or a hand-written Pod would.
 */
import { buildCredentialsPrefix, buildPodSpec, type PodConfig, type RunnerPod } from "../../components";
import { wrapCommandWithPrefix } from "../../components/startup";
import { UNKNOWN_STRING } from "../../policy/lib/runtime";

/** A fake OAuth token of the right shape (not a real credential). */
export const FAKE_OAUTH_TOKEN = "sk-ant-oat01-" + "FAKEfakeFAKEfake0123456789".repeat(3);
/** A fake API key of the right shape (not a real credential). */
export const FAKE_API_KEY = "sk-ant-api03-" + "TESTtestTEST0123456789".repeat(3);
/** Claude Code's credentials file shape, with fake tokens. */
export const FAKE_CREDENTIALS_JSON = JSON.stringify({
  claudeAiOauth: { accessToken: FAKE_OAUTH_TOKEN, refreshToken: "sk-ant-ort01-" + "R".repeat(40), expiresAt: 1893456000000 },
});
/** The preview sentinel the engine sends for an unknown value. */
export const UNKNOWN = UNKNOWN_STRING;

/** The base config: pinned image, limits, no inputs, no volumes. */
export const BASE: PodConfig = {
  name: "agent",
  image: "ghcr.io/acme/claude-code:1.2.3",
  command: ["claude", "-p", "fix the failing test"],
  resources: { cpuLimit: "2", memoryLimit: "4Gi" },
};

/** A fresh, mutable builder Pod. */
export function pod(overrides: Partial<PodConfig> = {}): RunnerPod {
  return structuredClone(buildPodSpec({ ...BASE, ...overrides }));
}

/** Edit a builder Pod in place and return it (what a `transforms` option can do). */
export function edit<T>(p: T, fn: (p: T) => void): T {
  fn(p);
  return p;
}

/** A Pod with two https inputs (so an `ironflow-input-fetch` init container). */
export function podWithInputs(urls: string[] = ["https://files.example.com/spec.md", "https://files.example.com/data/a.json"], overrides: Partial<PodConfig> = {}): RunnerPod {
  return pod({
    // http:// needs the builder's opt-in (curl then gets --proto '=http,https').
    inputs: urls.map((url, i) => ({ url, mountPath: `/work/inputs/f${i}`, ...(url.startsWith("http://") ? { allowHttp: true } : {}) })),
    ...overrides,
  });
}

/** The seed's inline-credentials command: the OAuth JSON inlined in `sh -c`. */
export function seedCredentialsPod(json = FAKE_CREDENTIALS_JSON): RunnerPod {
  return edit(pod(), (p) => {
    p.spec.containers[0]!.command = wrapCommandWithPrefix(buildCredentialsPrefix(json), BASE.command);
  });
}

/** What ClaudeRunnerPod builds with `credentials`: a secretKeyRef and a prefix that reads the env var. */
export function secretCredentialsPod(): RunnerPod {
  return pod({ credentialsSecret: { name: "agent-credentials", key: "credentials.json" } });
}
