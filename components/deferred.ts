/**
 * Placeholders for values that are not known yet (Pulumi Outputs). The
 * component puts one in each such scalar field, builds the spec with the pure
 * builder, then swaps the placeholders back for the Outputs. Validation skips
 * placeholders; the real value is validated when it resolves.
 */
const MARK = "\u001dironflow-deferred-";
const END = "\u001d";
const PATTERN = /\u001dironflow-deferred-(\d+)\u001d/g;

/** The placeholder string for deferred value number `index`. */
export function deferredPlaceholder(index: number): string {
  return `${MARK}${index}${END}`;
}

/** True when `value` is or contains a placeholder. */
export function isDeferred(value: unknown): boolean {
  return typeof value === "string" && value.includes(MARK);
}

/** Split a string into literal parts and placeholder indexes, in order. */
export function splitDeferred(value: string): Array<string | number> {
  const parts: Array<string | number> = [];
  let last = 0;
  for (const m of value.matchAll(PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(value.slice(last, at));
    parts.push(Number(m[1]));
    last = at + m[0].length;
  }
  if (last < value.length) parts.push(value.slice(last));
  return parts;
}
