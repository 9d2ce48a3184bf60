import type { Container, EnvVar, Pod, Volume, VolumeMount } from "kubernetes-types/core/v1";
import { DEFAULT_RESOURCES, type PodConfig } from "./config";
import { credentialsFromEnvPrefix, wrapCommandWithPrefix } from "./credentials";
import { buildInputArtifacts } from "./inputs";
import { mergeLabels } from "./labels";
import {
  CREDENTIALS_ENV_NAME,
  DEFAULT_CLEARED_ENV,
  DEFAULT_INPUT_INIT_IMAGE,
  HOST_PATH_VOLUME_PREFIX,
  MAIN_CONTAINER_NAME,
} from "./names";
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
 * `ironflow-input-fetch` init container only when there are inputs.
 */
export function buildPodSpec(config: PodConfig): RunnerPod {
  const c = validatePodConfig(config);
  const imagePullPolicy = c.imagePullPolicy ?? "IfNotPresent";
  const resources = c.resources ?? DEFAULT_RESOURCES;

  const container: Container = {
    name: MAIN_CONTAINER_NAME,
    image: c.image,
    imagePullPolicy,
    command: c.credentialsSecret
      ? wrapCommandWithPrefix(credentialsFromEnvPrefix(CREDENTIALS_ENV_NAME), c.command)
      : [...c.command],
  };
  const env = buildEnv(c);
  if (env.length > 0) container.env = env;

  const limits: Record<string, string> = {};
  if (resources.cpuLimit !== undefined) limits.cpu = resources.cpuLimit;
  if (resources.memoryLimit !== undefined) limits.memory = resources.memoryLimit;
  if (Object.keys(limits).length > 0) container.resources = { limits };

  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  (c.volumes ?? []).forEach((v, i) => {
    const name = `${HOST_PATH_VOLUME_PREFIX}${i}`;
    volumes.push({ name, hostPath: { path: v.hostPath, type: "Directory" } });
    mounts.push({ name, mountPath: v.mountPath });
  });
  const inputs = buildInputArtifacts(c.inputs ?? [], c.inputInitImage ?? DEFAULT_INPUT_INIT_IMAGE, imagePullPolicy);
  volumes.push(...inputs.volumes);
  mounts.push(...inputs.volumeMounts);
  if (mounts.length > 0) container.volumeMounts = mounts;

  const spec: RunnerPod["spec"] = { restartPolicy: c.restartPolicy ?? "Never", containers: [container] };
  if (volumes.length > 0) spec.volumes = volumes;
  if (inputs.initContainer) spec.initContainers = [inputs.initContainer];
  if (c.serviceAccount !== undefined) spec.serviceAccountName = c.serviceAccount;
  if (c.imagePullSecrets && c.imagePullSecrets.length > 0) {
    spec.imagePullSecrets = c.imagePullSecrets.map((name) => ({ name }));
  }

  const metadata: RunnerPod["metadata"] = {
    namespace: c.namespace ?? "default",
    labels: mergeLabels(c.labels),
  };
  if (c.name !== undefined) metadata.name = c.name;
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

/** Cleared names (unless the user sets them) as `""`, then the user's env, then the credentials ref. */
function buildEnv(c: PodConfig): EnvVar[] {
  const user = c.env ?? {};
  const env: EnvVar[] = [];
  for (const name of c.clearedEnv ?? DEFAULT_CLEARED_ENV) {
    if (!Object.prototype.hasOwnProperty.call(user, name) && !env.some((e) => e.name === name)) {
      env.push({ name, value: "" });
    }
  }
  for (const [name, value] of Object.entries(user)) env.push({ name, value });
  if (c.credentialsSecret) {
    env.push({
      name: CREDENTIALS_ENV_NAME,
      valueFrom: { secretKeyRef: { name: c.credentialsSecret.name, key: c.credentialsSecret.key } },
    });
  }
  return env;
}
