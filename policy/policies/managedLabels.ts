/**
 * `ironflow-managed-labels` (mandatory): a Pod inside a `ClaudeRunnerPod`
 * carries exactly `app.kubernetes.io/managed-by=ironflow` and
 * `app.kubernetes.io/component=claude-runner`; any other Pod that claims
 * either value is spoofing an ironflow runner.
 *
 * It checks the final label values the provider's `Check` returns (what the
 * analyzer receives), so it also catches the Kubernetes provider rewriting
 * `managed-by` to `pulumi` in client-side-apply mode, and `transforms` that
 * change the labels after the component built them.
 *
 * Unknown values at preview do not reach the runtime's generic "can't run
 * policy" advisory: each protected label that cannot be read is reported by
 * name, as an advisory by default (during `pulumi up` the value is known and
 * the policy enforces it at its own level), or at the policy's own level with
 * `unknownValues: "violation"` (fail the preview). For a Pod not owned by the
 * component an unknown protected label is always advisory (it may or may not
 * be a spoof).
 */
import { MANAGED_BY_LABEL, PROTECTED_LABELS } from "../../components/labels";
import { CLAUDE_RUNNER_POD_TYPE } from "../../components/names";
import { definePodPolicy } from "../lib/define";
import { isObject, show } from "../lib/pod";
import { isOwnedByRunner } from "../lib/runnerPod";

export const MANAGED_LABELS_POLICY = "ironflow-managed-labels";

export interface ManagedLabelsConfig {
  /** How an owned Pod's protected label that is unknown at preview is reported. */
  unknownValues: "advisory" | "violation";
}

const CSA_HINT =
  "; the Kubernetes provider writes 'pulumi' here when enableServerSideApply is false, keep server-side apply on";

export const managedLabels = definePodPolicy<ManagedLabelsConfig>({
  name: MANAGED_LABELS_POLICY,
  description:
    "ironflow runner Pods carry exactly the protected managed-by/component labels, and no other Pod claims them.",
  enforcementLevel: "mandatory",
  scoped: false,
  defaults: { unknownValues: "advisory" },
  configSchema: {
    properties: {
      unknownValues: {
        type: "string",
        enum: ["advisory", "violation"],
        default: "advisory",
        description:
          "How a protected label of a ClaudeRunnerPod-owned Pod that is unknown at preview is reported: an advisory (the label is checked for real during `pulumi up`), or a violation at the policy's level (fails the preview).",
      },
    },
  },
  remediationSteps:
    "Create agent pods with ClaudeRunnerPod; do not rewrite the protected labels (transforms, hand-written Pods); keep the Kubernetes provider in server-side-apply mode.",
  check({ props, args, config, t, violation, advisory }) {
    const owned = isOwnedByRunner(args);
    const unknownLabel = (key: string, expected: string): void => {
      if (!owned) {
        advisory(
          `label '${key}' can't be known during preview, so it can't be checked that this Pod ` +
            `(not owned by a ${CLAUDE_RUNNER_POD_TYPE}) does not claim '${expected}'`,
        );
      } else {
        const m =
          `label '${key}' can't be known during preview (found an unknown value, expected '${expected}'); ` +
          `it is checked again when the update runs`;
        if (config.unknownValues === "violation") violation(m);
        else advisory(m);
      }
    };

    // Unknowns are reported by label here, so reads are not left for t.settle().
    const metadata = t.read(() => props.metadata);
    const metaObj = metadata.known && isObject(metadata.value) ? metadata.value : undefined;
    const labels = metaObj ? t.read(() => metaObj.labels) : metadata;
    for (const [key, expected] of Object.entries(PROTECTED_LABELS)) {
      let found: unknown;
      if (!labels.known) {
        unknownLabel(key, expected);
        continue;
      }
      if (isObject(labels.value)) {
        const obj = labels.value;
        const r = t.read(() => obj[key]);
        if (!r.known) {
          unknownLabel(key, expected);
          continue;
        }
        found = r.value;
      }
      if (owned && found !== expected) {
        violation(
          `label '${key}' is ${found === undefined ? "missing" : show(found)}, expected '${expected}' ` +
            `(the Pod is owned by a ${CLAUDE_RUNNER_POD_TYPE}` +
            (key === MANAGED_BY_LABEL && found === "pulumi" ? CSA_HINT : "") +
            ")",
        );
      } else if (!owned && found === expected) {
        violation(
          `label '${key}' is '${expected}' but the Pod is not owned by a ${CLAUDE_RUNNER_POD_TYPE} ` +
            `(expected any value other than '${expected}'; create agent pods with ClaudeRunnerPod)`,
        );
      }
    }
    t.forget();
  },
});
