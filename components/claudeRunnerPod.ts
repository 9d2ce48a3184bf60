import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PodConfig } from "./config";
import { deferredPlaceholder } from "./deferred";
import { collectDeferred, substituteDeferred, withValueAt } from "./deferredSpec";
import { IssueCollector, PodConfigError } from "./issues";
import { PROTECTED_LABELS } from "./labels";
import { CLAUDE_RUNNER_POD_TYPE, CREDENTIALS_SECRET_KEY, INSTANCE_LABEL } from "./names";
import { buildEgressNetworkPolicy, type EgressConfig } from "./networkPolicy";
import { buildPodSpec } from "./podSpec";
import type { ClaudeRunnerPodArgs } from "./runnerArgs";
import { ClaudeRunnerPodArgsError, asRunError, credentialsProblem, validateRunnerArgs } from "./runnerValidation";
import { isLabelValue } from "./syntax";

type Shape = Record<string, unknown>;

/** The args fields the builder takes, as given (undefined fields dropped so zod's strict object sees only what was set). */
function builderFields(args: ClaudeRunnerPodArgs): Shape {
  const { credentials: _c, egress: _e, ...rest } = args;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

/**
 * Args (resolved or with placeholders) → builder config: the sandbox is on
 * unless `sandbox.enabled` is false, and the credentials Secret is referenced.
 */
function toPodConfig(fields: Shape, credentialsSecretName: unknown): Shape {
  const { sandbox, ...rest } = fields;
  const out: Shape = { ...rest };
  const { enabled, ...options } = (sandbox ?? {}) as Shape;
  if (enabled !== false) out.sandbox = options;
  if (credentialsSecretName !== undefined) out.credentialsSecret = { name: credentialsSecretName, key: CREDENTIALS_SECRET_KEY };
  return out;
}

/** A label value unique to this component instance in this stack: what its NetworkPolicy selects. */
function instanceLabelValue(name: string): string {
  const hash = createHash("sha256").update(`${pulumi.getProject()}/${pulumi.getStack()}/${name}`).digest("hex").slice(0, 10);
  const base = name.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 52).replace(/[^a-z0-9]+$/, "");
  const value = base ? `${base}-${hash}` : hash;
  return isLabelValue(value) ? value : hash;
}

/**
 * A Kubernetes Pod that runs the Claude Code CLI as an autonomous agent, built
 * by {@link buildPodSpec} from typed, validated args, sandboxed by default.
 *
 * Children: the Pod (named like the component, `parent: this`, so providers
 * passed to the component reach it); with `credentials`, a Secret
 * `<name>-credentials`; unless `egress.enabled` is false, a NetworkPolicy `<name>-egress`. Plain
 * args are validated in the constructor, before anything is registered;
 * Outputs are validated when they resolve.
 */
export class ClaudeRunnerPod extends pulumi.ComponentResource {
  /** The Pod. */
  public readonly pod: k8s.core.v1.Pod;
  /** The Pod's name (the auto-name when `name` is not set). */
  public readonly podName: pulumi.Output<string>;
  /** The Pod's namespace. */
  public readonly namespace: pulumi.Output<string>;
  /** The Pod's labels, protected ones included. */
  public readonly labels: pulumi.Output<Record<string, string>>;
  /** The Secret holding `credentials`, when the component made one. */
  public readonly credentialsSecret?: k8s.core.v1.Secret;
  /** The NetworkPolicy scoping the pod's egress (absent with `egress.enabled: false`). */
  public readonly networkPolicy?: k8s.networking.v1.NetworkPolicy;

  constructor(name: string, args: ClaudeRunnerPodArgs, opts?: pulumi.ComponentResourceOptions) {
    const collected = collectDeferred(builderFields(args));
    // With credentials, the Secret's name is known only once it exists: a placeholder stands in for it.
    const secretPlaceholder = args.credentials !== undefined ? deferredPlaceholder(collected.deferred.length) : undefined;
    // Everything known now is checked now: an error here registers nothing.
    if (collected.plain) validateRunnerArgs(name, args, toPodConfig(collected.plain, secretPlaceholder));

    super(CLAUDE_RUNNER_POD_TYPE, name, {}, opts);

    const namespace = args.namespace ?? "default";
    if (args.credentials !== undefined) this.credentialsSecret = this.createCredentialsSecret(name, namespace, args.credentials);
    const secretName = this.credentialsSecret?.metadata.name;
    // Egress is scoped by default; the NetworkPolicy finds the pod by a label unique to this instance.
    const egress = args.egress?.enabled === false ? undefined : args.egress ?? {};
    const instance = egress ? { [INSTANCE_LABEL]: instanceLabelValue(name) } : undefined;
    const withInstance = (config: Shape): PodConfig =>
      (instance ? { ...config, labels: { ...((config.labels as Shape | undefined) ?? {}), ...instance } } : config) as unknown as PodConfig;

    let podArgs: k8s.core.v1.PodArgs;
    if (collected.plain) {
      const plain = collected.plain;
      const built = buildPodSpec(withInstance(toPodConfig(plain, secretPlaceholder)));
      // Each pending value is checked, with the rest of the args, when it resolves.
      const outputs = collected.deferred.map(({ path, value }) =>
        value.apply((v) => {
          validateRunnerArgs(name, args, toPodConfig(withValueAt(plain, path, v), secretPlaceholder));
          return v;
        }),
      );
      if (secretName) outputs.push(secretName);
      // Plain data with Outputs swapped in: typed loosely on purpose, its shape is the builder's.
      podArgs = substituteDeferred({ metadata: built.metadata, spec: built.spec }, outputs) as k8s.core.v1.PodArgs;
    } else {
      // A structural field is pending: build the spec once everything resolves.
      const resolved = pulumi.all([pulumi.output(builderFields(args)), secretName]).apply(([fields, sn]) => {
        const config = toPodConfig(fields as Shape, sn);
        validateRunnerArgs(name, args, config);
        return buildPodSpec(withInstance(config));
      });
      podArgs = { metadata: resolved.metadata, spec: resolved.spec } as k8s.core.v1.PodArgs;
    }

    this.pod = new k8s.core.v1.Pod(name, podArgs, { parent: this, replaceOnChanges: ["spec"] });
    if (egress && instance) {
      const { enabled: _enabled, ...rules } = egress;
      const policy = pulumi
        .all([pulumi.output(rules), pulumi.output(namespace)])
        .apply(([e, ns]) => asRunError(() => buildEgressNetworkPolicy(ns, instance, e as EgressConfig)));
      this.networkPolicy = new k8s.networking.v1.NetworkPolicy(
        `${name}-egress`,
        { metadata: policy.metadata, spec: policy.spec } as k8s.networking.v1.NetworkPolicyArgs,
        { parent: this },
      );
    }
    this.podName = this.pod.metadata.name;
    this.namespace = this.pod.metadata.namespace;
    this.labels = this.pod.metadata.labels;
    this.registerOutputs({
      pod: this.pod,
      podName: this.podName,
      namespace: this.namespace,
      labels: this.labels,
      credentialsSecret: this.credentialsSecret,
      networkPolicy: this.networkPolicy,
    });
  }

  /** The child Secret: credentials stored as a Pulumi secret, checked (without echoing them) when they resolve. */
  private createCredentialsSecret(name: string, namespace: pulumi.Input<string>, credentials: pulumi.Input<string>): k8s.core.v1.Secret {
    const checked = pulumi.output(credentials).apply((c) => {
      const out = new IssueCollector();
      credentialsProblem(c, out);
      if (out.issues.length > 0) throw new ClaudeRunnerPodArgsError(new PodConfigError(`ClaudeRunnerPod '${name}' args`, out.issues));
      return c;
    });
    return new k8s.core.v1.Secret(
      `${name}-credentials`,
      {
        metadata: { namespace, labels: { ...PROTECTED_LABELS } },
        type: "Opaque",
        stringData: { [CREDENTIALS_SECRET_KEY]: pulumi.secret(checked) },
      },
      { parent: this },
    );
  }
}
