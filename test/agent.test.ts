// Agent-grade pods: one test per behaviour, exact values.
import { Pod as PodModel } from "kubernetes-models/v1/Pod";
import { describe, expect, it } from "vitest";
import { PodConfigError, buildPodSpec, normalizePath, validatePodConfig, type PodConfig } from "../components";
import { buildEgressNetworkPolicy } from "../components/networkPolicy";

const ok: PodConfig = { image: "ghcr.io/acme/claude-runner:1.2.3", command: ["claude", "-p", "hi"] };
const sandboxed: PodConfig = { ...ok, sandbox: {} };

function problems(config: unknown): string[] {
  try {
    validatePodConfig(config);
  } catch (e) {
    if (e instanceof PodConfigError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
};

describe("sandbox profile", () => {
  it("is absent by default: the seed's plain pod", () => {
    const pod = buildPodSpec(ok);
    expect(pod.spec.securityContext).toBeUndefined();
    expect(pod.spec.containers[0]!.securityContext).toBeUndefined();
    expect(pod.spec.automountServiceAccountToken).toBeUndefined();
  });

  it("sets the pod security context: non-root 10001, fsGroup, RuntimeDefault seccomp", () => {
    expect(buildPodSpec(sandboxed).spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("hardens the main and the init container alike", () => {
    const pod = buildPodSpec({ ...sandboxed, inputs: [{ url: "https://x.com/a", mountPath: "/work/a" }] });
    expect(pod.spec.containers[0]!.securityContext).toEqual(RESTRICTED_CONTAINER);
    expect(pod.spec.initContainers![0]!.securityContext).toEqual(RESTRICTED_CONTAINER);
  });

  it("takes custom ids and allows opting out of the read-only root", () => {
    const pod = buildPodSpec({ ...ok, sandbox: { runAsUser: 2000, runAsGroup: 3000, fsGroup: 4000, readOnlyRootFilesystem: false } });
    expect(pod.spec.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 4000 });
    expect(pod.spec.containers[0]!.securityContext!.readOnlyRootFilesystem).toBe(false);
  });

  it("refuses root ids", () => {
    expect(problems({ ...ok, sandbox: { runAsUser: 0 } })).toEqual(["sandbox.runAsUser: must be a non-root id (at least 1), got 0"]);
  });

  it("turns off the service account token unless a service account is set", () => {
    expect(buildPodSpec(sandboxed).spec.automountServiceAccountToken).toBe(false);
    const withSa = buildPodSpec({ ...sandboxed, serviceAccount: "claude-runner" }).spec;
    expect(withSa.automountServiceAccountToken).toBeUndefined();
    expect(withSa.serviceAccountName).toBe("claude-runner");
  });

  it("gives HOME and /tmp emptyDirs with size limits, and HOME/TMPDIR env", () => {
    const spec = buildPodSpec(sandboxed).spec;
    expect(spec.volumes).toEqual([
      { name: "ironflow-home", emptyDir: { sizeLimit: "1Gi" } },
      { name: "ironflow-tmp", emptyDir: { sizeLimit: "512Mi" } },
    ]);
    expect(spec.containers[0]!.volumeMounts).toEqual([
      { name: "ironflow-home", mountPath: "/home/claude" },
      { name: "ironflow-tmp", mountPath: "/tmp" },
    ]);
    expect(spec.containers[0]!.env).toEqual([
      { name: "IRONFLOW_ALLOW_BYPASS", value: "" },
      { name: "HOME", value: "/home/claude" },
      { name: "TMPDIR", value: "/tmp" },
    ]);
    const custom = buildPodSpec({ ...ok, sandbox: { homeSizeLimit: "4Gi", tmpSizeLimit: "2Gi" } }).spec;
    expect(custom.volumes!.map((v) => v.emptyDir)).toEqual([{ sizeLimit: "4Gi" }, { sizeLimit: "2Gi" }]);
  });

  it("leaves HOME and TMPDIR to the user when set", () => {
    const env = buildPodSpec({ ...sandboxed, env: { HOME: "/home/claude/alt", TMPDIR: "/tmp/x" } }).spec.containers[0]!.env;
    expect(env).toEqual([
      { name: "IRONFLOW_ALLOW_BYPASS", value: "" },
      { name: "HOME", value: "/home/claude/alt" },
      { name: "TMPDIR", value: "/tmp/x" },
    ]);
  });
});

describe("secrets by reference", () => {
  it("passes secretEnv by secretKeyRef after env, and does not blank a name set that way", () => {
    const env = buildPodSpec({
      ...ok,
      env: { A: "1" },
      clearedEnv: ["ANTHROPIC_API_KEY", "B"],
      secretEnv: [{ name: "ANTHROPIC_API_KEY", secretName: "anthropic", key: "api-key" }],
    }).spec.containers[0]!.env;
    expect(env).toEqual([
      { name: "B", value: "" },
      { name: "A", value: "1" },
      { name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "anthropic", key: "api-key" } } },
    ]);
  });

  it("refuses a name set both in env and secretEnv", () => {
    expect(problems({ ...ok, env: { X: "1" }, secretEnv: [{ name: "X", secretName: "s", key: "k" }] })).toEqual([
      "secretEnv[0].name: 'X' is already set",
    ]);
  });

  it("refuses plain Anthropic credentials in a sandboxed pod without echoing them", () => {
    const found = problems({
      ...sandboxed,
      env: { ANTHROPIC_API_KEY: "sk-ant-api03-AAAAAAAAAAAAAAAA", CLAUDE_CODE_OAUTH_TOKEN: "x", NOTE: "token sk-ant-oat01-BBBBBBBBBBBB", EMPTY_OK: "" },
    });
    expect(found).toEqual([
      "env.ANTHROPIC_API_KEY: must come from a Secret in a sandboxed pod: use secretEnv (value not shown)",
      "env.CLAUDE_CODE_OAUTH_TOKEN: must come from a Secret in a sandboxed pod: use secretEnv (value not shown)",
      "env.NOTE: looks like an Anthropic key or token: use secretEnv (value not shown)",
    ]);
    expect(found.join("\n")).not.toMatch(/AAAA|BBBB/);
  });

  it("lets the seed's plain pod keep plain env (no sandbox, no refusal)", () => {
    expect(problems({ ...ok, env: { ANTHROPIC_API_KEY: "sk-ant-api03-AAAAAAAAAAAAAAAA" } })).toEqual([]);
  });
});

describe("volumes beyond hostPath", () => {
  it("mounts PVCs read-write as pvc-N, with subPath", () => {
    const spec = buildPodSpec({ ...ok, pvcMounts: [{ claimName: "workspace", mountPath: "/workspace", subPath: "run-1" }] }).spec;
    expect(spec.volumes).toEqual([{ name: "pvc-0", persistentVolumeClaim: { claimName: "workspace" } }]);
    expect(spec.containers[0]!.volumeMounts).toEqual([{ name: "pvc-0", mountPath: "/workspace", subPath: "run-1" }]);
  });

  it("mounts a PVC, ConfigMap, Secret or hostPath read-only as ro-N", () => {
    const spec = buildPodSpec({
      ...ok,
      readOnlyMounts: [
        { mountPath: "/ref/pvc", persistentVolumeClaim: "datasets" },
        { mountPath: "/ref/cm", configMap: "guides", subPath: "style.md" },
        { mountPath: "/ref/secret", secret: "deploy-key" },
        { mountPath: "/ref/host", hostPath: "/srv/shared" },
      ],
    }).spec;
    expect(spec.volumes).toEqual([
      { name: "ro-0", persistentVolumeClaim: { claimName: "datasets", readOnly: true } },
      { name: "ro-1", configMap: { name: "guides" } },
      { name: "ro-2", secret: { secretName: "deploy-key" } },
      { name: "ro-3", hostPath: { path: "/srv/shared", type: "Directory" } },
    ]);
    expect(spec.containers[0]!.volumeMounts).toEqual([
      { name: "ro-0", mountPath: "/ref/pvc", readOnly: true },
      { name: "ro-1", mountPath: "/ref/cm", readOnly: true, subPath: "style.md" },
      { name: "ro-2", mountPath: "/ref/secret", readOnly: true },
      { name: "ro-3", mountPath: "/ref/host", readOnly: true },
    ]);
  });

  it("refuses a read-only mount with no source or two", () => {
    expect(problems({ ...ok, readOnlyMounts: [{ mountPath: "/a" }, { mountPath: "/b", configMap: "c", secret: "s" }] })).toEqual([
      "readOnlyMounts[0]: must set exactly one of persistentVolumeClaim, configMap, secret and hostPath",
      "readOnlyMounts[1]: must set exactly one of persistentVolumeClaim, configMap, secret and hostPath",
    ]);
  });

  it("mounts the prompt ConfigMap and managed settings read-only", () => {
    const spec = buildPodSpec({ ...ok, promptConfigMap: { configMap: "task-42" }, managedSettingsConfigMap: "claude-policy" }).spec;
    expect(spec.volumes).toEqual([
      { name: "ironflow-prompt", configMap: { name: "task-42" } },
      { name: "ironflow-managed-settings", configMap: { name: "claude-policy" } },
    ]);
    expect(spec.containers[0]!.volumeMounts).toEqual([
      { name: "ironflow-prompt", mountPath: "/etc/ironflow/prompt", readOnly: true },
      { name: "ironflow-managed-settings", mountPath: "/etc/claude-code", readOnly: true },
    ]);
  });

  it("copies profile ConfigMaps into ~/.claude before the agent starts, aborting on failure", () => {
    const c = buildPodSpec({ ...sandboxed, profileConfigMaps: ["team-profile", "repo-profile"] }).spec.containers[0]!;
    expect(c.command).toEqual([
      "sh",
      "-c",
      'mkdir -p "$HOME/.claude" && cp -L /etc/ironflow/profiles/0/* "$HOME/.claude/" && cp -L /etc/ironflow/profiles/1/* "$HOME/.claude/" && exec "$@"',
      "claude-runner",
      "claude",
      "-p",
      "hi",
    ]);
    expect(c.volumeMounts!.slice(0, 2)).toEqual([
      { name: "ironflow-profile-0", mountPath: "/etc/ironflow/profiles/0", readOnly: true },
      { name: "ironflow-profile-1", mountPath: "/etc/ironflow/profiles/1", readOnly: true },
    ]);
  });

  it("mounts hostPath read-only with the sandbox unless asked otherwise; read-write without it (seed)", () => {
    const vols = [{ hostPath: "/srv/a", mountPath: "/a" }, { hostPath: "/srv/b", mountPath: "/b", readOnly: false }];
    expect(buildPodSpec({ ...sandboxed, volumes: vols }).spec.containers[0]!.volumeMounts!.slice(0, 2)).toEqual([
      { name: "vol-0", mountPath: "/a", readOnly: true },
      { name: "vol-1", mountPath: "/b" },
    ]);
    expect(buildPodSpec({ ...ok, volumes: vols }).spec.containers[0]!.volumeMounts).toEqual([
      { name: "vol-0", mountPath: "/a" },
      { name: "vol-1", mountPath: "/b" },
    ]);
  });
});

describe("path safety", () => {
  it.each([
    ["//tmp", "/tmp"],
    ["/tmp/.", "/tmp"],
    ["/a/../tmp", "/tmp"],
    ["/tmp/", "/tmp"],
    ["/data//repos/", "/data/repos"],
    ["/", "/"],
  ])("normalises %s to %s", (given, want) => {
    expect(normalizePath(given)).toBe(want);
  });

  it("builds the spec with normalised paths", () => {
    const spec = buildPodSpec({ ...ok, volumes: [{ hostPath: "/srv//a/", mountPath: "/data/./repos/" }] }).spec;
    expect(spec.volumes).toEqual([{ name: "vol-0", hostPath: { path: "/srv/a", type: "Directory" } }]);
    expect(spec.containers[0]!.volumeMounts).toEqual([{ name: "vol-0", mountPath: "/data/repos" }]);
  });

  it("refuses reserved paths however they are spelled", () => {
    expect(
      problems({
        ...ok,
        volumes: [
          { hostPath: "/srv", mountPath: "//tmp" },
          { hostPath: "/srv", mountPath: "/a/../home/claude/work" },
          { hostPath: "/srv", mountPath: "/etc/claude-code/." },
          { hostPath: "/srv", mountPath: "/" },
          { hostPath: "/srv", mountPath: "/etc" },
        ],
        inputs: [{ url: "https://x.com/f", mountPath: "/etc/ironflow/profiles/f" }],
      }),
    ).toEqual([
      "volumes[0].mountPath: '/tmp' overlaps the reserved path '/tmp' (the sandbox /tmp)",
      "volumes[1].mountPath: '/home/claude/work' overlaps the reserved path '/home/claude' (the sandbox HOME)",
      "volumes[2].mountPath: '/etc/claude-code' overlaps the reserved path '/etc/claude-code' (Claude Code managed settings)",
      "volumes[3].mountPath: must not be '/', got '/'",
      "volumes[4].mountPath: '/etc' overlaps the reserved path '/etc/claude-code' (Claude Code managed settings)",
      "inputs[0].mountPath: its directory '/etc/ironflow/profiles' overlaps the reserved path '/etc/ironflow/profiles' (Claude profiles)",
    ]);
  });

  it("refuses duplicates and prefix overlaps between any two mounts", () => {
    expect(
      problems({
        ...ok,
        volumes: [{ hostPath: "/srv", mountPath: "/data" }],
        pvcMounts: [{ claimName: "w", mountPath: "/data/sub" }],
        readOnlyMounts: [{ mountPath: "/data/", configMap: "c" }],
        inputs: [
          { url: "https://x.com/a", mountPath: "/work/a" },
          { url: "https://x.com/b", mountPath: "/work/deep/b" },
        ],
      }),
    ).toEqual([
      "pvcMounts[0].mountPath: '/data/sub' overlaps the mountPath '/data' of volumes[0]",
      "readOnlyMounts[0].mountPath: '/data' is also the mountPath of volumes[0]",
      "inputs[1].mountPath: its directory '/work/deep' overlaps the mountPath '/work' of inputs[0]",
    ]);
  });

  it("refuses unsafe subPaths", () => {
    expect(problems({ ...ok, pvcMounts: [{ claimName: "w", mountPath: "/w", subPath: "../x" }, { claimName: "w", mountPath: "/v", subPath: "/abs" }] })).toEqual([
      "pvcMounts[0].subPath: must be a relative path without '..', got '../x'",
      "pvcMounts[1].subPath: must be a relative path without '..', got '/abs'",
    ]);
  });
});

describe("verified inputs", () => {
  const sha = "a".repeat(64);

  it("downloads a checksummed input to a temporary name, verifies it, then renames it", () => {
    const script = buildPodSpec({ ...ok, inputs: [{ url: "https://x.com/spec.md", mountPath: "/work/spec.md", sha256: sha, mode: "0444" }] })
      .spec.initContainers![0]!.command![2];
    expect(script).toBe(
      "set -e\n" +
        "curl -sSfL --proto '=https' --proto-redir '=https' --retry 3 --max-time 300 'https://x.com/spec.md' -o '/work/.ironflow-partial-0'\n" +
        "actual=$(sha256sum '/work/.ironflow-partial-0' | cut -d ' ' -f 1)\n" +
        `if [ "$actual" != '${sha}' ]; then rm -f '/work/.ironflow-partial-0'; echo 'ironflow-input-fetch: sha256 mismatch for inputs[0] (/work/spec.md): expected ${sha}, got '"$actual" >&2; exit 1; fi\n` +
        "chmod 0444 '/work/.ironflow-partial-0'\n" +
        "mv -f '/work/.ironflow-partial-0' '/work/spec.md'\n",
    );
  });

  it("lets curl accept http only for an input that allows it", () => {
    const script = buildPodSpec({ ...ok, inputs: [{ url: "http://mirror.internal/a", mountPath: "/w/a", allowHttp: true }] }).spec.initContainers![0]!
      .command![2];
    expect(script).toContain("--proto '=http,https' --proto-redir '=http,https'");
  });

  it("caps size, sets retries and timeouts, and sizes the emptyDir", () => {
    const spec = buildPodSpec({
      ...ok,
      inputs: [{ url: "https://x.com/a", mountPath: "/w/a", maxBytes: 1048576 }],
      inputRetries: 5,
      inputTimeoutSeconds: 60,
      inputVolumeSizeLimit: "64Mi",
    }).spec;
    expect(spec.initContainers![0]!.command![2]).toBe(
      "set -e\ncurl -sSfL --proto '=https' --proto-redir '=https' --retry 5 --max-time 60 --max-filesize 1048576 'https://x.com/a' -o '/w/a'\n",
    );
    expect(spec.volumes).toEqual([{ name: "ironflow-input-0", emptyDir: { sizeLimit: "64Mi" } }]);
  });

  it("takes the auth header and a presigned URL from Secrets, never from the spec", () => {
    const init = buildPodSpec({
      ...ok,
      inputs: [
        { urlFrom: { name: "presigned", key: "url" }, mountPath: "/w/a" },
        { url: "https://api.example.com/f", mountPath: "/w/b", authHeader: { secretName: "api-token", key: "bearer" } },
      ],
    }).spec.initContainers![0]!;
    expect(init.env).toEqual([
      { name: "IRONFLOW_INPUT_0_URL", valueFrom: { secretKeyRef: { name: "presigned", key: "url" } } },
      { name: "IRONFLOW_INPUT_1_AUTH", valueFrom: { secretKeyRef: { name: "api-token", key: "bearer" } } },
    ]);
    expect(init.command![2]).toBe(
      "set -e\n" +
        `curl -sSfL --proto '=https' --proto-redir '=https' --retry 3 --max-time 300 "$IRONFLOW_INPUT_0_URL" -o '/w/a'\n` +
        `curl -sSfL --proto '=https' --proto-redir '=https' --retry 3 --max-time 300 -H "Authorization: $IRONFLOW_INPUT_1_AUTH" 'https://api.example.com/f' -o '/w/b'\n`,
    );
  });

  it("checks every verification setting", () => {
    expect(
      problems({
        ...ok,
        inputs: [
          { mountPath: "/w/a" },
          { url: "https://x.com/b", urlFrom: { name: "s", key: "k" }, mountPath: "/w/b" },
          { url: "https://x.com/c", mountPath: "/w/c", sha256: "abc", mode: "rwx", maxBytes: 0, authHeader: { header: "Bad Header", secretName: "s", key: "k" } },
          { url: "http://x.com/d", mountPath: "/w/d" },
        ],
      }),
    ).toEqual([
      "inputs[0]: must set exactly one of url and urlFrom",
      "inputs[1]: must set exactly one of url and urlFrom",
      "inputs[2].sha256: must be 64 hex digits (a SHA-256), got 'abc'",
      "inputs[2].mode: must be an octal file mode such as '0444', got 'rwx'",
      "inputs[2].maxBytes: must be at least 1, got 0",
      "inputs[2].authHeader.header: must be an HTTP header name (letters, digits and '-'), got 'Bad Header'",
      "inputs[3].url: is http://, which needs allowHttp: true (curl refuses anything but https by default), got 'http://x.com/d'",
    ]);
  });
});

describe("scheduling and lifetime", () => {
  it("sets nodeSelector, tolerations, runtimeClassName, activeDeadlineSeconds, annotations and the egress-profile label", () => {
    const pod = buildPodSpec({
      ...ok,
      nodeSelector: { "node.kubernetes.io/pool": "agents" },
      tolerations: [{ key: "dedicated", operator: "Equal", value: "agents", effect: "NoSchedule" }, { operator: "Exists" }],
      runtimeClassName: "gvisor",
      activeDeadlineSeconds: 3600,
      annotations: { "pulumi.com/skipAwait": "true" },
      egressProfile: "github-only",
    });
    expect(pod.spec.nodeSelector).toEqual({ "node.kubernetes.io/pool": "agents" });
    expect(pod.spec.tolerations).toEqual([{ key: "dedicated", operator: "Equal", value: "agents", effect: "NoSchedule" }, { operator: "Exists" }]);
    expect(pod.spec.runtimeClassName).toBe("gvisor");
    expect(pod.spec.activeDeadlineSeconds).toBe(3600);
    expect(pod.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
    expect(pod.metadata.labels).toEqual({
      "ironflow.io/egress-profile": "github-only",
      "app.kubernetes.io/managed-by": "ironflow",
      "app.kubernetes.io/component": "claude-runner",
    });
  });

  it("checks tolerations", () => {
    expect(
      problems({
        ...ok,
        tolerations: [
          { operator: "Exists", value: "x" },
          { operator: "Maybe" },
          { key: "k", effect: "Sometimes" },
          { value: "v" },
          { key: "k", value: "v", tolerationSeconds: 30, effect: "NoSchedule" },
        ],
      }),
    ).toEqual([
      "tolerations[0].value: must not be set with operator 'Exists', got 'x'",
      "tolerations[1].operator: must be one of Equal, Exists, got 'Maybe'",
      "tolerations[2].effect: must be one of NoSchedule, PreferNoSchedule, NoExecute, got 'Sometimes'",
      "tolerations[3].key: must be set unless operator is 'Exists'",
      "tolerations[4].tolerationSeconds: needs effect 'NoExecute'",
    ]);
  });

  it("checks the other scheduling fields", () => {
    expect(problems({ ...ok, runtimeClassName: "G Visor", activeDeadlineSeconds: 0, egressProfile: "not valid!" })).toEqual([
      "runtimeClassName: must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters), got 'G Visor'",
      "activeDeadlineSeconds: must be at least 1, got 0",
      "egressProfile: label value must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, got 'not valid!'",
    ]);
  });

  it("puts nothing derived from the clock into the spec", () => {
    const a = JSON.stringify(buildPodSpec({ ...sandboxed, inputs: [{ url: "https://x.com/a", mountPath: "/w/a", sha256: "b".repeat(64) }] }));
    const b = JSON.stringify(buildPodSpec({ ...sandboxed, inputs: [{ url: "https://x.com/a", mountPath: "/w/a", sha256: "b".repeat(64) }] }));
    expect(a).toBe(b);
  });
});

describe("scoped egress", () => {
  it("selects exactly the instance, denies ingress, allows DNS and the configured rules", () => {
    expect(
      buildEgressNetworkPolicy("agents", { "ironflow.io/instance": "agent-0123456789" }, {
        allow: [{ cidr: "140.82.112.0/20", ports: [{ port: 443 }] }, { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] }],
      }),
    ).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { namespace: "agents", labels: { "app.kubernetes.io/managed-by": "ironflow", "app.kubernetes.io/component": "claude-runner" } },
      spec: {
        podSelector: { matchLabels: { "ironflow.io/instance": "agent-0123456789" } },
        policyTypes: ["Ingress", "Egress"],
        ingress: [],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
          { to: [{ ipBlock: { cidr: "140.82.112.0/20" } }], ports: [{ protocol: "TCP", port: 443 }] },
          { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] },
        ],
      },
    });
  });

  it("can deny DNS too, and checks CIDRs and ports", () => {
    expect(buildEgressNetworkPolicy("d", { x: "y" }, { allowDns: false, allow: [] }).spec!.egress).toEqual([]);
    expect(() => buildEgressNetworkPolicy("d", { x: "y" }, { allow: [{ cidr: "10.0.0.0/33", ports: [{ port: 70000, protocol: "ICMP" }] }] })).toThrow(
      "invalid egress: 3 problems\n" +
        "  - egress.allow[0].cidr: must be an IPv4 or IPv6 CIDR, got '10.0.0.0/33'\n" +
        "  - egress.allow[0].ports[0].port: must be a port from 1 to 65535, got 70000\n" +
        "  - egress.allow[0].ports[0].protocol: must be one of TCP, UDP, SCTP, got 'ICMP'",
    );
  });

  it("defaults to public HTTPS only: no private, link-local (metadata), CGNAT or loopback ranges", () => {
    expect(buildEgressNetworkPolicy("d", { x: "y" }, {}).spec!.egress!.slice(1)).toEqual([
      {
        to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8"] } }],
        ports: [{ protocol: "TCP", port: 443 }],
      },
      { to: [{ ipBlock: { cidr: "::/0", except: ["fc00::/7", "fe80::/10", "::1/128"] } }], ports: [{ protocol: "TCP", port: 443 }] },
    ]);
  });
});

describe("a fully loaded pod", () => {
  it("validates against the Kubernetes OpenAPI schema", () => {
    const pod = buildPodSpec({
      ...ok,
      name: "loaded",
      namespace: "agents",
      sandbox: { homeSizeLimit: "2Gi" },
      serviceAccount: "claude-runner",
      resources: { cpuLimit: "2", memoryLimit: "4Gi" },
      env: { A: "1" },
      secretEnv: [{ name: "ANTHROPIC_API_KEY", secretName: "anthropic", key: "api-key" }],
      credentialsSecret: { name: "oauth", key: "credentials.json" },
      imagePullSecrets: ["regcred"],
      labels: { team: "infra" },
      volumes: [{ hostPath: "/srv/repos", mountPath: "/repos" }],
      pvcMounts: [{ claimName: "workspace", mountPath: "/workspace", subPath: "run" }],
      readOnlyMounts: [{ mountPath: "/ref", configMap: "guides" }],
      promptConfigMap: { configMap: "task" },
      managedSettingsConfigMap: "claude-policy",
      profileConfigMaps: ["profile"],
      inputs: [
        { url: "https://x.com/a", mountPath: "/work/a", sha256: "c".repeat(64), mode: "0444", maxBytes: 1000 },
        { urlFrom: { name: "presigned", key: "url" }, mountPath: "/work/b", authHeader: { secretName: "tok", key: "t" } },
      ],
      inputVolumeSizeLimit: "100Mi",
      nodeSelector: { pool: "agents" },
      tolerations: [{ key: "dedicated", operator: "Equal", value: "agents", effect: "NoExecute", tolerationSeconds: 60 }],
      runtimeClassName: "gvisor",
      activeDeadlineSeconds: 7200,
      annotations: { "pulumi.com/timeoutSeconds": "900" },
      egressProfile: "restricted",
    });
    expect(pod.spec.volumes!.map((v) => v.name)).toEqual([
      "vol-0", "pvc-0", "ro-0", "ironflow-prompt", "ironflow-managed-settings", "ironflow-profile-0", "ironflow-home", "ironflow-tmp", "ironflow-input-0",
    ]);
    (new PodModel(pod as ConstructorParameters<typeof PodModel>[0]) as unknown as { validate(): void }).validate();
  });
});
