import { randomBytes } from "node:crypto";

/**
 * A unique pod name, `<prefix>-<ms timestamp hex>-<8 hex random>`, as the seed makes it.
 *
 * For imperative launchers only. `ClaudeRunnerPod` never calls it: a name that
 * changes on every run would replace the pod on every `pulumi up`; the
 * component leaves naming to Pulumi's stable autonaming instead.
 */
export function generatePodName(prefix: string): string {
  const ts = Date.now().toString(16);
  const random = randomBytes(4).toString("hex");
  return `${prefix}-${ts}-${random}`;
}
