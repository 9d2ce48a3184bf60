import type { PodConfig } from "./config";
import { IMAGE_PULL_POLICIES, RESTART_POLICIES } from "./config";
import { checkInputs } from "./inputRules";
import { IssueCollector, PodConfigError, shown } from "./issues";
import { checkMounts } from "./mountRules";
import { ANTHROPIC_KEY_PATTERN, CREDENTIAL_ENV_NAMES, CREDENTIALS_ENV_NAME } from "./names";
import { podConfigSchema, zodIssues } from "./schema";
import {
  MSG,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvName,
  isImageRef,
  isLabelKey,
  isLabelValue,
  isSecretKey,
  quantityProblem,
} from "./syntax";
import { isDeferred } from "./deferred";

type Seg = string | number;
const oneOf = (list: readonly string[]) => (v: string) => list.includes(v);

function checkQuantity(path: Seg[], v: string | undefined, out: IssueCollector): void {
  if (v === undefined || isDeferred(v)) return;
  const problem = quantityProblem(v);
  if (problem) out.add(path, `${problem}, got ${shown(v)}`);
}

function checkMinimum(path: Seg[], v: number | undefined, min: number, out: IssueCollector): void {
  if (v !== undefined && v < min) out.add(path, `must be at least ${min}, got ${v}`);
}

function checkLabelMap(field: string, map: Record<string, string> | undefined, values: boolean, out: IssueCollector): void {
  for (const [key, value] of Object.entries(map ?? {})) {
    out.check([field, key], key, isLabelKey, MSG.labelKey);
    if (values) out.check([field, key], value, isLabelValue, MSG.labelValue);
  }
}

/** Env rules: names, Secret-backed env, and (sandboxed) no credential as a plain value. Values are never shown. */
function checkEnv(c: PodConfig, out: IssueCollector): void {
  const env = c.env ?? {};
  for (const name of Object.keys(env)) out.check(["env", name], name, isEnvName, MSG.envName);
  (c.clearedEnv ?? []).forEach((name, i) => out.check(["clearedEnv", i], name, isEnvName, MSG.envName));
  const seen = new Set(Object.keys(env));
  (c.secretEnv ?? []).forEach((s, i) => {
    out.check(["secretEnv", i, "name"], s.name, isEnvName, MSG.envName);
    out.check(["secretEnv", i, "secretName"], s.secretName, isDns1123Subdomain, MSG.subdomain);
    out.check(["secretEnv", i, "key"], s.key, isSecretKey, MSG.secretKey);
    if (seen.has(s.name)) out.add(["secretEnv", i, "name"], `${shown(s.name)} is already set`);
    seen.add(s.name);
  });
  if (c.credentialsSecret && seen.has(CREDENTIALS_ENV_NAME)) {
    out.add(["env", CREDENTIALS_ENV_NAME], "is reserved for the credentials Secret reference");
  }
  if (!c.sandbox) return;
  for (const [name, value] of Object.entries(env)) {
    if (isDeferred(value) || value === "") continue;
    if (CREDENTIAL_ENV_NAMES.includes(name)) {
      out.add(["env", name], "must come from a Secret in a sandboxed pod: use secretEnv (value not shown)");
    } else if (ANTHROPIC_KEY_PATTERN.test(value)) {
      out.add(["env", name], "looks like an Anthropic key or token: use secretEnv (value not shown)");
    }
  }
}

function checkScheduling(c: PodConfig, out: IssueCollector): void {
  checkLabelMap("nodeSelector", c.nodeSelector, true, out);
  checkLabelMap("annotations", c.annotations, false, out);
  (c.tolerations ?? []).forEach((t, i) => {
    const at = (f: string): Seg[] => ["tolerations", i, f];
    out.check(at("operator"), t.operator, oneOf(["Equal", "Exists"]), "must be one of Equal, Exists");
    out.check(at("effect"), t.effect, oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"]), "must be one of NoSchedule, PreferNoSchedule, NoExecute");
    if (t.key !== undefined && t.key !== "") out.check(at("key"), t.key, isLabelKey, MSG.labelKey);
    const operator = t.operator ?? "Equal";
    if (operator === "Exists" && t.value !== undefined && t.value !== "") out.add(at("value"), `must not be set with operator 'Exists', got ${shown(t.value)}`);
    if (operator === "Equal" && (t.key ?? "") === "") out.add(at("key"), "must be set unless operator is 'Exists'");
    if (operator === "Equal") out.check(at("value"), t.value, isLabelValue, MSG.labelValue);
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") out.add(at("tolerationSeconds"), "needs effect 'NoExecute'");
  });
  out.check(["runtimeClassName"], c.runtimeClassName, isDns1123Subdomain, MSG.subdomain);
  checkMinimum(["activeDeadlineSeconds"], c.activeDeadlineSeconds, 1, out);
  out.check(["egressProfile"], c.egressProfile, isLabelValue, MSG.labelValue);
}

function checkSandbox(c: PodConfig, out: IssueCollector): void {
  const s = c.sandbox;
  if (!s) return;
  for (const field of ["runAsUser", "runAsGroup", "fsGroup"] as const) {
    const v = s[field];
    if (v !== undefined && v < 1) out.add(["sandbox", field], `must be a non-root id (at least 1), got ${v}`);
  }
  checkQuantity(["sandbox", "homeSizeLimit"], s.homeSizeLimit, out);
  checkQuantity(["sandbox", "tmpSizeLimit"], s.tmpSizeLimit, out);
}

/** Apply every rule of a runner pod config to an already well-typed config. */
export function checkPodConfigRules(c: PodConfig, out: IssueCollector): void {
  out.check(["name"], c.name, isDns1123Subdomain, MSG.subdomain);
  out.check(["namespace"], c.namespace, isDns1123Label, MSG.label);
  out.check(["image"], c.image, isImageRef, MSG.image);
  out.check(["inputInitImage"], c.inputInitImage, isImageRef, MSG.image);
  out.check(["serviceAccount"], c.serviceAccount, isDns1123Subdomain, MSG.subdomain);
  out.check(["restartPolicy"], c.restartPolicy, oneOf(RESTART_POLICIES), `must be one of ${RESTART_POLICIES.join(", ")}`);
  out.check(["imagePullPolicy"], c.imagePullPolicy, oneOf(IMAGE_PULL_POLICIES), `must be one of ${IMAGE_PULL_POLICIES.join(", ")}`);
  if (c.command.length === 0) out.add(["command"], MSG.commandEmpty);
  else out.check(["command", 0], c.command[0], (v) => v.length > 0, MSG.commandFirst);
  checkQuantity(["resources", "cpuLimit"], c.resources?.cpuLimit, out);
  checkQuantity(["resources", "memoryLimit"], c.resources?.memoryLimit, out);
  checkQuantity(["inputFetchResources", "cpuLimit"], c.inputFetchResources?.cpuLimit, out);
  checkQuantity(["inputFetchResources", "memoryLimit"], c.inputFetchResources?.memoryLimit, out);
  checkEnv(c, out);
  (c.imagePullSecrets ?? []).forEach((s, i) => out.check(["imagePullSecrets", i], s, isDns1123Subdomain, MSG.subdomain));
  checkLabelMap("labels", c.labels, true, out);
  if (c.credentialsSecret) {
    out.check(["credentialsSecret", "name"], c.credentialsSecret.name, isDns1123Subdomain, MSG.subdomain);
    out.check(["credentialsSecret", "key"], c.credentialsSecret.key, isSecretKey, MSG.secretKey);
  }
  checkSandbox(c, out);
  checkInputs(c.inputs ?? [], out);
  checkMinimum(["inputRetries"], c.inputRetries, 0, out);
  checkMinimum(["inputTimeoutSeconds"], c.inputTimeoutSeconds, 1, out);
  checkQuantity(["inputVolumeSizeLimit"], c.inputVolumeSizeLimit, out);
  checkMounts(c, out);
  checkScheduling(c, out);
}

/**
 * Validate a runner pod config: types (zod), then every rule. Throws one
 * {@link PodConfigError} listing all problems; returns the config typed.
 */
export function validatePodConfig(config: unknown, subject = "pod config"): PodConfig {
  const parsed = podConfigSchema.safeParse(config);
  if (!parsed.success) throw new PodConfigError(subject, zodIssues(parsed.error));
  const c = parsed.data as PodConfig;
  const out = new IssueCollector();
  checkPodConfigRules(c, out);
  if (out.issues.length > 0) throw new PodConfigError(subject, out.issues);
  return c;
}
