/**
 * The policy case table, in the spirit of Gatekeeper's `gator verify` suites:
 * each case is an object (a Pod as the engine sends it: props, URN, parent),
 * the policy under test, optional `--policy-pack-config`, the expected number
 * of that policy's diagnostics and a regex every one of them must match (and
 * optionally the level). The same table runs in-process (policy-cases.test.ts)
 * and through the pack's real gRPC server (pack.grpc.test.ts).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { COMPONENT_LABEL, MANAGED_BY_LABEL, PROTECTED_LABELS } from "../../components/labels";
import { CLAUDE_RUNNER_POD_TYPE, INPUT_FETCH_CONTAINER_NAME, POD_TYPE } from "../../components/names";
import {
  HOST_PATH_POLICY,
  INPUT_URLS_POLICY,
  MANAGED_LABELS_POLICY,
  NO_INLINE_CREDENTIALS_POLICY,
  PINNED_IMAGES_POLICY,
  POD_SECURITY_POLICY,
  RESOURCE_LIMITS_POLICY,
} from "../../policy/policies";
import {
  edit,
  FAKE_API_KEY,
  FAKE_OAUTH_TOKEN,
  pod,
  podWithInputs,
  secretCredentialsPod,
  seedCredentialsPod,
  UNKNOWN,
} from "./fixtures";
import { barePod, componentUrn, ownedPod, PROJECT, STACK, type PackConfig, type Target } from "./harness";

export interface PolicyCase {
  id: string;
  policy: string;
  target: Target;
  config?: PackConfig;
  /** Number of diagnostics of `policy` expected. */
  violations: number;
  /** Every diagnostic of `policy` must match it. */
  message?: RegExp;
  /** Every diagnostic of `policy` must have it. */
  level?: EnforcementLevel;
  /** Text no diagnostic of any policy may contain (secrets). */
  mustNotContain?: string[];
}

const M = MANAGED_LABELS_POLICY;
const H = HOST_PATH_POLICY;
const R = RESOURCE_LIMITS_POLICY;
const P = PINNED_IMAGES_POLICY;
const I = INPUT_URLS_POLICY;
const C = NO_INLINE_CREDENTIALS_POLICY;
const S = POD_SECURITY_POLICY;

const vol = (hostPath: string) => ({ volumes: [{ hostPath, mountPath: "/mnt/host" }] });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const TYPE = esc(CLAUDE_RUNNER_POD_TYPE);

export const CASES: PolicyCase[] = [
  // ---- ironflow-managed-labels -------------------------------------------------------------
  { id: "M01 builder pod owned by the component passes", policy: M, target: ownedPod(pod()), violations: 0 },
  {
    id: "M02 client-side apply rewrote managed-by to pulumi",
    policy: M,
    target: ownedPod(edit(pod(), (p) => (p.metadata.labels[MANAGED_BY_LABEL] = "pulumi"))),
    violations: 1,
    level: "mandatory",
    message: new RegExp(`^.*\\nPod 'agent' \\(namespace 'default'\\): label '${esc(MANAGED_BY_LABEL)}' is 'pulumi', expected 'ironflow' \\(the Pod is owned by a ${TYPE}; .*server-side apply`),
  },
  {
    id: "M03 a transform removed the component label",
    policy: M,
    target: ownedPod(edit(pod(), (p) => delete p.metadata.labels[COMPONENT_LABEL])),
    violations: 1,
    message: /label 'app\.kubernetes\.io\/component' is missing, expected 'claude-runner'/,
  },
  {
    id: "M04 owned pod with no labels at all",
    policy: M,
    target: ownedPod(edit(pod(), (p) => delete (p.metadata as { labels?: unknown }).labels)),
    violations: 2,
    message: /is missing, expected '(ironflow|claude-runner)'/,
  },
  {
    id: "M05 owned pod with case-changed values",
    policy: M,
    target: ownedPod(edit(pod(), (p) => Object.assign(p.metadata.labels, { [MANAGED_BY_LABEL]: "Ironflow", [COMPONENT_LABEL]: "claude-runner " }))),
    violations: 2,
    message: /is '(Ironflow|claude-runner )', expected/,
  },
  {
    id: "M06 hand-written pod spoofing both labels",
    policy: M,
    target: barePod(pod()),
    violations: 2,
    level: "mandatory",
    message: new RegExp(`Pod 'hand-written' \\(metadata.name 'agent', namespace 'default'\\): label '[^']+' is '(ironflow|claude-runner)' but the Pod is not owned by a ${TYPE}`),
  },
  {
    id: "M07 hand-written pod claiming only the component value",
    policy: M,
    target: barePod({ metadata: { name: "x", labels: { [COMPONENT_LABEL]: "claude-runner" } }, spec: { containers: [{ name: "c", image: "busybox:1.36" }] } }),
    violations: 1,
    message: /label 'app\.kubernetes\.io\/component' is 'claude-runner' but the Pod is not owned/,
  },
  {
    id: "M08 other pod managed by helm passes",
    policy: M,
    target: barePod({ metadata: { name: "web", labels: { [MANAGED_BY_LABEL]: "Helm", [COMPONENT_LABEL]: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }),
    violations: 0,
  },
  { id: "M09 other pod without labels passes", policy: M, target: barePod({ spec: { containers: [{ name: "c", image: "busybox:1.36" }] } }), violations: 0 },
  {
    id: "M10 owned pod with managed-by unknown at preview: explicit advisory",
    policy: M,
    target: ownedPod(edit(pod(), (p) => (p.metadata.labels[MANAGED_BY_LABEL] = UNKNOWN))),
    violations: 1,
    level: "advisory",
    message: /label 'app\.kubernetes\.io\/managed-by' can't be known during preview \(found an unknown value, expected 'ironflow'\)/,
  },
  {
    id: "M11 unknown managed-by with unknownValues=violation fails the preview",
    policy: M,
    target: ownedPod(edit(pod(), (p) => (p.metadata.labels[MANAGED_BY_LABEL] = UNKNOWN))),
    config: { [M]: { unknownValues: "violation" } },
    violations: 1,
    level: "mandatory",
    message: /can't be known during preview/,
  },
  {
    id: "M12 hand-written pod with an unknown labels object: advisory per protected label",
    policy: M,
    target: barePod({ metadata: { name: "x", labels: UNKNOWN }, spec: { containers: [{ name: "c", image: "busybox:1.36" }] } }),
    violations: 2,
    level: "advisory",
    message: /can't be checked that this Pod \(not owned by a ironflow:index:ClaudeRunnerPod\) does not claim/,
  },
  {
    id: "M13 component nested in another component still owns its pod",
    policy: M,
    target: {
      type: POD_TYPE,
      name: "team-agent",
      urn: `urn:pulumi:${STACK}::${PROJECT}::acme:index:Team$${CLAUDE_RUNNER_POD_TYPE}$${POD_TYPE}::team-agent`,
      parent: `urn:pulumi:${STACK}::${PROJECT}::acme:index:Team$${CLAUDE_RUNNER_POD_TYPE}::team-agent`,
      props: edit(pod(), (p) => (p.metadata.labels[MANAGED_BY_LABEL] = "pulumi")),
    },
    violations: 1,
    message: /is 'pulumi', expected 'ironflow'/,
  },
  {
    id: "M14 enforcementLevel override to advisory",
    policy: M,
    target: ownedPod(edit(pod(), (p) => (p.metadata.labels[MANAGED_BY_LABEL] = "pulumi"))),
    config: { [M]: { enforcementLevel: "advisory" } },
    violations: 1,
    level: "advisory",
  },
  {
    id: "M15 disabled policy reports nothing",
    policy: M,
    target: barePod(pod()),
    config: { [M]: { enforcementLevel: "disabled" } },
    violations: 0,
  },

  {
    id: "M16 whole metadata unknown (a structural arg still pending): one advisory per protected label",
    policy: M,
    target: ownedPod({ metadata: UNKNOWN, spec: UNKNOWN }),
    violations: 2,
    level: "advisory",
    message: /label 'app\.kubernetes\.io\/(managed-by|component)' can't be known during preview/,
  },

  // ---- ironflow-host-path-allowlist --------------------------------------------------------
  { id: "H01 no hostPath volumes passes", policy: H, target: ownedPod(podWithInputs()), violations: 0 },
  {
    id: "H02 hostPath denied by default",
    policy: H,
    target: ownedPod(pod(vol("/data/repo"))),
    violations: 1,
    level: "mandatory",
    message: /Pod 'agent' \(namespace 'default'\): hostPath volume 'vol-0' \(spec\.volumes\[0\]\.hostPath\.path\) is '\/data\/repo', expected a path under an allowed prefix: none/,
  },
  { id: "H03 hostPath under an allowed prefix passes", policy: H, target: ownedPod(pod(vol("/data/repo"))), config: { [H]: { allowedPathPrefixes: ["/data"] } }, violations: 0 },
  {
    id: "H04 prefixes match whole segments",
    policy: H,
    target: ownedPod(pod(vol("/database"))),
    config: { [H]: { allowedPathPrefixes: ["/data"] } },
    violations: 1,
    message: /is '\/database', expected a path under an allowed prefix: '\/data'/,
  },
  {
    id: "H05 .. cannot climb out of an allowed prefix",
    policy: H,
    target: ownedPod(edit(pod(vol("/data/x")), (p) => (p.spec.volumes![0]!.hostPath!.path = "/data/../etc"))),
    config: { [H]: { allowedPathPrefixes: ["/data"] } },
    violations: 1,
    message: /'\/data\/\.\.\/etc'/,
  },
  {
    id: "H06 requireReadOnly flags a writable mount",
    policy: H,
    target: ownedPod(pod(vol("/data/repo"))),
    config: { [H]: { allowedPathPrefixes: ["/data"], requireReadOnly: true } },
    violations: 1,
    message: /container 'claude-code' mounts hostPath volume 'vol-0' at '\/mnt\/host' with readOnly unset .*expected true/,
  },
  {
    id: "H07 requireReadOnly with a read-only mount passes",
    policy: H,
    target: ownedPod(edit(pod(vol("/data/repo")), (p) => (p.spec.containers[0]!.volumeMounts![0]!.readOnly = true))),
    config: { [H]: { allowedPathPrefixes: ["/data"], requireReadOnly: true } },
    violations: 0,
  },
  {
    id: "H08 one allowed and one denied volume",
    policy: H,
    target: ownedPod(pod({ volumes: [{ hostPath: "/data/a", mountPath: "/a" }, { hostPath: "/var/run", mountPath: "/b" }] })),
    config: { [H]: { allowedPathPrefixes: ["/data/"] } },
    violations: 1,
    message: /hostPath volume 'vol-1' .* is '\/var\/run'/,
  },
  { id: "H09 non-runner pod is out of scope", policy: H, target: barePod({ metadata: { name: "n" }, spec: { containers: [{ name: "c", image: "x:1" }], volumes: [{ name: "h", hostPath: { path: "/" } }] } }), violations: 0 },
  {
    id: "H10 scope all-pods checks every pod",
    policy: H,
    target: barePod({ metadata: { name: "n" }, spec: { containers: [{ name: "c", image: "x:1" }], volumes: [{ name: "h", hostPath: { path: "/" } }] } }),
    config: { [H]: { scope: "all-pods" } },
    violations: 1,
    message: /Pod 'hand-written' \(metadata\.name 'n'\): hostPath volume 'h'/,
  },

  // ---- ironflow-resource-limits ------------------------------------------------------------
  { id: "R01 limits on the only container pass", policy: R, target: ownedPod(pod()), violations: 0 },
  {
    id: "R02 no limits at all",
    policy: R,
    target: ownedPod(pod({ resources: {} })),
    violations: 2,
    level: "advisory",
    message: /container 'claude-code' has no (cpu|memory) limit \(spec\.containers\[0\]\.resources\.limits\.(cpu|memory) is unset\)/,
  },
  {
    id: "R03 the input-fetch init container needs limits too",
    policy: R,
    target: ownedPod(podWithInputs()),
    violations: 2,
    message: /init container 'ironflow-input-fetch' has no (cpu|memory) limit \(spec\.initContainers\[0\]/,
  },
  {
    id: "R04 cpu above the configured maximum",
    policy: R,
    target: ownedPod(pod()),
    config: { [R]: { maxCpu: "1500m" } },
    violations: 1,
    message: /cpu limit '2' .* exceeds the maximum, expected at most '1500m'/,
  },
  { id: "R05 memory within the maximum passes", policy: R, target: ownedPod(pod()), config: { [R]: { maxMemory: "8Gi", maxCpu: "4" } }, violations: 0 },
  {
    id: "R06 an unparsable limit",
    policy: R,
    target: ownedPod(edit(pod(), (p) => (p.spec.containers[0]!.resources!.limits!.memory = "lots"))),
    violations: 1,
    message: /memory limit 'lots' .* is not a Kubernetes quantity/,
  },
  {
    id: "R07 enforcementLevel override to mandatory",
    policy: R,
    target: ownedPod(pod({ resources: { cpuLimit: "1" } })),
    config: { [R]: { enforcementLevel: "mandatory" } },
    violations: 1,
    level: "mandatory",
    message: /no memory limit/,
  },

  // ---- ironflow-pinned-images --------------------------------------------------------------
  { id: "P01 tagged images pass", policy: P, target: ownedPod(podWithInputs()), violations: 0 },
  {
    id: "P02 :latest",
    policy: P,
    target: ownedPod(pod({ image: "ghcr.io/acme/claude-code:latest" })),
    violations: 1,
    level: "advisory",
    message: /container 'claude-code' image 'ghcr\.io\/acme\/claude-code:latest' \(spec\.containers\[0\]\.image\) uses the ':latest' tag, expected a fixed tag or a digest/,
  },
  { id: "P03 untagged", policy: P, target: ownedPod(pod({ image: "node" })), violations: 1, message: /image 'node' .* has no tag \(implicitly ':latest'\)/ },
  { id: "P04 a registry port is not a tag", policy: P, target: ownedPod(pod({ image: "localhost:5000/claude" })), violations: 1, message: /has no tag/ },
  {
    id: "P05 requireDigest flags a tag-only image",
    policy: P,
    target: ownedPod(pod()),
    config: { [P]: { requireDigest: true } },
    violations: 1,
    message: /is not pinned by digest, expected '<image>@sha256:<digest>'/,
  },
  { id: "P06 digest-pinned passes requireDigest", policy: P, target: ownedPod(pod({ image: "ghcr.io/acme/claude-code@sha256:" + "a".repeat(64) })), config: { [P]: { requireDigest: true } }, violations: 0 },
  {
    id: "P07 init image from a registry outside the allow-list",
    policy: P,
    target: ownedPod(podWithInputs()),
    config: { [P]: { allowedRegistries: ["ghcr.io/acme/"] } },
    violations: 1,
    message: /init container 'ironflow-input-fetch' image 'curlimages\/curl:8\.10\.1' .* is not from an allowed registry, expected a prefix in: 'ghcr\.io\/acme\/'/,
  },
  { id: "P08 normalized docker.io prefix matches", policy: P, target: ownedPod(podWithInputs()), config: { [P]: { allowedRegistries: ["ghcr.io/acme/", "docker.io/curlimages/"] } }, violations: 0 },
  { id: "P09 malformed digest", policy: P, target: ownedPod(pod({ image: "ghcr.io/acme/claude-code@sha256:abc" })), violations: 1, message: /has a malformed digest/ },
  {
    id: "P10 image unknown at preview: the server's advisory",
    policy: P,
    target: ownedPod(edit(pod(), (p) => (p.spec.containers[0]!.image = UNKNOWN))),
    violations: 1,
    level: "advisory",
    message: /^can't run policy 'ironflow-pinned-images' from policy pack 'ironflow@v0\.1\.0' during preview: string value at \.spec\.containers\.0\.image can't be known during preview$/,
  },

  {
    id: "P11 whole spec unknown: the server's advisory names .spec",
    policy: P,
    target: ownedPod({ metadata: UNKNOWN, spec: UNKNOWN }),
    violations: 1,
    level: "advisory",
    message: /^can't run policy 'ironflow-pinned-images' .* during preview: string value at \.spec can't be known during preview$/,
  },

  // ---- ironflow-input-urls -----------------------------------------------------------------
  { id: "I01 https inputs pass", policy: I, target: ownedPod(podWithInputs()), violations: 0 },
  {
    id: "I02 http input",
    policy: I,
    target: ownedPod(podWithInputs(["https://files.example.com/a", "http://files.example.com/b"])),
    violations: 1,
    level: "mandatory",
    message: /init container 'ironflow-input-fetch' \(spec\.initContainers\[0\]\.command\[2\]\): input URL 'http:\/\/files\.example\.com\/b' for '\/work\/inputs\/f1' uses 'http', expected 'https'/,
  },
  { id: "I03 wildcard host allowed", policy: I, target: ownedPod(podWithInputs()), config: { [I]: { allowedHosts: ["*.example.com"] } }, violations: 0 },
  {
    id: "I04 host not in the allow-list",
    policy: I,
    target: ownedPod(podWithInputs(["https://files.example.com/a"])),
    config: { [I]: { allowedHosts: ["example.org"] } },
    violations: 1,
    message: /has host 'files\.example\.com', expected one of 'example\.org'/,
  },
  {
    id: "I05 ftp URL written into the script by a transform",
    policy: I,
    target: ownedPod(edit(podWithInputs(["https://files.example.com/a"]), (p) => (p.spec.initContainers![0]!.command![2] = "set -e\ncurl -sSfL 'ftp://files.example.com/a' -o '/work/inputs/f0'\n"))),
    violations: 1,
    message: /uses 'ftp', expected 'https'/,
  },
  {
    id: "I06 token in the query string is redacted",
    policy: I,
    target: ownedPod(podWithInputs(["http://files.example.com/a?token=s3cr3t-query-token"])),
    violations: 1,
    message: /input URL 'http:\/\/files\.example\.com\/a\?<redacted>'/,
    mustNotContain: ["s3cr3t-query-token"],
  },
  {
    id: "I07 input-fetch container without a readable URL fails closed",
    policy: I,
    target: ownedPod(edit(podWithInputs(), (p) => (p.spec.initContainers![0]!.command![2] = "set -e\necho nothing\n"))),
    violations: 1,
    message: /init container 'ironflow-input-fetch' fetches inputs but no URL could be read/,
  },
  {
    id: "I08 non-runner pod is out of scope",
    policy: I,
    target: barePod({ spec: { initContainers: [{ name: INPUT_FETCH_CONTAINER_NAME, image: "curlimages/curl:8.10.1", command: ["sh", "-c", "curl http://x/y -o /z"] }], containers: [{ name: "c", image: "x:1" }] } }),
    violations: 0,
  },
  {
    id: "I09 URL from a shell variable, curl not limited to https",
    policy: I,
    target: ownedPod(edit(podWithInputs(), (p) => (p.spec.initContainers![0]!.command![2] = 'curl -sSf "$INPUT_URL" -o /work/inputs/f0\n'))),
    violations: 1,
    message: /input URL for '\/work\/inputs\/f0' comes from a shell expansion \('\$INPUT_URL'\) and curl is not limited to https/,
  },
  {
    id: "I10 schemeless URL (curl would use http)",
    policy: I,
    target: ownedPod(edit(podWithInputs(), (p) => (p.spec.initContainers![0]!.command![2] = "curl -sSfL --retry 3 files.example.com/a -o /work/inputs/f0\n"))),
    violations: 1,
    message: /input URL 'files\.example\.com\/a' for '\/work\/inputs\/f0' has no scheme/,
  },

  {
    id: "I11 URL from a Secret (urlFrom) with curl --proto '=https' passes",
    policy: I,
    target: ownedPod(pod({ inputs: [{ urlFrom: { name: "presigned", key: "url" }, mountPath: "/work/inputs/f0", sha256: "b".repeat(64) }] })),
    violations: 0,
  },
  {
    id: "I12 urlFrom cannot satisfy allowedHosts",
    policy: I,
    target: ownedPod(pod({ inputs: [{ urlFrom: { name: "presigned", key: "url" }, mountPath: "/work/inputs/f0" }] })),
    config: { [I]: { allowedHosts: ["files.example.com"] } },
    violations: 1,
    message: /comes from a shell expansion \('\$IRONFLOW_INPUT_0_URL'\), so its host can't be checked against allowedHosts/,
  },
  {
    id: "I13 the seed's curl line follows redirects without --proto-redir",
    policy: I,
    target: ownedPod(edit(podWithInputs(), (p) => (p.spec.initContainers![0]!.command![2] = "set -e\ncurl -sSfL --retry 3 --max-time 300 'https://files.example.com/a' -o '/work/inputs/f0'\n"))),
    violations: 1,
    message: /input 'https:\/\/files\.example\.com\/a' for '\/work\/inputs\/f0' follows redirects to 'ftp,ftps,http,https', expected redirects limited to https \(curl --proto-redir '=https'\)/,
  },

  // ---- ironflow-no-inline-credentials ------------------------------------------------------
  { id: "C01 credentials through the component's Secret pass", policy: C, target: ownedPod(secretCredentialsPod()), violations: 0 },
  {
    id: "C02 the seed's inline-credentials prefix is caught",
    policy: C,
    target: ownedPod(seedCredentialsPod()),
    violations: 1,
    level: "mandatory",
    message: /container 'claude-code' command\[2\] \(spec\.containers\[0\]\.command\[2\]\) contains writes \.credentials\.json from an inline literal; an Anthropic API key or OAuth token \(sk-ant-\.\.\.\); Claude OAuth credentials JSON \(value redacted\)/,
    mustNotContain: [FAKE_OAUTH_TOKEN, FAKE_OAUTH_TOKEN.slice(0, 24)],
  },
  {
    id: "C03 ANTHROPIC_API_KEY as a plain env value",
    policy: C,
    target: ownedPod(pod({ env: { ANTHROPIC_API_KEY: FAKE_API_KEY } })),
    violations: 1,
    message: /container 'claude-code' env 'ANTHROPIC_API_KEY' \(spec\.containers\[0\]\.env\[1\]\.value\) is set as a plain value \(value redacted\)/,
    mustNotContain: [FAKE_API_KEY],
  },
  { id: "C04 CLAUDE_CODE_OAUTH_TOKEN as a plain env value", policy: C, target: ownedPod(pod({ env: { CLAUDE_CODE_OAUTH_TOKEN: "some-token-value" } })), violations: 1, message: /env 'CLAUDE_CODE_OAUTH_TOKEN'/, mustNotContain: ["some-token-value"] },
  { id: "C05 a blanked ANTHROPIC_API_KEY passes", policy: C, target: ownedPod(pod({ env: { ANTHROPIC_API_KEY: "" } })), violations: 0 },
  {
    id: "C06 key pasted into the command",
    policy: C,
    target: ownedPod(pod({ command: ["claude", "--api-key", FAKE_API_KEY, "-p", "hi"] })),
    violations: 1,
    message: /command\[2\] .* contains an Anthropic API key or OAuth token/,
    mustNotContain: [FAKE_API_KEY],
  },
  { id: "C07 token under another env name", policy: C, target: ownedPod(pod({ env: { MY_TOKEN: FAKE_OAUTH_TOKEN } })), violations: 1, message: /env 'MY_TOKEN' .* contains an Anthropic API key/ },
  {
    id: "C08 ANTHROPIC_API_KEY from a secretKeyRef passes",
    policy: C,
    target: ownedPod(edit(pod(), (p) => p.spec.containers[0]!.env!.push({ name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "anthropic", key: "key" } } }))),
    violations: 0,
  },
  {
    id: "C09 literal export in a shell script",
    policy: C,
    target: ownedPod(pod({ command: ["sh", "-c", "export CLAUDE_CODE_OAUTH_TOKEN=abc123def456 && exec claude -p hi"] })),
    violations: 1,
    message: /CLAUDE_CODE_OAUTH_TOKEN assigned a literal value/,
    mustNotContain: ["abc123def456"],
  },
  { id: "C10 export from another variable passes", policy: C, target: ownedPod(pod({ command: ["sh", "-c", 'export ANTHROPIC_API_KEY="$KEY_FROM_SECRET" && exec claude'] })), violations: 0 },
  { id: "C11 configured extra env name", policy: C, target: ownedPod(pod({ env: { GITHUB_TOKEN: "ghp_fake" } })), config: { [C]: { additionalSensitiveEnvNames: ["GITHUB_TOKEN"] } }, violations: 1, message: /env 'GITHUB_TOKEN'/ },
  {
    id: "C12 plain credential env value unknown at preview is still plain",
    policy: C,
    target: ownedPod(pod({ env: { ANTHROPIC_API_KEY: UNKNOWN } })),
    violations: 1,
    level: "mandatory",
    message: /env 'ANTHROPIC_API_KEY' .* is set as a plain value \(unknown at preview\)/,
  },
  {
    id: "C13 credentials JSON in a heredoc",
    policy: C,
    target: ownedPod(pod({ command: ["sh", "-c", "cat > $HOME/.claude/.credentials.json <<'EOF'\n{\"x\": 1}\nEOF\nexec claude"] })),
    violations: 1,
    message: /writes \.credentials\.json from an inline literal/,
  },

  // ---- ironflow-pod-security ---------------------------------------------------------------
  {
    id: "S01 builder pod without a sandbox fails four restricted controls",
    policy: S,
    target: ownedPod(pod()),
    violations: 4,
    level: "advisory",
    message: /fails Pod Security Standards "restricted" control "(Privilege Escalation|Running as Non-root|Seccomp|Capabilities)"/,
  },
  { id: "S02 the builder's sandbox (restricted securityContext) passes", policy: S, target: ownedPod(podWithInputs(undefined, { sandbox: {} })), violations: 0 },
  {
    id: "S03 hostPath volume fails Volume Types",
    policy: S,
    target: ownedPod(pod({ sandbox: {}, ...vol("/data") })),
    violations: 1,
    message: /control "Volume Types" \(volumeTypes\): volume 'vol-0' is hostPath; expected volume types configMap/,
  },
  {
    id: "S04 runAsUser 0",
    policy: S,
    target: ownedPod(edit(pod({ sandbox: {} }), (p) => (p.spec.securityContext!.runAsUser = 0))),
    violations: 1,
    message: /control "Running as Non-root user" \(runAsUser\): spec\.securityContext\.runAsUser is 0/,
  },
  {
    id: "S05 the init container is checked too",
    policy: S,
    target: ownedPod(edit(podWithInputs(undefined, { sandbox: {} }), (p) => delete p.spec.initContainers![0]!.securityContext)),
    violations: 2,
    message: /init container 'ironflow-input-fetch'/,
  },
  {
    id: "S06 exempted controls are skipped",
    policy: S,
    target: ownedPod(pod()),
    config: { [S]: { exemptControls: ["privilegeEscalation", "runAsNonRoot", "seccomp", "capabilities"] } },
    violations: 0,
  },
  { id: "S07 hostNetwork", policy: S, target: ownedPod(edit(pod({ sandbox: {} }), (p) => (p.spec.hostNetwork = true))), violations: 1, message: /control "Host Namespaces" \(hostNamespaces\): spec\.hostNetwork is true/ },
  {
    id: "S08 added capability",
    policy: S,
    target: ownedPod(edit(pod({ sandbox: {} }), (p) => (p.spec.containers[0]!.securityContext!.capabilities!.add = ["SYS_ADMIN"]))),
    violations: 1,
    message: /control "Capabilities" \(capabilities\): container 'claude-code' capabilities\.add has 'SYS_ADMIN'/,
  },
  { id: "S09 privileged container", policy: S, target: ownedPod(edit(pod({ sandbox: {} }), (p) => (p.spec.containers[0]!.securityContext!.privileged = true))), violations: 1, message: /control "Privileged Containers"/ },
  {
    id: "S10 spoofing pod is a runner pod for the other policies too",
    policy: S,
    target: barePod(pod()),
    violations: 4,
    message: /^.*\nPod 'hand-written' \(metadata\.name 'agent', namespace 'default'\): fails Pod Security Standards/,
  },
];

/** Labels every builder Pod carries (re-exported for tests). */
export { PROTECTED_LABELS, componentUrn };
