import * as pulumi from "@pulumi/pulumi";

/** True when `value` is a Pulumi Output or a Promise: something not known at construction. */
export function isPending(value: unknown): value is pulumi.Output<unknown> | Promise<unknown> {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** The plain value when `value` is known now, else `undefined`. */
export function knownNow<T>(value: pulumi.Input<T> | undefined): T | undefined {
  return isPending(value) ? undefined : (value as T | undefined);
}
