import { z } from "zod";
import { IMAGE_PULL_POLICIES, RESTART_POLICIES, type AgentInput, type PodConfig } from "./config";
import { CREDENTIALS_ENV_NAME } from "./names";
import { isDeferred } from "./deferred";
import { parentDir } from "./paths";

/** One problem in a config: where it is and what is wrong (with the bad value, never a secret's). */
export interface ConfigIssue {
  /** Field path, e.g. `inputs[0].mountPath` or `labels["team"]`. */
  path: string;
  /** What is wrong, naming the bad value where it is not secret. */
  message: string;
}

/** Thrown for an invalid config; lists every problem found, not just the first. */
export class PodConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(subject: string, issues: readonly ConfigIssue[]) {
    const n = issues.length;
    super(
      `invalid ${subject}: ${n} problem${n === 1 ? "" : "s"}\n` +
        issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n"),
    );
    this.name = "PodConfigError";
    this.issues = issues;
  }
}

/** Render a path like zod's as `a.b[0]["c/d"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || "(root)";
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

export const MSG = {
  subdomain: "must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
  label: "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
  image: "must be a non-empty image reference without whitespace",
  quantity: "must be a Kubernetes quantity such as '500m', '2', '512Mi' or '4Gi'",
  positive: "must be greater than zero",
  envName: "env var name must be non-empty and must not contain '='",
  labelKey: "label key must be an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  labelValue: "label value must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  url: "must be an https:// or http:// URL",
  urlCredentials: "must not embed credentials (user:password@) in the URL; use a Secret",
  inputAbsolute: "agent input mountPath must be absolute",
  inputUnderDir: "agent input mountPath must live under a directory (not '/')",
  volumeHostAbsolute: "volume hostPath must be absolute",
  volumeMountAbsolute: "volume mountPath must be absolute",
  commandEmpty: "must have at least one element",
  commandFirst: "must not be empty",
} as const;

/** Quote a value for a message. */
export function shown(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value);
}

/** A URL for messages: scheme, host and path only, so tokens in userinfo or query never show. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const auth = u.username || u.password ? "***@" : "";
    return `${u.protocol}//${auth}${u.host}${u.pathname}${u.search ? "?***" : ""}`;
  } catch {
    return url.length > 80 ? `${url.slice(0, 77)}...` : url;
  }
}

export function isDns1123Subdomain(v: string): boolean {
  return v.length <= 253 && DNS1123_SUBDOMAIN.test(v);
}
export function isDns1123Label(v: string): boolean {
  return v.length <= 63 && DNS1123_LABEL.test(v);
}
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}
export function isLabelValue(v: string): boolean {
  return v === "" || (v.length <= 63 && LABEL_NAME.test(v));
}
export function isImageRef(v: string): boolean {
  return v.length > 0 && !/\s/.test(v);
}
export function isEnvName(v: string): boolean {
  return v.length > 0 && !v.includes("=");
}
/** `undefined` when valid, else the message. */
export function quantityProblem(v: string): string | undefined {
  const m = QUANTITY.exec(v);
  if (!m) return MSG.quantity;
  if (Number(m[1]) === 0) return MSG.positive;
  return undefined;
}

/** Collects issues; values that are placeholders for unknown Outputs are skipped. */
export class IssueCollector {
  readonly issues: ConfigIssue[] = [];
  add(path: ReadonlyArray<PropertyKey>, message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }
  /** Record `message, got <value>` when `value` is known and fails `ok`. */
  check(path: ReadonlyArray<PropertyKey>, value: string | undefined, ok: (v: string) => boolean, message: string): void {
    if (value === undefined || isDeferred(value) || ok(value)) return;
    this.add(path, `${message}, got ${shown(value)}`);
  }
}

const str = z.string();
const strRecord = z.record(z.string(), z.string());

/** The shape of a {@link PodConfig}: types only; the rules are in {@link checkPodConfigRules}. */
export const podConfigSchema = z.strictObject({
  name: str.optional(),
  image: str,
  command: z.array(str),
  namespace: str.optional(),
  resources: z.strictObject({ cpuLimit: str.optional(), memoryLimit: str.optional() }).optional(),
  serviceAccount: str.optional(),
  restartPolicy: str.optional(),
  imagePullPolicy: str.optional(),
  env: strRecord.optional(),
  imagePullSecrets: z.array(str).optional(),
  labels: strRecord.optional(),
  volumes: z.array(z.strictObject({ hostPath: str, mountPath: str })).optional(),
  inputs: z.array(z.strictObject({ url: str, mountPath: str })).optional(),
  inputInitImage: str.optional(),
  clearedEnv: z.array(str).optional(),
  credentialsSecret: z.strictObject({ name: str, key: str }).optional(),
});

/** Apply every rule of a runner pod config to an already well-typed config. */
export function checkPodConfigRules(c: PodConfig, out: IssueCollector): void {
  out.check(["name"], c.name, isDns1123Subdomain, MSG.subdomain);
  out.check(["namespace"], c.namespace, isDns1123Label, MSG.label);
  out.check(["image"], c.image, isImageRef, MSG.image);
  out.check(["inputInitImage"], c.inputInitImage, isImageRef, MSG.image);
  out.check(["serviceAccount"], c.serviceAccount, isDns1123Subdomain, MSG.subdomain);
  const oneOf = (list: readonly string[]) => (v: string) => list.includes(v);
  out.check(["restartPolicy"], c.restartPolicy, oneOf(RESTART_POLICIES), `must be one of ${RESTART_POLICIES.join(", ")}`);
  out.check(["imagePullPolicy"], c.imagePullPolicy, oneOf(IMAGE_PULL_POLICIES), `must be one of ${IMAGE_PULL_POLICIES.join(", ")}`);

  if (c.command.length === 0) out.add(["command"], MSG.commandEmpty);
  else out.check(["command", 0], c.command[0], (v) => v.length > 0, MSG.commandFirst);

  for (const field of ["cpuLimit", "memoryLimit"] as const) {
    const v = c.resources?.[field];
    if (v === undefined || isDeferred(v)) continue;
    const problem = quantityProblem(v);
    if (problem) out.add(["resources", field], `${problem}, got ${shown(v)}`);
  }

  // Env values may be secrets: only names are checked and shown.
  for (const name of Object.keys(c.env ?? {})) out.check(["env", name], name, isEnvName, MSG.envName);
  (c.clearedEnv ?? []).forEach((name, i) => out.check(["clearedEnv", i], name, isEnvName, MSG.envName));
  (c.imagePullSecrets ?? []).forEach((s, i) => out.check(["imagePullSecrets", i], s, isDns1123Subdomain, MSG.subdomain));
  for (const [key, value] of Object.entries(c.labels ?? {})) {
    out.check(["labels", key], key, isLabelKey, MSG.labelKey);
    out.check(["labels", key], value, isLabelValue, MSG.labelValue);
  }
  if (c.credentialsSecret) {
    if (Object.prototype.hasOwnProperty.call(c.env ?? {}, CREDENTIALS_ENV_NAME)) {
      out.add(["env", CREDENTIALS_ENV_NAME], "is reserved for the credentials Secret reference");
    }
    out.check(["credentialsSecret", "name"], c.credentialsSecret.name, isDns1123Subdomain, MSG.subdomain);
    out.check(["credentialsSecret", "key"], c.credentialsSecret.key, (k) => /^[-._a-zA-Z0-9]+$/.test(k), "must be a Secret key (letters, digits, '-', '_' or '.')");
  }

  checkMounts(c, out);
}

function checkMounts(c: PodConfig, out: IssueCollector): void {
  const volumeAt = new Map<string, number>();
  (c.volumes ?? []).forEach((v, i) => {
    out.check(["volumes", i, "hostPath"], v.hostPath, (p) => p.startsWith("/"), MSG.volumeHostAbsolute);
    out.check(["volumes", i, "mountPath"], v.mountPath, (p) => p.startsWith("/"), MSG.volumeMountAbsolute);
    const first = volumeAt.get(v.mountPath);
    if (first !== undefined) out.add(["volumes", i, "mountPath"], `duplicates volumes[${first}].mountPath ${shown(v.mountPath)}`);
    else volumeAt.set(v.mountPath, i);
  });
  checkInputs(c.inputs ?? [], volumeAt, out);
}

/** Input rules: URL, absolute path under a directory, no duplicate, no directory shared with a volume mount. */
function checkInputs(inputs: readonly AgentInput[], volumeAt: ReadonlyMap<string, number>, out: IssueCollector): void {
  const inputAt = new Map<string, number>();
  inputs.forEach((input, i) => {
    checkInputUrl(["inputs", i, "url"], input.url, out);
    const path = input.mountPath;
    if (isDeferred(path)) return;
    if (!path.startsWith("/")) {
      out.add(["inputs", i, "mountPath"], `${MSG.inputAbsolute}, got ${shown(path)}`);
      return;
    }
    const dir = parentDir(path);
    if (dir === "" || dir === "/") {
      out.add(["inputs", i, "mountPath"], `${MSG.inputUnderDir}, got ${shown(path)}`);
      return;
    }
    const first = inputAt.get(path);
    if (first !== undefined) out.add(["inputs", i, "mountPath"], `duplicates inputs[${first}].mountPath ${shown(path)}`);
    else inputAt.set(path, i);
    const vol = volumeAt.get(dir);
    if (vol !== undefined) out.add(["inputs", i, "mountPath"], `its directory ${shown(dir)} is also the mountPath of volumes[${vol}]`);
  });
}

/** The seed's `validate_inputs`, with all of the input rules: throws a {@link PodConfigError}. */
export function validateInputs(inputs: readonly AgentInput[]): void {
  const out = new IssueCollector();
  checkInputs(inputs, new Map(), out);
  if (out.issues.length > 0) throw new PodConfigError("agent inputs", out.issues);
}

/** URL rules shared by inputs: http(s) only, no userinfo. */
export function checkInputUrl(path: ReadonlyArray<PropertyKey>, url: string, out: IssueCollector): void {
  if (isDeferred(url)) return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:") || !parsed.host) {
    out.add(path, `${MSG.url}, got ${shown(redactUrl(url))}`);
    return;
  }
  if (parsed.username || parsed.password) out.add(path, `${MSG.urlCredentials}, got ${shown(redactUrl(url))}`);
}

/** Turn zod's type issues into ours. Zod messages never include the input value. */
export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/**
 * Validate a runner pod config: types (zod), then every rule. Throws one
 * {@link PodConfigError} listing all problems; returns the config typed.
 */
export function validatePodConfig(config: unknown, subject = "pod config"): PodConfig {
  const parsed = podConfigSchema.safeParse(config);
  if (!parsed.success) throw new PodConfigError(subject, zodIssues(parsed.error));
  const out = new IssueCollector();
  checkPodConfigRules(parsed.data as PodConfig, out);
  if (out.issues.length > 0) throw new PodConfigError(subject, out.issues);
  return parsed.data as PodConfig;
}
