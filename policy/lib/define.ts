/**
 * One way to write the pack's Pod policies, so each policy module only holds
 * its check: config defaults merged under `--policy-pack-config` values, the
 * runner-pod scope, unknown-value handling and message prefixing.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { describePod, validatePod, type Props } from "./pod";
import { inScope, type Scope } from "./runnerPod";
import { UnknownTracker } from "./unknowns";

/** What a check gets. */
export interface CheckContext<C> {
  props: Props;
  args: ResourceValidationArgs;
  /** Defaults merged with the policy's `--policy-pack-config` entry. */
  config: C;
  /** Guarded reads; unknowns are re-thrown after the check (server advisory). */
  t: UnknownTracker;
  /** `Pod 'name' (metadata.name '...')`: how messages name the resource. */
  pod: string;
  /** Report one violation at the policy's level; the message is prefixed with {@link CheckContext.pod}. */
  violation(message: string): void;
  /** Report one finding as advisory whatever the policy's level (prefixed like {@link violation}). */
  advisory(message: string): void;
}

export interface PodPolicySpec<C extends object> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  /** JSON Schema properties of the settings (each with its `default`). */
  configSchema?: PolicyConfigSchema;
  /** Settings used when the config file does not set them. */
  defaults: C;
  /** Check runner pods only, or honour a `scope` setting ("runner-pods" default). */
  scoped: boolean;
  remediationSteps?: string;
  check(ctx: CheckContext<C>): void;
}

/** Merge the config file's entry (minus `enforcementLevel`, which the server strips) over the defaults. */
export function resolveConfig<C extends object>(defaults: C, fromFile: object | undefined): C {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(fromFile ?? {})) {
    if (v !== undefined && v !== null && k !== "enforcementLevel") out[k] = v;
  }
  return out as C;
}

/** Build a `ResourceValidationPolicy` for `kubernetes:core/v1:Pod`. */
export function definePodPolicy<C extends object>(spec: PodPolicySpec<C>): ResourceValidationPolicy {
  const policy: ResourceValidationPolicy = {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    validateResource: validatePod((props, args, report: ReportViolation) => {
      const t = new UnknownTracker();
      const config = resolveConfig(spec.defaults, args.getConfig<object>());
      const scope = (config as { scope?: Scope }).scope;
      if (spec.scoped && !inScope(scope, args, props, t)) {
        t.settle(); // labels unknown: cannot tell whether it is a runner pod
        args.notApplicable("not an ironflow runner pod");
        return;
      }
      const pod = describePod(args, props);
      spec.check({
        props,
        args,
        config,
        t,
        pod,
        violation: (m) => report(`${pod}: ${m}`),
        advisory: (m) => reportAdvisory(report, `${spec.description}\n${pod}: ${m}`),
      });
      t.settle();
    }),
  };
  if (spec.configSchema) policy.configSchema = spec.configSchema;
  if (spec.remediationSteps) policy.remediationSteps = spec.remediationSteps;
  return policy;
}

/**
 * Report `message` as advisory whatever the policy's level. The SDK's
 * `ReportViolation` type only takes a string, but the server
 * (`makeReportViolationFun` in server.js) also takes an object
 * `{message, enforcementLevel}` whose level overrides the policy's; an object
 * message is not prefixed with the description, so the caller adds it.
 */
function reportAdvisory(report: ReportViolation, message: string): void {
  (report as unknown as (v: { message: string; enforcementLevel: EnforcementLevel }) => void)({
    message,
    enforcementLevel: "advisory",
  });
}
