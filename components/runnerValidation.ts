import * as pulumi from "@pulumi/pulumi";
import type { PodConfig } from "./config";
import { isDeferred } from "./deferred";
import { hasPending, isPending } from "./inputValues";
import { PROTECTED_LABELS, isProtectedLabel } from "./labels";
import { INSTANCE_LABEL } from "./names";
import { checkEgress, type EgressConfig } from "./networkPolicy";
import type { ClaudeRunnerPodArgs } from "./runnerArgs";
import { IssueCollector, PodConfigError, shown, type ConfigIssue } from "./issues";
import { podConfigSchema, zodIssues } from "./schema";
import { checkPodConfigRules } from "./validation";

/** Rules the component adds to the builder's: it owns the protected labels and the credentials plumbing. */
function checkComponentRules(args: ClaudeRunnerPodArgs, config: Record<string, unknown>, out: IssueCollector): void {
  const labels = (config.labels ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(labels)) {
    if (isProtectedLabel(key)) {
      const value = labels[key];
      out.add(
        ["labels", key],
        `is set by ClaudeRunnerPod to '${PROTECTED_LABELS[key]}' and cannot be overridden, got ${isDeferred(value) ? "an unknown value" : shown(value)}`,
      );
    } else if (key === INSTANCE_LABEL) {
      out.add(["labels", key], "is set by ClaudeRunnerPod (it selects the pod for its NetworkPolicy) and cannot be set in labels");
    }
  }
  if (args.egress !== undefined && !hasPending(args.egress)) checkEgress(args.egress as EgressConfig, out);
  if (args.credentials !== undefined && args.credentialsSecret !== undefined) {
    out.add(["credentials"], "credentials and credentialsSecret are mutually exclusive");
  }
  if (args.credentials !== undefined && !isPending(args.credentials)) credentialsProblem(args.credentials, out);
}

/** The credentials must be a JSON object; the message never shows them. */
export function credentialsProblem(credentials: unknown, out: IssueCollector): void {
  let ok = false;
  if (typeof credentials === "string") {
    try {
      const parsed: unknown = JSON.parse(credentials);
      ok = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    } catch {
      ok = false;
    }
  }
  if (!ok) out.add(["credentials"], "must be the JSON object of a Claude credentials file (value not shown)");
}

/**
 * Validate `config` (the args with pending values as placeholders, or with one
 * resolved value swapped in): types, builder rules, component rules.
 */

export function validateRunnerArgs(name: string, args: ClaudeRunnerPodArgs, config: Record<string, unknown>): PodConfig {
  return asRunError(() => checkRunnerArgs(name, args, config));
}

function checkRunnerArgs(name: string, args: ClaudeRunnerPodArgs, config: Record<string, unknown>): PodConfig {
  const subject = `ClaudeRunnerPod '${name}' args`;
  const parsed = podConfigSchema.safeParse(config);
  if (!parsed.success) throw new PodConfigError(subject, zodIssues(parsed.error));
  const out = new IssueCollector();
  checkPodConfigRules(parsed.data as PodConfig, out);
  checkComponentRules(args, config, out);
  if (out.issues.length > 0) throw new PodConfigError(subject, out.issues);
  return parsed.data as PodConfig;
}


/**
 * The component's validation error: the same message and issues as
 * {@link PodConfigError}, as a Pulumi `RunError`, so the CLI prints just the
 * message (no stack, no object dump: formatting the error with its Output
 * chain took the Node runtime about a minute when an apply threw).
 */
export class ClaudeRunnerPodArgsError extends pulumi.RunError {
  readonly issues: readonly ConfigIssue[];
  constructor(error: PodConfigError) {
    super(error.message);
    this.name = "ClaudeRunnerPodArgsError";
    this.issues = error.issues;
    // The runtime inspects `err.stack` when there is one, which was the slow part; the
    // message says everything (field, value), and RunError hides stacks anyway.
    Object.defineProperty(this, "stack", { value: "", enumerable: false, writable: true });
  }
}

/** Run `fn`, turning a {@link PodConfigError} into a {@link ClaudeRunnerPodArgsError}. */
export function asRunError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PodConfigError) throw new ClaudeRunnerPodArgsError(e);
    throw e;
  }
}
