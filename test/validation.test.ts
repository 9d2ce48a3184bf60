// One valid and one invalid case per rule, each with the exact message.
import { describe, expect, it } from "vitest";
import { PodConfigError, buildPodSpec, validatePodConfig, type PodConfig } from "../components";

const ok: PodConfig = { image: "ghcr.io/acme/claude-runner:1.2.3", command: ["claude", "-p", "hi"] };

interface Case {
  rule: string;
  valid: Partial<PodConfig>;
  invalid: Partial<PodConfig> | Record<string, unknown>;
  /** The one line the error must hold: `<path>: <message>`. */
  message: string;
}

const SUB = "must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)";
const LBL = "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";
const QTY = "must be a Kubernetes quantity such as '500m', '2', '512Mi' or '4Gi'";
const KEY = "label key must be an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const VAL = "label value must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

const cases: Case[] = [
  { rule: "pod name is a DNS-1123 subdomain", valid: { name: "agent-1.team" }, invalid: { name: "Agent_1" }, message: `name: ${SUB}, got 'Agent_1'` },
  { rule: "pod name at most 253 characters", valid: { name: "a".repeat(253) }, invalid: { name: "a".repeat(254) }, message: `name: ${SUB}, got '${"a".repeat(254)}'` },
  { rule: "pod name not ending in '-'", valid: { name: "agent" }, invalid: { name: "agent-" }, message: `name: ${SUB}, got 'agent-'` },
  { rule: "namespace is a DNS-1123 label", valid: { namespace: "agents" }, invalid: { namespace: "agents.prod" }, message: `namespace: ${LBL}, got 'agents.prod'` },
  { rule: "namespace at most 63 characters", valid: { namespace: "n".repeat(63) }, invalid: { namespace: "n".repeat(64) }, message: `namespace: ${LBL}, got '${"n".repeat(64)}'` },
  { rule: "image is non-empty", valid: { image: "busybox" }, invalid: { image: "" }, message: "image: must be a non-empty image reference without whitespace, got ''" },
  { rule: "image has no whitespace", valid: { image: "busybox:1.36" }, invalid: { image: "busy box" }, message: "image: must be a non-empty image reference without whitespace, got 'busy box'" },
  { rule: "init image is non-empty", valid: { inputInitImage: "curlimages/curl:8.10.1" }, invalid: { inputInitImage: "" }, message: "inputInitImage: must be a non-empty image reference without whitespace, got ''" },
  { rule: "command is non-empty", valid: { command: ["claude"] }, invalid: { command: [] }, message: "command: must have at least one element" },
  { rule: "command[0] is non-empty", valid: { command: ["claude", ""] }, invalid: { command: ["", "x"] }, message: "command[0]: must not be empty, got ''" },
  { rule: "cpu limit is a quantity", valid: { resources: { cpuLimit: "500m" } }, invalid: { resources: { cpuLimit: "half" } }, message: `resources.cpuLimit: ${QTY}, got 'half'` },
  { rule: "cpu limit is positive", valid: { resources: { cpuLimit: "0.5" } }, invalid: { resources: { cpuLimit: "0" } }, message: "resources.cpuLimit: must be greater than zero, got '0'" },
  { rule: "cpu limit has no sign", valid: { resources: { cpuLimit: "2" } }, invalid: { resources: { cpuLimit: "-1" } }, message: `resources.cpuLimit: ${QTY}, got '-1'` },
  { rule: "memory limit is a quantity", valid: { resources: { memoryLimit: "4Gi" } }, invalid: { resources: { memoryLimit: "4GB" } }, message: `resources.memoryLimit: ${QTY}, got '4GB'` },
  { rule: "memory limit with exponent", valid: { resources: { memoryLimit: "1e9" } }, invalid: { resources: { memoryLimit: "1e" } }, message: `resources.memoryLimit: ${QTY}, got '1e'` },
  { rule: "env name non-empty", valid: { env: { A: "1" } }, invalid: { env: { "": "1" } }, message: `env[""]: env var name must be non-empty and must not contain '=', got ''` },
  { rule: "env name without '='", valid: { env: { "A.B-c": "1" } }, invalid: { env: { "A=B": "1" } }, message: `env["A=B"]: env var name must be non-empty and must not contain '=', got 'A=B'` },
  { rule: "cleared env name without '='", valid: { clearedEnv: ["X"] }, invalid: { clearedEnv: ["X=1"] }, message: "clearedEnv[0]: env var name must be non-empty and must not contain '=', got 'X=1'" },
  { rule: "label key syntax", valid: { labels: { "team.io/owner": "infra" } }, invalid: { labels: { "bad key": "x" } }, message: `labels["bad key"]: ${KEY}, got 'bad key'` },
  { rule: "label key prefix is a subdomain", valid: { labels: { "a.b/c": "x" } }, invalid: { labels: { "A_B/c": "x" } }, message: `labels["A_B/c"]: ${KEY}, got 'A_B/c'` },
  { rule: "label key name at most 63", valid: { labels: { ["k".repeat(63)]: "x" } }, invalid: { labels: { ["k".repeat(64)]: "x" } }, message: `labels.${"k".repeat(64)}: ${KEY}, got '${"k".repeat(64)}'` },
  { rule: "label value syntax", valid: { labels: { team: "" } }, invalid: { labels: { team: "a b" } }, message: `labels.team: ${VAL}, got 'a b'` },
  { rule: "label value at most 63", valid: { labels: { team: "v".repeat(63) } }, invalid: { labels: { team: "v".repeat(64) } }, message: `labels.team: ${VAL}, got '${"v".repeat(64)}'` },
  { rule: "service account is a subdomain", valid: { serviceAccount: "claude-runner" }, invalid: { serviceAccount: "Claude" }, message: `serviceAccount: ${SUB}, got 'Claude'` },
  { rule: "image pull secret is a subdomain", valid: { imagePullSecrets: ["regcred"] }, invalid: { imagePullSecrets: ["ok", "Bad!"] }, message: `imagePullSecrets[1]: ${SUB}, got 'Bad!'` },
  { rule: "restart policy enum", valid: { restartPolicy: "OnFailure" }, invalid: { restartPolicy: "Sometimes" as never }, message: "restartPolicy: must be one of Always, OnFailure, Never, got 'Sometimes'" },
  { rule: "pull policy enum", valid: { imagePullPolicy: "Always" }, invalid: { imagePullPolicy: "Maybe" as never }, message: "imagePullPolicy: must be one of Always, IfNotPresent, Never, got 'Maybe'" },
  { rule: "volume hostPath absolute", valid: { volumes: [{ hostPath: "/srv", mountPath: "/data" }] }, invalid: { volumes: [{ hostPath: "srv", mountPath: "/data" }] }, message: "volumes[0].hostPath: volume hostPath must be absolute, got 'srv'" },
  { rule: "volume mountPath absolute", valid: { volumes: [{ hostPath: "/srv", mountPath: "/data" }] }, invalid: { volumes: [{ hostPath: "/srv", mountPath: "data" }] }, message: "volumes[0].mountPath: volume mountPath must be absolute, got 'data'" },
  { rule: "no two volumes at one path", valid: { volumes: [{ hostPath: "/a", mountPath: "/x" }, { hostPath: "/a", mountPath: "/y" }] }, invalid: { volumes: [{ hostPath: "/a", mountPath: "/x" }, { hostPath: "/b", mountPath: "/x" }] }, message: "volumes[1].mountPath: '/x' is also the mountPath of volumes[0]" },
  { rule: "input mountPath absolute (seed)", valid: { inputs: [{ url: "https://x.com/f.pdf", mountPath: "/work/f.pdf" }] }, invalid: { inputs: [{ url: "https://x.com/f.pdf", mountPath: "relative/path.pdf" }] }, message: "inputs[0].mountPath: agent input mountPath must be absolute, got 'relative/path.pdf'" },
  { rule: "input under a directory (seed)", valid: { inputs: [{ url: "https://x.com/f.pdf", mountPath: "/w/f.pdf" }] }, invalid: { inputs: [{ url: "https://x.com/f.pdf", mountPath: "/file.pdf" }] }, message: "inputs[0].mountPath: agent input mountPath must live under a directory (not '/'), got '/file.pdf'" },
  { rule: "no two inputs at one path", valid: { inputs: [{ url: "https://x.com/a", mountPath: "/w/a" }, { url: "https://x.com/b", mountPath: "/w/b" }] }, invalid: { inputs: [{ url: "https://x.com/a", mountPath: "/w/a" }, { url: "https://x.com/b", mountPath: "/w/a" }] }, message: "inputs[1].mountPath: duplicates inputs[0].mountPath '/w/a'" },
  { rule: "input directory not a volume mount", valid: { volumes: [{ hostPath: "/srv", mountPath: "/data" }], inputs: [{ url: "https://x.com/a", mountPath: "/work/a" }] }, invalid: { volumes: [{ hostPath: "/srv", mountPath: "/data" }], inputs: [{ url: "https://x.com/a", mountPath: "/data/a" }] }, message: "inputs[0].mountPath: its directory '/data' is also the mountPath of volumes[0]" },
  { rule: "input URL is http(s)", valid: { inputs: [{ url: "http://files.internal/a", mountPath: "/w/a", allowHttp: true }] }, invalid: { inputs: [{ url: "ftp://x.com/a", mountPath: "/w/a" }] }, message: "inputs[0].url: must be an https:// or http:// URL, got 'ftp://x.com/a'" },
  { rule: "input URL parses", valid: { inputs: [{ url: "https://x.com/a?b=c", mountPath: "/w/a" }] }, invalid: { inputs: [{ url: "not a url", mountPath: "/w/a" }] }, message: "inputs[0].url: must be an https:// or http:// URL, got 'not a url'" },
  { rule: "input URL without credentials (redacted)", valid: { inputs: [{ url: "https://x.com/a", mountPath: "/w/a" }] }, invalid: { inputs: [{ url: "https://bob:hunter2@x.com/a?sig=abc", mountPath: "/w/a" }] }, message: "inputs[0].url: must not embed credentials (user:password@) in the URL; use a Secret, got 'https://***@x.com/a?<redacted>'" },
  { rule: "credentials env name reserved", valid: { credentialsSecret: { name: "oauth", key: "creds" } }, invalid: { credentialsSecret: { name: "oauth", key: "creds" }, env: { IRONFLOW_CLAUDE_CREDENTIALS: "x" } }, message: "env.IRONFLOW_CLAUDE_CREDENTIALS: is reserved for the credentials Secret reference" },
  { rule: "credentials Secret name", valid: { credentialsSecret: { name: "oauth", key: "creds" } }, invalid: { credentialsSecret: { name: "OAuth", key: "creds" } }, message: `credentialsSecret.name: ${SUB}, got 'OAuth'` },
  { rule: "credentials Secret key", valid: { credentialsSecret: { name: "oauth", key: "creds.json" } }, invalid: { credentialsSecret: { name: "oauth", key: "a/b" } }, message: "credentialsSecret.key: must be a Secret key (letters, digits, '-', '_' or '.'), got 'a/b'" },
  { rule: "unknown fields are refused (typo)", valid: { imagePullPolicy: "Never" }, invalid: { imagePullPolicyy: "Never" }, message: `(root): Unrecognized key: "imagePullPolicyy"` },
  { rule: "types are checked", valid: { image: "busybox" }, invalid: { image: 42 }, message: "image: Invalid input: expected string, received number" },
];

function errorOf(config: unknown): PodConfigError {
  try {
    validatePodConfig(config);
  } catch (e) {
    if (e instanceof PodConfigError) return e;
    throw e;
  }
  throw new Error("expected a PodConfigError");
}

describe("validation matrix", () => {
  it("has at least 30 rules", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  describe.each(cases)("$rule", ({ valid, invalid, message }) => {
    it("accepts the valid case", () => {
      expect(() => buildPodSpec({ ...ok, ...valid })).not.toThrow();
    });
    it("refuses the invalid case with the exact message", () => {
      const err = errorOf({ ...ok, ...invalid });
      expect(err.message).toBe(`invalid pod config: 1 problem\n  - ${message}`);
      expect(err.issues).toHaveLength(1);
    });
  });

  it("lists every problem in one error", () => {
    const err = errorOf({ ...ok, name: "Bad", namespace: "Bad", resources: { cpuLimit: "x" }, inputs: [{ url: "ftp://h/f", mountPath: "f" }] });
    expect(err.issues.map((i) => i.path)).toEqual(["name", "namespace", "resources.cpuLimit", "inputs[0].url", "inputs[0].mountPath"]);
    expect(err.message.startsWith("invalid pod config: 5 problems\n")).toBe(true);
  });

  it("never shows env values, which may be secrets", () => {
    const err = errorOf({ ...ok, env: { "A=B": "sk-ant-api03-secret", GOOD: 7 } });
    expect(err.message).not.toContain("sk-ant");
    expect(err.message).toBe('invalid pod config: 1 problem\n  - env.GOOD: Invalid input: expected string, received number');
  });

  it("blanks default cleared names first, but never a name the user sets", () => {
    const env = buildPodSpec({ ...ok, env: { B: "2", IRONFLOW_ALLOW_BYPASS: "1" }, clearedEnv: ["IRONFLOW_ALLOW_BYPASS", "A"] }).spec.containers[0]!.env;
    expect(env).toEqual([
      { name: "A", value: "" },
      { name: "B", value: "2" },
      { name: "IRONFLOW_ALLOW_BYPASS", value: "1" },
    ]);
    expect(buildPodSpec(ok).spec.containers[0]!.env).toEqual([{ name: "IRONFLOW_ALLOW_BYPASS", value: "" }]);
    expect(buildPodSpec({ ...ok, clearedEnv: [] }).spec.containers[0]!.env).toBeUndefined();
  });

  it("does not read the deploying machine's environment", () => {
    process.env.IRONFLOW_LEAK_TEST = "1";
    try {
      expect(JSON.stringify(buildPodSpec(ok))).not.toContain("IRONFLOW_LEAK_TEST");
    } finally {
      delete process.env.IRONFLOW_LEAK_TEST;
    }
  });
});
