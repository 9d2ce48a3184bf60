/**
 * Is this Pod an ironflow runner pod?
 *
 * A Pod is *owned* by the component when `ironflow:index:ClaudeRunnerPod`
 * appears in its parent chain. The policy cannot see the component's args
 * (a component's own props reach the analyzer as `{}`), so ownership is read
 * from URNs: `opts.parent` is the parent's URN, and a child's own URN repeats
 * its parents' types, `urn:pulumi:<stack>::<project>::<parent types $-joined>$<own type>::<name>`.
 *
 * A Pod is a *runner pod* when it is owned, or when it carries either
 * protected label value (it claims to be one). The other policies check
 * runner pods only (unless configured with `scope: "all-pods"`).
 */
import { CLAUDE_RUNNER_POD_TYPE } from "../../components/names";
import { COMPONENT_LABEL, COMPONENT_VALUE, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../../components/labels";
import { isObject, type Props } from "./pod";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { UnknownTracker } from "./unknowns";

/** The parts of a Pulumi URN. */
export interface ParsedUrn {
  stack: string;
  project: string;
  /** Parent types first, the resource's own type last. */
  typeChain: string[];
  name: string;
}

/** Parse `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; undefined when malformed. */
export function parseUrn(urn: string | undefined): ParsedUrn | undefined {
  if (typeof urn !== "string" || !urn.startsWith("urn:pulumi:")) return undefined;
  const parts = urn.slice("urn:pulumi:".length).split("::");
  if (parts.length < 4) return undefined;
  const [stack, project, qualifiedType] = parts as [string, string, string];
  const name = parts.slice(3).join("::"); // names may contain "::"
  return { stack, project, typeChain: qualifiedType.split("$"), name };
}

/** What ownership needs from the validation args. */
export interface OwnershipArgs {
  urn: string;
  opts?: { parent?: string };
}

/**
 * True when the Pod is created inside a `ClaudeRunnerPod` (directly or
 * through nested components): the component type is in the parent URN's type
 * chain, or in the parent part of the Pod's own URN.
 */
export function isOwnedByRunner(args: OwnershipArgs, componentType: string = CLAUDE_RUNNER_POD_TYPE): boolean {
  const parent = parseUrn(args.opts?.parent);
  if (parent && parent.typeChain.includes(componentType)) return true;
  const own = parseUrn(args.urn);
  return !!own && own.typeChain.slice(0, -1).includes(componentType);
}

/** The protected label values the Pod carries (only those equal to ironflow's values). */
export interface RunnerClaims {
  managedBy: boolean;
  component: boolean;
}

/**
 * Which protected label values the Pod claims. An unknown labels object or
 * value is recorded in `t` and counts as "not claimed".
 */
export function runnerClaims(props: Props, t: UnknownTracker): RunnerClaims {
  const metadata = t.value(() => props.metadata, undefined);
  const labels = isObject(metadata) ? t.value(() => metadata.labels, undefined) : undefined;
  if (!isObject(labels)) return { managedBy: false, component: false };
  return {
    managedBy: t.value(() => labels[MANAGED_BY_LABEL], undefined) === MANAGED_BY_VALUE,
    component: t.value(() => labels[COMPONENT_LABEL], undefined) === COMPONENT_VALUE,
  };
}

/** Where a policy applies. */
export type Scope = "runner-pods" | "all-pods";

/** JSON Schema of the `scope` setting shared by several policies. */
export const SCOPE_SCHEMA: PolicyConfigJSONSchema = {
  type: "string",
  enum: ["runner-pods", "all-pods"],
  default: "runner-pods",
  description:
    "runner-pods: only Pods owned by a ClaudeRunnerPod or carrying an ironflow protected label value; all-pods: every Pod in the stack.",
};

/**
 * True when the Pod is a runner pod: owned, or claiming a protected label
 * value. If it is not owned and its labels are unknown, the unknown is
 * recorded in `t` (the caller settles it, giving the server's advisory).
 */
export function isRunnerPod(args: OwnershipArgs, props: Props, t: UnknownTracker): boolean {
  if (isOwnedByRunner(args)) return true;
  const c = runnerClaims(props, t);
  return c.managedBy || c.component;
}

/** Scope check for policies with a `scope` setting. */
export function inScope(scope: Scope | undefined, args: OwnershipArgs, props: Props, t: UnknownTracker): boolean {
  return scope === "all-pods" || isRunnerPod(args, props, t);
}
