/**
 * In-process runner for the pack's policies that mirrors the policy server
 * (`@pulumi/policy` server.js `makeAnalyzeRpcFun`), so unit tests see what
 * the CLI would: props round-tripped as JSON and wrapped in the runtime's
 * `unknownCheckingProxy`, the effective enforcement level (config, then the
 * policy's, then the pack's "advisory"), a string violation prefixed with the
 * policy description, and an escaping `UnknownValueError` turned into the
 * server's advisory "can't run policy ... during preview: ...".
 *
 * The protocol test (pack.grpc.test.ts) checks the same expectations through
 * the real gRPC server.
 */
import type { EnforcementLevel, Policies, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import policyPackageJson from "../../policy/package.json";
import { CLAUDE_RUNNER_POD_TYPE, POD_TYPE } from "../../components/names";
import { ironflowPolicies, PACK_NAME } from "../../policy/policies";
import { isUnknownValueError, unknownCheckingProxy } from "../../policy/lib/runtime";

export const PACK_VERSION: string = policyPackageJson.version;
export const STACK = "dev";
export const PROJECT = "ironflow-policy-test";

/** What the engine sends for one resource. */
export interface Target {
  type: string;
  /** Resource (URN) name. */
  name: string;
  urn: string;
  /** Parent URN (`options.parent`). */
  parent?: string;
  props: object;
}

/** One diagnostic, as the server builds it. */
export interface Diag {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  message: string;
}

/** `--policy-pack-config` content: policy name -> settings (+ enforcementLevel). */
export type PackConfig = Record<string, Record<string, unknown> & { enforcementLevel?: EnforcementLevel }>;

export function componentUrn(name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${CLAUDE_RUNNER_POD_TYPE}::${name}`;
}

/** A Pod created inside a ClaudeRunnerPod named `component` (the component names its Pod like itself). */
export function ownedPod(props: object, component = "agent", podName = component): Target {
  return {
    type: POD_TYPE,
    name: podName,
    urn: `urn:pulumi:${STACK}::${PROJECT}::${CLAUDE_RUNNER_POD_TYPE}$${POD_TYPE}::${podName}`,
    parent: componentUrn(component),
    props,
  };
}

/** A Pod declared directly in the program (parent: the stack). */
export function barePod(props: object, name = "hand-written"): Target {
  return {
    type: POD_TYPE,
    name,
    urn: `urn:pulumi:${STACK}::${PROJECT}::${POD_TYPE}::${name}`,
    parent: `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`,
    props,
  };
}

class NotApplicable extends Error {}

/** Run one policy on one resource, as the server would. */
export function runPolicy(policy: ResourceValidationPolicy, target: Target, config: PackConfig = {}): Diag[] {
  const c = config[policy.name] ?? {};
  const level: EnforcementLevel = c.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
  if (level === "disabled" || typeof policy.validateResource !== "function") return [];
  const { enforcementLevel: _drop, ...settings } = c;
  const out: Diag[] = [];
  const reportLevel: EnforcementLevel = level === "remediate" ? "mandatory" : level;
  const props = unknownCheckingProxy(JSON.parse(JSON.stringify(target.props)) as Record<string, unknown>);
  const args = {
    type: target.type,
    props,
    urn: target.urn,
    name: target.name,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(target.parent ? { parent: target.parent } : {}) },
    stackTags: new Map<string, string>(),
    isType: () => false,
    asType: () => undefined,
    getConfig: () => settings,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  } as unknown as ResourceValidationArgs;
  const report = (m: string | { message?: string; enforcementLevel?: EnforcementLevel }): void => {
    if (typeof m === "object") {
      out.push({ policyName: policy.name, enforcementLevel: m.enforcementLevel ?? reportLevel, message: m.message ?? policy.description });
    } else {
      out.push({ policyName: policy.name, enforcementLevel: reportLevel, message: m ? `${policy.description}\n${m}` : policy.description });
    }
  };
  try {
    const r = policy.validateResource(args, report as never);
    if (r && typeof (r as Promise<void>).then === "function") throw new Error("the pack's policies are synchronous");
  } catch (e) {
    if (isUnknownValueError(e)) {
      out.push({
        policyName: policy.name,
        enforcementLevel: "advisory",
        message: `can't run policy '${policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ${e.message}`,
      });
    } else if (!(e instanceof NotApplicable)) {
      throw e;
    }
  }
  return out;
}

/** Run every policy of the pack on one resource. */
export function runPack(target: Target, config: PackConfig = {}, policies: Policies = ironflowPolicies): Diag[] {
  return policies.flatMap((p) => runPolicy(p as ResourceValidationPolicy, target, config));
}

/** Only the diagnostics of one policy. */
export function of(diags: Diag[], policyName: string): Diag[] {
  return diags.filter((d) => d.policyName === policyName);
}

/** Run one stack policy on a set of resources, as the server's `analyzeStack` would. */
export function runStackPolicy(policy: StackValidationPolicy, targets: Target[], config: PackConfig = {}): (Diag & { urn?: string })[] {
  const c = config[policy.name] ?? {};
  const level: EnforcementLevel = c.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
  if (level === "disabled") return [];
  const { enforcementLevel: _drop, ...settings } = c;
  const out: (Diag & { urn?: string })[] = [];
  const resources = targets.map((t) => {
    const props = unknownCheckingProxy(JSON.parse(JSON.stringify(t.props)) as Record<string, unknown>);
    return { type: t.type, props, urn: t.urn, name: t.name, opts: { ...(t.parent ? { parent: t.parent } : {}) }, dependencies: [], propertyDependencies: {} };
  });
  const args = { resources, getConfig: () => settings, stackTags: new Map(), notApplicable: () => { throw new NotApplicable(); } } as unknown as StackValidationArgs;
  const report = (m: string, urn?: string): void => {
    out.push({ policyName: policy.name, enforcementLevel: level === "remediate" ? "mandatory" : level, message: m ? `${policy.description}\n${m}` : policy.description, ...(urn ? { urn } : {}) });
  };
  try {
    policy.validateStack(args, report);
  } catch (e) {
    if (isUnknownValueError(e)) {
      out.push({ policyName: policy.name, enforcementLevel: "advisory", message: `can't run policy '${policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ${e.message}` });
    } else if (!(e instanceof NotApplicable)) throw e;
  }
  return out;
}
