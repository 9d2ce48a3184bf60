import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PodConfig } from "./config";
import { collectDeferred, substituteDeferred, withValueAt } from "./deferredSpec";
import { deferredPlaceholder } from "./deferred";
import { PROTECTED_LABELS } from "./labels";
import { CLAUDE_RUNNER_POD_TYPE, CREDENTIALS_SECRET_KEY } from "./names";
import { buildPodSpec } from "./podSpec";
import type { ClaudeRunnerPodArgs } from "./runnerArgs";
import { credentialsProblem, validateRunnerArgs } from "./runnerValidation";
import { IssueCollector, PodConfigError } from "./issues";

/** Drop undefined fields so zod's strict object sees only what the user set. */
function definedOnly(args: ClaudeRunnerPodArgs): Record<string, unknown> {
  const { credentials: _credentials, ...rest } = args;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

/**
 * A Kubernetes Pod that runs the Claude Code CLI as an autonomous agent, built
 * by {@link buildPodSpec} from typed, validated args.
 *
 * Children: the Pod (named like the component, `parent: this`, so providers
 * passed to the component reach it) and, with `credentials`, a Secret
 * `<name>-credentials`. Plain args are validated in the constructor, before
 * anything is registered; Outputs are validated when they resolve.
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

  constructor(name: string, args: ClaudeRunnerPodArgs, opts?: pulumi.ComponentResourceOptions) {
    const collected = collectDeferred(definedOnly(args));
    // With credentials, the Secret's name is only known later: a placeholder stands in for it.
    const plain =
      collected.plain && args.credentials !== undefined
        ? {
            ...collected.plain,
            credentialsSecret: { name: deferredPlaceholder(collected.deferred.length), key: CREDENTIALS_SECRET_KEY },
          }
        : collected.plain;
    // Everything known now is checked now: an error here registers nothing.
    if (plain) validateRunnerArgs(name, args, plain);

    super(CLAUDE_RUNNER_POD_TYPE, name, {}, opts);

    if (args.credentials !== undefined) {
      this.credentialsSecret = new k8s.core.v1.Secret(
        `${name}-credentials`,
        {
          metadata: { namespace: args.namespace ?? "default", labels: { ...PROTECTED_LABELS } },
          type: "Opaque",
          stringData: {
            [CREDENTIALS_SECRET_KEY]: pulumi.secret(
              pulumi.output(args.credentials).apply((c) => {
                const out = new IssueCollector();
                credentialsProblem(c, out);
                if (out.issues.length > 0) throw new PodConfigError(`ClaudeRunnerPod '${name}' args`, out.issues);
                return c;
              }),
            ),
          },
        },
        { parent: this },
      );
    }
    const secretName = this.credentialsSecret?.metadata.name;

    let podArgs: k8s.core.v1.PodArgs;
    if (plain) {
      const built = buildPodSpec(plain as unknown as PodConfig);
      // Each pending value is checked with the rest of the config when it resolves.
      const outputs = collected.deferred.map(({ path, value }) =>
        value.apply((v) => {
          validateRunnerArgs(name, args, withValueAt(plain, path, v));
          return v;
        }),
      );
      if (secretName) outputs.push(secretName);
      // Built from plain data plus Outputs: typed loosely on purpose, checked by the builder's types above.
      podArgs = substituteDeferred({ metadata: built.metadata, spec: built.spec }, outputs) as k8s.core.v1.PodArgs;
    } else {
      // A structural field is pending: build the spec once everything resolves.
      const resolved = pulumi.all([pulumi.output(definedOnly(args)), secretName]).apply(([c, sn]) => {
        const full = sn ? { ...c, credentialsSecret: { name: sn, key: CREDENTIALS_SECRET_KEY } } : c;
        return buildPodSpec(validateRunnerArgs(name, args, full as Record<string, unknown>));
      });
      podArgs = { metadata: resolved.metadata, spec: resolved.spec } as k8s.core.v1.PodArgs;
    }

    this.pod = new k8s.core.v1.Pod(name, podArgs, { parent: this, replaceOnChanges: ["spec"] });
    this.podName = this.pod.metadata.name;
    this.namespace = this.pod.metadata.namespace;
    this.labels = this.pod.metadata.labels;
    this.registerOutputs({
      pod: this.pod,
      podName: this.podName,
      namespace: this.namespace,
      labels: this.labels,
      credentialsSecret: this.credentialsSecret,
    });
  }
}
