/**
 * The labels that identify an ironflow runner pod. One source of truth: the
 * pod-spec builder, the `ClaudeRunnerPod` component and the policy pack all
 * import these, so a change here changes every enforcement point at once.
 */

/** Label key that says which tool manages the pod. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
/** The value ironflow puts under {@link MANAGED_BY_LABEL}. */
export const MANAGED_BY_VALUE = "ironflow";
/** Label key that says what role the pod plays. */
export const COMPONENT_LABEL = "app.kubernetes.io/component";
/** The value ironflow puts under {@link COMPONENT_LABEL}. */
export const COMPONENT_VALUE = "claude-runner";

/**
 * Labels that user labels can never override: the builder makes them win, the
 * component refuses them in args, and the policy pack checks them at deploy time.
 */
export const PROTECTED_LABELS: Readonly<Record<string, string>> = Object.freeze({
  [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
  [COMPONENT_LABEL]: COMPONENT_VALUE,
});

/** True when `key` is one of the {@link PROTECTED_LABELS}. */
export function isProtectedLabel(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(PROTECTED_LABELS, key);
}

/**
 * Merge user labels under the protected ones: protected values always win
 * (the seed's behaviour, kept in the pure builder).
 */
export function mergeLabels(extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return { ...(extra ?? {}), ...PROTECTED_LABELS };
}
