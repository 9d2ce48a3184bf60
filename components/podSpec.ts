import type { Container, EnvVar, Pod, ResourceRequirements } from "kubernetes-types/core/v1";
import { SANDBOX_AGENT_LIMITS, SANDBOX_FETCH_LIMITS, type K8sResources, type PodConfig } from "./config";
import { buildInputFetchContainer } from "./inputs";
import { mergeLabels } from "./labels";
import { planMounts, toVolumeMount } from "./mounts";
import {
  CREDENTIALS_ENV_NAME,
  DEFAULT_CLEARED_ENV,
  DEFAULT_INPUT_INIT_IMAGE,
  EGRESS_PROFILE_LABEL,
  MAIN_CONTAINER_NAME,
  SANDBOX_HOME,
  SANDBOX_TMP,
} from "./names";
import { sandboxContainerSecurityContext, sandboxPodSecurityContext } from "./sandbox";
import { startupPrefix, wrapCommandWithPrefix } from "./startup";
import { validatePodConfig } from "./validation";

/** A plain Pod object with the fields the builder always sets made required. */
export type RunnerPod = Pod & {
  apiVersion: "v1";
  kind: "Pod";
  metadata: NonNullable<Pod["metadata"]> & { namespace: string; labels: Record<string, string> };
  spec: NonNullable<Pod["spec"]>;
};

/**
 * Build the Pod that runs the Claude Code CLI: a pure function of `config`
 * (no clock, no environment, no I/O), so the same config always gives the
 * same object. Throws a {@link PodConfigError} listing every problem.
 *
 * Seed behaviour kept: protected labels win over extra labels; cleared env
 * names first (as `""`), then the user's env in order; hostPath volumes
 * `vol-N` (type `Directory`) then input volumes `ironflow-input-N`; an
 * `ironflow-input-fetch` init container only when there are inputs. Without
 * `sandbox` the pod is the seed's plain pod; with it, see {@link SandboxOptions}.
 */
export function buildPodSpec(config: PodConfig): RunnerPod {
  const c = validatePodConfig(config);
  const imagePullPolicy = c.imagePullPolicy ?? "IfNotPresent";
  const mounts = planMounts(c);

  const prefix = startupPrefix(c);
  const container: Container = {
    name: MAIN_CONTAINER_NAME,
    image: c.image,
    imagePullPolicy,
    command: prefix ? wrapCommandWithPrefix(prefix, c.command) : [...c.command],
  };
  const env = buildEnv(c);
  if (env.length > 0) container.env = env;
  const resources = limitsOf(c.resources, c.sandbox ? SANDBOX_AGENT_LIMITS : undefined);
  if (resources) container.resources = resources;
  if (mounts.length > 0) container.volumeMounts = mounts.map(toVolumeMount);

  const init = buildInputFetchContainer(
    c,
    mounts.filter((m) => m.input),
    imagePullPolicy,
    c.inputInitImage ?? DEFAULT_INPUT_INIT_IMAGE,
  );
  if (init) {
    const initResources = limitsOf(c.inputFetchResources, c.sandbox ? SANDBOX_FETCH_LIMITS : undefined);
    if (initResources) init.resources = initResources;
  }
  if (c.sandbox) {
    container.securityContext = sandboxContainerSecurityContext(c.sandbox);
    if (init) init.securityContext = sandboxContainerSecurityContext(c.sandbox);
  }

  const spec: RunnerPod["spec"] = { restartPolicy: c.restartPolicy ?? "Never", containers: [container] };
  if (mounts.length > 0) spec.volumes = mounts.map((m) => m.volume);
  if (init) spec.initContainers = [init];
  if (c.serviceAccount !== undefined) spec.serviceAccountName = c.serviceAccount;
  if (c.imagePullSecrets && c.imagePullSecrets.length > 0) spec.imagePullSecrets = c.imagePullSecrets.map((name) => ({ name }));
  if (c.sandbox) {
    spec.securityContext = sandboxPodSecurityContext(c.sandbox);
    // No API token in an agent pod unless it was given an identity on purpose.
    if (c.serviceAccount === undefined) spec.automountServiceAccountToken = false;
  }
  if (c.nodeSelector && Object.keys(c.nodeSelector).length > 0) spec.nodeSelector = { ...c.nodeSelector };
  if (c.tolerations && c.tolerations.length > 0) spec.tolerations = c.tolerations.map((t) => ({ ...t }));
  if (c.runtimeClassName !== undefined) spec.runtimeClassName = c.runtimeClassName;
  if (c.activeDeadlineSeconds !== undefined) spec.activeDeadlineSeconds = c.activeDeadlineSeconds;

  const labels = c.egressProfile !== undefined ? { ...c.labels, [EGRESS_PROFILE_LABEL]: c.egressProfile } : c.labels;
  const metadata: RunnerPod["metadata"] = { namespace: c.namespace ?? "default", labels: mergeLabels(labels) };
  if (c.name !== undefined) metadata.name = c.name;
  if (c.annotations && Object.keys(c.annotations).length > 0) metadata.annotations = { ...c.annotations };
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

/** `{limits}` from the given limits over the defaults; undefined when neither sets any. */
function limitsOf(given: K8sResources | undefined, defaults: K8sResources | undefined): ResourceRequirements | undefined {
  const limits: Record<string, string> = {};
  const cpu = given?.cpuLimit ?? defaults?.cpuLimit;
  const memory = given?.memoryLimit ?? defaults?.memoryLimit;
  if (cpu !== undefined) limits.cpu = cpu;
  if (memory !== undefined) limits.memory = memory;
  return Object.keys(limits).length > 0 ? { limits } : undefined;
}

/**
 * Order: cleared names as `""` (unless set by the user), the sandbox's HOME
 * and TMPDIR (unless set by the user), the user's env, Secret-backed env, the
 * credentials reference.
 */
function buildEnv(c: PodConfig): EnvVar[] {
  const user = c.env ?? {};
  const userSets = (name: string) =>
    Object.prototype.hasOwnProperty.call(user, name) || (c.secretEnv ?? []).some((s) => s.name === name);
  const env: EnvVar[] = [];
  for (const name of c.clearedEnv ?? DEFAULT_CLEARED_ENV) {
    if (!userSets(name) && !env.some((e) => e.name === name)) env.push({ name, value: "" });
  }
  if (c.sandbox) {
    if (!userSets("HOME")) env.push({ name: "HOME", value: SANDBOX_HOME });
    if (!userSets("TMPDIR")) env.push({ name: "TMPDIR", value: SANDBOX_TMP });
  }
  for (const [name, value] of Object.entries(user)) env.push({ name, value });
  for (const s of c.secretEnv ?? []) env.push({ name: s.name, valueFrom: { secretKeyRef: { name: s.secretName, key: s.key } } });
  if (c.credentialsSecret) {
    env.push({ name: CREDENTIALS_ENV_NAME, valueFrom: { secretKeyRef: { name: c.credentialsSecret.name, key: c.credentialsSecret.key } } });
  }
  return env;
}
