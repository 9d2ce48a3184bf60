/**
 * The plain (already resolved) configuration of a runner pod: what
 * {@link buildPodSpec} takes. Every field is plain data; `ClaudeRunnerPod`
 * accepts the same fields as Pulumi Inputs.
 */

/** Allowed values of `imagePullPolicy`. */
export const IMAGE_PULL_POLICIES = ["Always", "IfNotPresent", "Never"] as const;
/** Allowed values of `restartPolicy`. */
export const RESTART_POLICIES = ["Always", "OnFailure", "Never"] as const;

export type ImagePullPolicy = (typeof IMAGE_PULL_POLICIES)[number];
export type RestartPolicy = (typeof RESTART_POLICIES)[number];

/** CPU and memory limits of the agent container (the seed's `K8sResources`). */
export interface K8sResources {
  /** CPU limit as a Kubernetes quantity, e.g. `"2"` or `"500m"`. @default no limit */
  cpuLimit?: string;
  /** Memory limit as a Kubernetes quantity, e.g. `"4Gi"`. @default no limit */
  memoryLimit?: string;
}

/** No limits: the seed's `K8sResources::default()`. */
export const DEFAULT_RESOURCES: Readonly<K8sResources> = Object.freeze({});

/** A host directory mounted into the agent container (`vol-N`). */
export interface HostPathVolume {
  /** Absolute directory on the node. */
  hostPath: string;
  /** Absolute path in the container. */
  mountPath: string;
}

/** A file fetched by the init container before the agent starts. */
export interface AgentInput {
  /** `https://` (or `http://`) URL of the file; no `user:password@`. */
  url: string;
  /** Absolute path of the file in the container, under a directory other than `/`. */
  mountPath: string;
}

/** A key of an existing Kubernetes Secret. */
export interface SecretKeyRef {
  /** Name of the Secret, in the pod's namespace. */
  name: string;
  /** Key within the Secret. */
  key: string;
}

/** Plain configuration of a runner pod, the input of {@link buildPodSpec}. */
export interface PodConfig {
  /** Pod name (DNS-1123 subdomain). @default none: whoever applies the object names it */
  name?: string;
  /** Image of the agent container. */
  image: string;
  /** Command (argv) of the agent container. */
  command: string[];
  /** Namespace (DNS-1123 label). @default "default" */
  namespace?: string;
  /** CPU and memory limits. @default no limits */
  resources?: K8sResources;
  /** Service account name. @default none (the namespace's default) */
  serviceAccount?: string;
  /** Pod restart policy. @default "Never" */
  restartPolicy?: RestartPolicy;
  /** Image pull policy of every container. @default "IfNotPresent" */
  imagePullPolicy?: ImagePullPolicy;
  /** Env vars of the agent container, in order. @default {} */
  env?: Record<string, string>;
  /** Names of image pull Secrets. @default [] */
  imagePullSecrets?: string[];
  /** Extra labels; the protected labels always win over them. @default {} */
  labels?: Record<string, string>;
  /** hostPath directories to mount. @default [] */
  volumes?: HostPathVolume[];
  /** Files fetched by the init container. @default [] */
  inputs?: AgentInput[];
  /** Image of the input-fetch init container. @default DEFAULT_INPUT_INIT_IMAGE */
  inputInitImage?: string;
  /**
   * Env names set to `""` before the user's env, so a value inherited from the
   * image cannot leak in. A name the user sets in `env` is not blanked.
   * @default DEFAULT_CLEARED_ENV (`["IRONFLOW_ALLOW_BYPASS"]`)
   */
  clearedEnv?: string[];
  /**
   * Claude OAuth credentials JSON held in an existing Secret: passed by
   * `secretKeyRef` and written to `$HOME/.claude/.credentials.json` before the
   * agent starts. @default none
   */
  credentialsSecret?: SecretKeyRef;
}
