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
  /** Mount read-only. @default true with the sandbox, false without (the seed's read-write mount) */
  readOnly?: boolean;
}

/** A Secret key passed as an env var by `secretKeyRef`. */
export interface SecretEnvVar {
  /** Env var name. */
  name: string;
  /** Name of the Secret, in the pod's namespace. */
  secretName: string;
  /** Key within the Secret. */
  key: string;
}

/** A read-write PersistentVolumeClaim mount (`pvc-N`). */
export interface PvcMount {
  /** Name of the PersistentVolumeClaim. */
  claimName: string;
  /** Absolute path in the container. */
  mountPath: string;
  /** Relative path within the volume. @default the volume's root */
  subPath?: string;
}

/** A read-only mount (`ro-N`) of exactly one source: a PVC, a ConfigMap, a Secret or a host path. */
export interface ReadOnlyMount {
  /** Absolute path in the container. */
  mountPath: string;
  /** Relative path within the volume. @default the volume's root */
  subPath?: string;
  /** Name of a PersistentVolumeClaim. */
  persistentVolumeClaim?: string;
  /** Name of a ConfigMap. */
  configMap?: string;
  /** Name of a Secret. */
  secret?: string;
  /** Absolute path on the node. */
  hostPath?: string;
}

/** A ConfigMap holding the prompt, mounted read-only. */
export interface PromptMount {
  /** Name of the ConfigMap. */
  configMap: string;
  /** Absolute path in the container. @default "/etc/ironflow/prompt" */
  mountPath?: string;
}

/** A header sent when fetching an input, its value from a Secret so it never appears in the spec. */
export interface InputAuthHeader {
  /** Header name. @default "Authorization" */
  header?: string;
  /** Name of the Secret holding the header's value (e.g. `Bearer ...`). */
  secretName: string;
  /** Key within the Secret. */
  key: string;
}

/** A file fetched by the init container before the agent starts. */
export interface AgentInput {
  /** `https://` (or `http://`) URL of the file; no `user:password@`. Exclusive with `urlFrom`. */
  url?: string;
  /** A Secret key holding the URL (e.g. a presigned URL), so the URL stays out of the spec. Exclusive with `url`. */
  urlFrom?: SecretKeyRef;
  /** Absolute path of the file in the container, under a directory other than `/`. */
  mountPath: string;
  /** Expected SHA-256 (64 hex digits); the file only appears at `mountPath` once it matches. @default not verified */
  sha256?: string;
  /** Allow `http://` (curl then accepts http and https). @default false: curl itself refuses anything but https */
  allowHttp?: boolean;
  /** Largest accepted download, in bytes (`curl --max-filesize`). @default no cap */
  maxBytes?: number;
  /** File mode, octal, e.g. `"0444"`. @default curl's (umask) */
  mode?: string;
  /** A header whose value comes from a Secret. @default none */
  authHeader?: InputAuthHeader;
}

/** A toleration (checked: operator and effect enums, `Exists` without a value). */
export interface Toleration {
  /** Taint key; empty with `Exists` matches every taint. @default "" */
  key?: string;
  /** `Equal` or `Exists`. @default "Equal" */
  operator?: "Equal" | "Exists";
  /** Taint value (not with `Exists`). */
  value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. @default every effect */
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  /** How long a `NoExecute` taint is tolerated. @default forever */
  tolerationSeconds?: number;
}

/** The sandbox profile: non-root, no privilege, read-only root, writable HOME and /tmp on emptyDirs. */
export interface SandboxOptions {
  /** User id of both containers. @default 10001 (the runner image's user) */
  runAsUser?: number;
  /** Group id of both containers. @default 10001 */
  runAsGroup?: number;
  /** Group owning the pod's volumes. @default 10001 */
  fsGroup?: number;
  /** Read-only root filesystem on both containers. @default true */
  readOnlyRootFilesystem?: boolean;
  /** Size limit of the HOME emptyDir (`/home/claude`). @default "1Gi" */
  homeSizeLimit?: string;
  /** Size limit of the /tmp emptyDir. @default "512Mi" */
  tmpSizeLimit?: string;
}

/** Limits the sandbox gives the agent container when `resources` leaves them unset. */
export const SANDBOX_AGENT_LIMITS: Readonly<Required<K8sResources>> = Object.freeze({ cpuLimit: "2", memoryLimit: "4Gi" });
/** Limits the sandbox gives the input-fetch init container when `inputFetchResources` leaves them unset. */
export const SANDBOX_FETCH_LIMITS: Readonly<Required<K8sResources>> = Object.freeze({ cpuLimit: "500m", memoryLimit: "256Mi" });

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
  /** CPU and memory limits. @default no limits; with the sandbox 2 CPU and 4Gi */
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
  /** The sandbox profile. @default absent: the seed's plain pod (ClaudeRunnerPod turns it on) */
  sandbox?: SandboxOptions;
  /** Env vars from Secret keys, after `env`. A name set here is not blanked. @default [] */
  secretEnv?: SecretEnvVar[];
  /** Read-write PVC mounts (`pvc-N`). @default [] */
  pvcMounts?: PvcMount[];
  /** Read-only mounts (`ro-N`). @default [] */
  readOnlyMounts?: ReadOnlyMount[];
  /** A ConfigMap holding the prompt, mounted read-only. @default none */
  promptConfigMap?: PromptMount;
  /** A ConfigMap of Claude Code managed settings, mounted read-only at `/etc/claude-code`. @default none */
  managedSettingsConfigMap?: string;
  /** ConfigMaps whose files are copied into `$HOME/.claude` before the agent starts. @default [] */
  profileConfigMaps?: string[];
  /** Limits of the input-fetch init container. @default none; with the sandbox 500m CPU and 256Mi */
  inputFetchResources?: K8sResources;
  /** Retries of each input fetch. @default 3 (the seed's) */
  inputRetries?: number;
  /** Time limit of each input fetch, in seconds. @default 300 (the seed's) */
  inputTimeoutSeconds?: number;
  /** Size limit of each input emptyDir. @default none */
  inputVolumeSizeLimit?: string;
  /** Node labels the pod must be scheduled on. @default {} */
  nodeSelector?: Record<string, string>;
  /** Tolerations. @default [] */
  tolerations?: Toleration[];
  /** RuntimeClass, e.g. `gvisor` or `kata`. @default the cluster's default runtime */
  runtimeClassName?: string;
  /** Seconds the pod may run before Kubernetes stops it. @default no deadline */
  activeDeadlineSeconds?: number;
  /** Pod annotations. @default {} */
  annotations?: Record<string, string>;
  /** Value of the `ironflow.io/egress-profile` label. @default none */
  egressProfile?: string;
}
