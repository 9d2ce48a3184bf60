import * as pulumi from "@pulumi/pulumi";
import { deferredPlaceholder, splitDeferred } from "./deferred";
import { isPending } from "./inputValues";

type Seg = string | number;

/** A value not known at construction, and where it sits in the args. */
export interface DeferredValue {
  path: Seg[];
  value: pulumi.Output<unknown>;
}

/** Args with every pending scalar replaced by a placeholder. */
export interface Collected {
  /** The args as plain data, placeholders where values are pending; undefined when structural. */
  plain?: Record<string, unknown>;
  deferred: DeferredValue[];
  /** True when a pending value sits where the builder needs structure (an array, a map, a mount path). */
  structural: boolean;
}

/**
 * Args paths where a pending value may be deferred: a string the builder only
 * copies into the spec. `#` is any index, `*` any key.
 */
const SCALAR_PATHS = [
  "name", "image", "namespace", "serviceAccount", "restartPolicy", "imagePullPolicy", "inputInitImage",
  "command.#", "resources.cpuLimit", "resources.memoryLimit", "inputFetchResources.cpuLimit", "inputFetchResources.memoryLimit", "env.*", "imagePullSecrets.#", "labels.*",
  "inputs.#.url", "credentialsSecret.name", "credentialsSecret.key",
].map((p) => p.split("."));

function isScalarPath(path: readonly Seg[]): boolean {
  return SCALAR_PATHS.some(
    (pattern) =>
      pattern.length === path.length &&
      pattern.every((p, i) => p === "*" || (p === "#" ? typeof path[i] === "number" : p === path[i])),
  );
}

/** Replace pending scalars in `args` by placeholders; flag pending structure. */
export function collectDeferred(args: Record<string, unknown>): Collected {
  const deferred: DeferredValue[] = [];
  let structural = false;
  const walk = (value: unknown, path: Seg[]): unknown => {
    if (isPending(value)) {
      if (!isScalarPath(path)) {
        structural = true;
        return undefined;
      }
      deferred.push({ path, value: pulumi.output(value) });
      return deferredPlaceholder(deferred.length - 1);
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return value;
  };
  const plain = walk(args, []) as Record<string, unknown>;
  return structural ? { deferred, structural } : { plain, deferred, structural };
}

/** A copy of `plain` with the value at `path` set to `value`. */
export function withValueAt(plain: Record<string, unknown>, path: readonly Seg[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(plain);
  let node: Record<string | number, unknown> = copy;
  path.slice(0, -1).forEach((seg) => (node = node[seg] as Record<string | number, unknown>));
  node[path[path.length - 1]!] = value;
  return copy;
}

/**
 * Swap placeholders in a built spec for the Outputs they stand for. A string
 * that is one placeholder becomes that Output; a string with placeholders
 * inside (the init container's script) becomes an Output of the joined text.
 * A placeholder wrapped in single quotes was shell-quoted by the builder, so
 * the resolved value gets the same `'\''` escaping.
 */
export function substituteDeferred(spec: unknown, outputs: readonly pulumi.Output<unknown>[]): unknown {
  if (typeof spec === "string") {
    const parts = splitDeferred(spec);
    if (parts.length === 1 && typeof parts[0] === "number") return outputs[parts[0]];
    if (!parts.some((p) => typeof p === "number")) return spec;
    const pieces = parts.map((p, i) => {
      if (typeof p !== "number") return p;
      const before = parts[i - 1];
      const after = parts[i + 1];
      const quoted = typeof before === "string" && before.endsWith("'") && typeof after === "string" && after.startsWith("'");
      return outputs[p]!.apply((v) => (quoted ? String(v).replace(/'/g, "'\\''") : String(v)));
    });
    return pulumi.all(pieces).apply((vals) => vals.join(""));
  }
  if (Array.isArray(spec)) return spec.map((v) => substituteDeferred(v, outputs));
  if (spec !== null && typeof spec === "object") {
    return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, substituteDeferred(v, outputs)]));
  }
  return spec;
}
