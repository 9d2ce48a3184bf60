/**
 * `ironflow-resource-limits` (advisory): every container of a runner pod,
 * the input-fetch init container included, sets cpu and memory limits, and
 * optionally stays within configured maxima (like Gatekeeper's
 * `K8sContainerLimits`). An unparsable limit is a violation too.
 */
import { definePodPolicy } from "../lib/define";
import { containerLabel, isObject, listContainers, show } from "../lib/pod";
import { parseQuantity } from "../../components/quantity";
import { SCOPE_SCHEMA, type Scope } from "../lib/runnerPod";

export const RESOURCE_LIMITS_POLICY = "ironflow-resource-limits";

export interface ResourceLimitsConfig {
  /** Largest allowed cpu limit (a quantity such as "4" or "1500m"); unset: no maximum. */
  maxCpu?: string;
  /** Largest allowed memory limit (a quantity such as "8Gi"); unset: no maximum. */
  maxMemory?: string;
  scope: Scope;
}

const QUANTITY_SCHEMA_PATTERN = "^([+-]?(\\d+(\\.\\d*)?|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\\d+)?$";

export const resourceLimits = definePodPolicy<ResourceLimitsConfig>({
  name: RESOURCE_LIMITS_POLICY,
  description: "Every container of an ironflow runner Pod, init containers included, sets cpu and memory limits.",
  enforcementLevel: "advisory",
  scoped: true,
  defaults: { scope: "runner-pods" },
  configSchema: {
    properties: {
      maxCpu: { type: "string", pattern: QUANTITY_SCHEMA_PATTERN, description: "Largest allowed cpu limit, e.g. \"4\" or \"1500m\"; unset: no maximum." },
      maxMemory: { type: "string", pattern: QUANTITY_SCHEMA_PATTERN, description: "Largest allowed memory limit, e.g. \"8Gi\"; unset: no maximum." },
      scope: SCOPE_SCHEMA,
    },
  },
  remediationSteps: "Set resources.cpuLimit and resources.memoryLimit on ClaudeRunnerPod (and limits on any init container).",
  check({ props, config, t, violation }) {
    const maxima: Record<"cpu" | "memory", string | undefined> = { cpu: config.maxCpu, memory: config.maxMemory };
    for (const ref of listContainers(props, t)) {
      if (ref.kind === "ephemeralContainers") continue; // ephemeral containers cannot set resources
      const resources = t.read(() => ref.c.resources);
      if (!resources.known) continue;
      const limitsRead = isObject(resources.value) ? t.read(() => resources.value.limits) : { known: true as const, value: undefined };
      if (!limitsRead.known) continue;
      const limits = isObject(limitsRead.value) ? limitsRead.value : {};
      for (const res of ["cpu", "memory"] as const) {
        const v = t.read(() => limits[res]);
        if (!v.known) continue;
        const field = `${ref.path}.resources.limits.${res}`;
        if (v.value === undefined || v.value === null || v.value === "") {
          violation(`${containerLabel(ref)} has no ${res} limit (${field} is unset), expected a ${res} limit`);
          continue;
        }
        const n = parseQuantity(v.value);
        if (n === undefined) {
          violation(`${containerLabel(ref)} ${res} limit ${show(v.value)} (${field}) is not a Kubernetes quantity`);
          continue;
        }
        const max = maxima[res];
        const maxN = max === undefined ? undefined : parseQuantity(max);
        if (max !== undefined && maxN !== undefined && n > maxN) {
          violation(`${containerLabel(ref)} ${res} limit ${show(v.value)} (${field}) exceeds the maximum, expected at most '${max}'`);
        }
      }
    }
  },
});
