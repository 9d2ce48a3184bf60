/**
 * `ironflow-egress-isolation` (advisory, stack policy): every runner pod in
 * the stack is selected by a NetworkPolicy in its namespace that restricts
 * egress (`policyTypes` includes `Egress`, or it has `egress` rules). An agent
 * with unrestricted egress can exfiltrate what it reads; `ClaudeRunnerPod`'s
 * `egress` option creates such a NetworkPolicy. A stack policy runs on the
 * planned/deployed state of the whole stack (`AnalyzeStack`), so it sees the
 * Pods and NetworkPolicies together.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { POD_TYPE } from "../../components/names";
import { arrayLength, describePod, isObject, podLabels, type Props } from "../lib/pod";
import { isRunnerPod } from "../lib/runnerPod";
import { UnknownTracker } from "../lib/unknowns";

export const EGRESS_ISOLATION_POLICY = "ironflow-egress-isolation";
export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** Does a Kubernetes label selector (`matchLabels`, `matchExpressions`) select these labels? */
export function selects(selector: unknown, labels: Props, t: UnknownTracker): boolean {
  if (!isObject(selector)) return false; // podSelector is required; a missing one selects nothing here
  const matchLabels = t.value(() => selector.matchLabels, undefined);
  if (isObject(matchLabels)) {
    for (const k of Object.keys(matchLabels)) if (labels[k] !== t.value(() => matchLabels[k], undefined)) return false;
  }
  const exprs = t.value(() => selector.matchExpressions, undefined);
  for (let i = 0; i < arrayLength(exprs); i++) {
    const e = t.value(() => exprs[i], undefined);
    if (!isObject(e)) return false;
    const key = String(t.value(() => e.key, ""));
    const op = t.value(() => e.operator, undefined);
    const raw = t.value(() => e.values, undefined);
    const values: unknown[] = [];
    for (let j = 0; j < arrayLength(raw); j++) values.push(t.value(() => raw[j], undefined));
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const ok =
      op === "In" ? has && values.includes(labels[key]) :
      op === "NotIn" ? !has || !values.includes(labels[key]) :
      op === "Exists" ? has :
      op === "DoesNotExist" ? !has : false;
    if (!ok) return false;
  }
  return true;
}

function namespaceOf(props: Props, t: UnknownTracker): string {
  const md = t.value(() => props.metadata, undefined);
  const ns = isObject(md) ? t.value(() => md.namespace, undefined) : undefined;
  return typeof ns === "string" && ns !== "" ? ns : "default";
}

/** True when the NetworkPolicy restricts egress of what it selects. */
function restrictsEgress(spec: Props, t: UnknownTracker): boolean {
  const types = t.value(() => spec.policyTypes, undefined);
  const list: unknown[] = [];
  for (let i = 0; i < arrayLength(types); i++) list.push(t.value(() => types[i], undefined));
  if (list.length > 0) return list.includes("Egress");
  return t.value(() => spec.egress, undefined) !== undefined; // policyTypes defaults include Egress when egress rules exist
}

export const egressIsolation: StackValidationPolicy = {
  name: EGRESS_ISOLATION_POLICY,
  description: "Every ironflow runner Pod is selected by a NetworkPolicy that restricts its egress.",
  enforcementLevel: "advisory",
  remediationSteps: "Set ClaudeRunnerPod's egress option (a NetworkPolicy selecting only the pod), or add a NetworkPolicy with policyTypes [Egress] selecting it.",
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    const t = new UnknownTracker();
    const policies = args.resources
      .filter((r) => r.type === NETWORK_POLICY_TYPE)
      .map((r) => ({ ns: namespaceOf(r.props, t), spec: t.value(() => r.props.spec, undefined) as unknown }))
      .filter((np): np is { ns: string; spec: Props } => isObject(np.spec) && restrictsEgress(np.spec, t));
    for (const r of args.resources as PolicyResource[]) {
      if (r.type !== POD_TYPE || !isRunnerPod({ urn: r.urn, opts: r.opts }, r.props, t)) continue;
      const ns = namespaceOf(r.props, t);
      const labels = podLabels(r.props, t);
      if (policies.some((np) => np.ns === ns && selects(t.value(() => np.spec.podSelector, undefined), labels, t))) continue;
      report(
        `${describePod(r, r.props)}: no NetworkPolicy in namespace '${ns}' selects it and restricts egress ` +
          `(found ${policies.filter((np) => np.ns === ns).length} egress NetworkPolicies there), expected one (ClaudeRunnerPod's egress option)`,
        r.urn,
      );
    }
    t.settle();
  },
};
