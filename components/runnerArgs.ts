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
}

/** A file fetched by the `ironflow-input-fetch` init container before the agent starts. */
export interface AgentInputArgs {
  /** `https://` (or `http://`) URL of the file; no `user:password@`. May be an Output. */
  url: pulumi.Input<string>;
  /** Absolute path of the file, under a directory other than `/`. Must be known when the program runs. */
  mountPath: pulumi.Input<string>;
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
  /** CPU and memory limits. @default no limits */
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
}
