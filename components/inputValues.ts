import * as pulumi from "@pulumi/pulumi";

/** True when `value` is a Pulumi Output or a Promise: something not known at construction. */
export function isPending(value: unknown): value is pulumi.Output<unknown> | Promise<unknown> {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** The plain value when `value` is known now, else `undefined`. */
export function knownNow<T>(value: pulumi.Input<T> | undefined): T | undefined {
  return isPending(value) ? undefined : (value as T | undefined);
}

/** True when `value` or anything inside it (arrays, plain objects) is pending. */
export function hasPending(value: unknown): boolean {
  if (isPending(value)) return true;
  if (Array.isArray(value)) return value.some(hasPending);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasPending);
  return false;
}
