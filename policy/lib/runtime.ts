/**
 * Typed access to the parts of the `@pulumi/policy` runtime that its type
 * declarations leave out: `unknownCheckingProxy` and `UnknownValueError` are
 * re-exported by `@pulumi/policy` 1.21.0 (so test helpers can mirror the
 * runtime) but `proxy.d.ts` declares nothing, so TypeScript sees them as `any`.
 */
import * as policySdk from "@pulumi/policy";

/** Shape of the error the runtime proxy throws on reading an unknown (preview) value. */
export interface UnknownValueErrorLike extends Error {
  /** Property path of the unknown value, e.g. `["metadata", "labels", "app"]`. */
  readonly props: PropertyKey[];
}

interface ProxyRuntime {
  unknownCheckingProxy<T>(value: T): T;
  UnknownValueError: new (sentinel: string, props: PropertyKey[]) => UnknownValueErrorLike;
}

const runtime = policySdk as unknown as ProxyRuntime;

/** The runtime's `UnknownValueError` class (the server turns it into an advisory "can't run policy ..."). */
export const UnknownValueError = runtime.UnknownValueError;

/** Wrap resource props exactly as the policy server does before calling a policy. */
export function unknownCheckingProxy<T>(value: T): T {
  return runtime.unknownCheckingProxy(value);
}

/** True when `e` is the runtime's `UnknownValueError`. */
export function isUnknownValueError(e: unknown): e is UnknownValueErrorLike {
  return e instanceof runtime.UnknownValueError;
}

/**
 * The wire sentinels of unknown values (`@pulumi/pulumi` runtime/rpc and
 * `@pulumi/policy` proxy.js): a preview sends these strings in place of values
 * that are not known yet.
 */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
