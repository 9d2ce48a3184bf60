import type * as pulumi from "@pulumi/pulumi";

/** CPU and memory limits of the agent container. */
export interface RunnerResourcesArgs {
  /** CPU limit as a Kubernetes quantity, e.g. `"2"` or `"500m"`. @default no limit */
  cpuLimit?: pulumi.Input<string>;
  /** Memory limit as a Kubernetes quantity, e.g. `"4Gi"`. @default no limit */
  memoryLimit?: pulumi.Input<string>;
}

/** A host directory mounted into the agent container as `vol-N`. */
export interface HostPathVolumeArgs {
  /** Absolute directory on the node. Must be known when the program runs. */
  hostPath: pulumi.Input<string>;
  /** Absolute path in the container. Must be known when the program runs. */
  mountPath: pulumi.Input<string>;
  /** Mount read-write only when set to false. @default true (read-only) with the sandbox; false without */
  readOnly?: pulumi.Input<boolean>;
}

/** A header sent when fetching an input; its value comes from a Secret. */
export interface InputAuthHeaderArgs {
  /** Header name. @default "Authorization" */
  header?: pulumi.Input<string>;
  /** Secret holding the header value, e.g. `Bearer ...`. */
  secretName: pulumi.Input<string>;
  /** Key within the Secret. */
  key: pulumi.Input<string>;
}

/** A file fetched by the `ironflow-input-fetch` init container before the agent starts. */
export interface AgentInputArgs {
  /** `https://` URL of the file (`http://` with `allowHttp`); no `user:password@`. May be an Output. Exclusive with `urlFrom`. */
  url?: pulumi.Input<string>;
  /** A Secret key holding the URL (e.g. a presigned URL), so it never appears in the spec. Exclusive with `url`. */
  urlFrom?: pulumi.Input<SecretKeyRefArgs>;
  /** Absolute path of the file, under a directory other than `/`. Must be known when the program runs. */
  mountPath: pulumi.Input<string>;
  /** Expected SHA-256 (64 hex digits), verified before the file appears at `mountPath`. @default not verified */
  sha256?: pulumi.Input<string>;
  /** Allow `http://`. @default false: curl refuses anything but https */
  allowHttp?: pulumi.Input<boolean>;
  /** Largest accepted download in bytes. @default no cap */
  maxBytes?: pulumi.Input<number>;
  /** Octal file mode, e.g. `"0444"`. @default curl's (umask) */
  mode?: pulumi.Input<string>;
  /** A header whose value comes from a Secret. @default none */
  authHeader?: pulumi.Input<InputAuthHeaderArgs>;
}

/** The sandbox profile: on by default in {@link ClaudeRunnerPod}. */
export interface SandboxArgs {
  /** Set to false for the seed's plain pod (root, writable root filesystem, no seccomp). @default true */
  enabled?: pulumi.Input<boolean>;
  /** User id of both containers. @default 10001 */
  runAsUser?: pulumi.Input<number>;
  /** Group id of both containers. @default 10001 */
  runAsGroup?: pulumi.Input<number>;
  /** Group owning the volumes. @default 10001 */
  fsGroup?: pulumi.Input<number>;
  /** Read-only root filesystem. @default true */
  readOnlyRootFilesystem?: pulumi.Input<boolean>;
  /** Size limit of the HOME emptyDir (`/home/claude`). @default "1Gi" */
  homeSizeLimit?: pulumi.Input<string>;
  /** Size limit of the /tmp emptyDir. @default "512Mi" */
  tmpSizeLimit?: pulumi.Input<string>;
}

/** An env var from a Secret key. */
export interface SecretEnvVarArgs {
  /** Env var name. */
  name: pulumi.Input<string>;
  /** Secret name, in the pod's namespace. */
  secretName: pulumi.Input<string>;
  /** Key within the Secret. */
  key: pulumi.Input<string>;
}

/** A read-write PVC mount (`pvc-N`). */
export interface PvcMountArgs {
  /** PersistentVolumeClaim name. */
  claimName: pulumi.Input<string>;
  /** Absolute path in the container. */
  mountPath: pulumi.Input<string>;
  /** Relative path within the volume. @default the volume's root */
  subPath?: pulumi.Input<string>;
}

/** A read-only mount (`ro-N`): set exactly one of `persistentVolumeClaim`, `configMap`, `secret`, `hostPath`. */
export interface ReadOnlyMountArgs {
  /** Absolute path in the container. */
  mountPath: pulumi.Input<string>;
  /** Relative path within the volume. @default the volume's root */
  subPath?: pulumi.Input<string>;
  /** PersistentVolumeClaim name. */
  persistentVolumeClaim?: pulumi.Input<string>;
  /** ConfigMap name. */
  configMap?: pulumi.Input<string>;
  /** Secret name. */
  secret?: pulumi.Input<string>;
  /** Absolute path on the node. */
  hostPath?: pulumi.Input<string>;
}

/** A ConfigMap holding the prompt, mounted read-only. */
export interface PromptMountArgs {
  /** ConfigMap name. */
  configMap: pulumi.Input<string>;
  /** Absolute path in the container. @default "/etc/ironflow/prompt" */
  mountPath?: pulumi.Input<string>;
}

/** A toleration. */
export interface TolerationArgs {
  /** Taint key. @default "" (with `Exists`: every taint) */
  key?: pulumi.Input<string>;
  /** `Equal` or `Exists`. @default "Equal" */
  operator?: pulumi.Input<string>;
  /** Taint value (not with `Exists`). */
  value?: pulumi.Input<string>;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. @default every effect */
  effect?: pulumi.Input<string>;
  /** Seconds a `NoExecute` taint is tolerated. @default forever */
  tolerationSeconds?: pulumi.Input<number>;
}

/** A port of an egress destination. */
export interface EgressPortArgs {
  /** Port number. */
  port: pulumi.Input<number>;
  /** `TCP`, `UDP` or `SCTP`. @default "TCP" */
  protocol?: pulumi.Input<string>;
}

/** An allowed egress destination. */
export interface EgressRuleArgs {
  /** Destination CIDR. */
  cidr: pulumi.Input<string>;
  /** CIDRs inside `cidr` that stay denied. @default [] */
  except?: pulumi.Input<pulumi.Input<string>[]>;
  /** Allowed ports. @default every port */
  ports?: pulumi.Input<pulumi.Input<EgressPortArgs>[]>;
}

/** Scoped egress: a child NetworkPolicy selecting only this pod. */
export interface EgressArgs {
  /** Set to false for no NetworkPolicy (the namespace's policies apply). Must be plain. @default true */
  enabled?: boolean;
  /** Allow DNS to kube-dns. @default true */
  allowDns?: pulumi.Input<boolean>;
  /**
   * Destinations allowed besides DNS; given, they replace the default.
   * @default PUBLIC_HTTPS_EGRESS: TCP 443 to public addresses only (no private, link-local, CGNAT or metadata ranges)
   */
  allow?: pulumi.Input<pulumi.Input<EgressRuleArgs>[]>;
}

/** A key of an existing Kubernetes Secret. */
export interface SecretKeyRefArgs {
  /** Name of the Secret, in the pod's namespace. */
  name: pulumi.Input<string>;
  /** Key within the Secret. */
  key: pulumi.Input<string>;
}

/**
 * Arguments of {@link ClaudeRunnerPod}. Scalar fields may be Outputs: they stay
 * unknown only where they are used in the spec, and are validated when they
 * resolve. Structural fields (arrays, maps, mount paths) should be plain so the
 * whole spec is known at preview; if one is an Output the spec is built once it
 * resolves.
 */
export interface ClaudeRunnerPodArgs {
  /**
   * Pod name (DNS-1123 subdomain). A fixed name makes replacements
   * delete-before-create.
   * @default auto-named by Pulumi (`<resource name>-<random>`, stable across updates)
   */
  name?: pulumi.Input<string>;
  /** Image of the agent container, e.g. `ghcr.io/acme/claude-runner:1.2.3`. */
  image: pulumi.Input<string>;
  /** Command (argv) of the agent container, e.g. `["claude", "-p", "fix the tests"]`. */
  command: pulumi.Input<pulumi.Input<string>[]>;
  /** Namespace (DNS-1123 label). @default "default" */
  namespace?: pulumi.Input<string>;
  /** CPU and memory limits of the agent container. @default with the sandbox 2 CPU and 4Gi; none without */
  resources?: pulumi.Input<RunnerResourcesArgs>;
  /** Service account name. @default none (the namespace's `default` account) */
  serviceAccount?: pulumi.Input<string>;
  /** Restart policy: `Always`, `OnFailure` or `Never`. @default "Never" */
  restartPolicy?: pulumi.Input<string>;
  /** Image pull policy of every container: `Always`, `IfNotPresent` or `Never`. @default "IfNotPresent" */
  imagePullPolicy?: pulumi.Input<string>;
  /** Env vars of the agent container, in order. Values may be Outputs. @default {} */
  env?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Names of image pull Secrets. @default [] */
  imagePullSecrets?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Extra labels. Setting `app.kubernetes.io/managed-by` or
   * `app.kubernetes.io/component` is an error: the component owns them.
   * @default {}
   */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** hostPath directories to mount. @default [] */
  volumes?: pulumi.Input<pulumi.Input<HostPathVolumeArgs>[]>;
  /** Files fetched by the init container into the agent's filesystem. @default [] */
  inputs?: pulumi.Input<pulumi.Input<AgentInputArgs>[]>;
  /** Image of the input-fetch init container. @default "curlimages/curl:8.10.1" */
  inputInitImage?: pulumi.Input<string>;
  /**
   * Env names blanked to `""` before `env`; a name set in `env` is not blanked.
   * @default ["IRONFLOW_ALLOW_BYPASS"]
   */
  clearedEnv?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Claude OAuth credentials JSON. Never in the Pod spec or plain state: the
   * component stores it in a child Secret (as a Pulumi secret) and the
   * container writes `$HOME/.claude/.credentials.json` from it before the agent
   * starts. Exclusive with `credentialsSecret`.
   * @default none
   */
  credentials?: pulumi.Input<string>;
  /**
   * An existing Secret key holding the credentials JSON, used like
   * `credentials`. Exclusive with `credentials`.
   * @default none
   */
  credentialsSecret?: pulumi.Input<SecretKeyRefArgs>;
  /** The sandbox profile. @default on: uid/gid 10001, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, read-only root, HOME and /tmp on emptyDirs */
  sandbox?: pulumi.Input<SandboxArgs>;
  /** Env vars from Secret keys (e.g. `ANTHROPIC_API_KEY`). @default [] */
  secretEnv?: pulumi.Input<pulumi.Input<SecretEnvVarArgs>[]>;
  /** Read-write PVC mounts. @default [] */
  pvcMounts?: pulumi.Input<pulumi.Input<PvcMountArgs>[]>;
  /** Read-only mounts of a PVC, ConfigMap, Secret or host path. @default [] */
  readOnlyMounts?: pulumi.Input<pulumi.Input<ReadOnlyMountArgs>[]>;
  /** A ConfigMap holding the prompt, mounted read-only. @default none */
  promptConfigMap?: pulumi.Input<PromptMountArgs>;
  /** A ConfigMap of Claude Code managed settings, mounted read-only at `/etc/claude-code`. @default none */
  managedSettingsConfigMap?: pulumi.Input<string>;
  /** ConfigMaps whose files are copied into `$HOME/.claude` before the agent starts; a failed copy stops the pod. @default [] */
  profileConfigMaps?: pulumi.Input<pulumi.Input<string>[]>;
  /** Limits of the input-fetch init container. @default with the sandbox 500m CPU and 256Mi; none without */
  inputFetchResources?: pulumi.Input<RunnerResourcesArgs>;
  /** Retries of each input fetch. @default 3 */
  inputRetries?: pulumi.Input<number>;
  /** Time limit of each input fetch in seconds. @default 300 */
  inputTimeoutSeconds?: pulumi.Input<number>;
  /** Size limit of each input emptyDir. @default none */
  inputVolumeSizeLimit?: pulumi.Input<string>;
  /** Node labels the pod must run on. @default {} */
  nodeSelector?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Tolerations. @default [] */
  tolerations?: pulumi.Input<pulumi.Input<TolerationArgs>[]>;
  /** RuntimeClass, e.g. `gvisor` or `kata`. @default the cluster's default */
  runtimeClassName?: pulumi.Input<string>;
  /** Seconds the pod may run before Kubernetes stops it. @default no deadline */
  activeDeadlineSeconds?: pulumi.Input<number>;
  /** Pod annotations (e.g. `pulumi.com/skipAwait`). @default {} */
  annotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Value of the `ironflow.io/egress-profile` label. @default none */
  egressProfile?: pulumi.Input<string>;
  /**
   * Scoped egress: a child NetworkPolicy `<name>-egress` that selects only this pod, denies ingress,
   * and allows DNS plus `allow`. @default on, allowing DNS and public HTTPS only
   */
  egress?: EgressArgs;
}
