/**
 * `ironflow-host-path-allowlist` (mandatory): hostPath volumes only under
 * configured path prefixes (default: none, so any hostPath volume fails), and
 * optionally only mounted read-only. Modelled on Gatekeeper's
 * `K8sPSPHostFilesystem` (`allowedHostPaths[{pathPrefix, readOnly}]`).
 *
 * Prefixes match whole path segments: `/data` allows `/data` and `/data/x`,
 * not `/database`. Paths are normalized first and a path with a `..` segment
 * is never allowed (it could climb out of an allowed prefix).
 */
import { posix } from "node:path";
import { definePodPolicy } from "../lib/define";
import { arrayLength, containerLabel, isObject, listContainers, podSpec, show } from "../lib/pod";
import { SCOPE_SCHEMA, type Scope } from "../lib/runnerPod";

export const HOST_PATH_POLICY = "ironflow-host-path-allowlist";

export interface HostPathConfig {
  /** Absolute path prefixes under which hostPath volumes are allowed. */
  allowedPathPrefixes: string[];
  /** Every mount of a hostPath volume must set `readOnly: true`. */
  requireReadOnly: boolean;
  scope: Scope;
}

/** True when `path` is `prefix` or lies under it, segment-wise. */
export function isUnderPrefix(path: string, prefix: string): boolean {
  if (!path.startsWith("/") || !prefix.startsWith("/")) return false;
  if (path.split("/").includes("..")) return false;
  const p = posix.normalize(path).replace(/\/+$/, "") || "/";
  const pre = posix.normalize(prefix).replace(/\/+$/, "") || "/";
  return pre === "/" || p === pre || p.startsWith(pre + "/");
}

export const hostPathAllowlist = definePodPolicy<HostPathConfig>({
  name: HOST_PATH_POLICY,
  description: "hostPath volumes of ironflow runner Pods are only allowed under configured path prefixes.",
  enforcementLevel: "mandatory",
  scoped: true,
  defaults: { allowedPathPrefixes: [], requireReadOnly: false, scope: "runner-pods" },
  configSchema: {
    properties: {
      allowedPathPrefixes: {
        type: "array",
        items: { type: "string", pattern: "^/" },
        default: [],
        description: "Absolute host path prefixes (whole segments) under which hostPath volumes are allowed; empty: none allowed.",
      },
      requireReadOnly: {
        type: "boolean",
        default: false,
        description: "Every volumeMount of an allowed hostPath volume must set readOnly: true.",
      },
      scope: SCOPE_SCHEMA,
    },
  },
  remediationSteps:
    "Remove the hostPath volume (use inputs or a PVC), or add its directory to allowedPathPrefixes in the policy config.",
  check({ props, config, t, violation }) {
    const spec = podSpec(props, t);
    if (!spec) return;
    const volumes = t.value(() => spec.volumes, undefined);
    const prefixes = config.allowedPathPrefixes;
    const allowedText = prefixes.length === 0 ? "none (hostPath is denied unless allowedPathPrefixes is set)" : prefixes.map((p) => `'${p}'`).join(", ");
    const hostPathVolumes = new Set<string>();
    for (let i = 0; i < arrayLength(volumes); i++) {
      const v = t.value(() => volumes[i], undefined);
      if (!isObject(v)) continue;
      const hp = t.read(() => v.hostPath);
      if (!hp.known) continue; // recorded; settled after the check
      if (hp.value === undefined || hp.value === null) continue;
      const name = t.value(() => v.name, `#${i}`);
      hostPathVolumes.add(String(name));
      const path = isObject(hp.value) ? t.read(() => hp.value.path) : { known: true as const, value: undefined };
      if (!path.known) continue;
      const p = path.value;
      if (typeof p !== "string" || !prefixes.some((pre) => isUnderPrefix(p, pre))) {
        violation(
          `hostPath volume '${name}' (spec.volumes[${i}].hostPath.path) is ${show(p)}, expected a path under an allowed prefix: ${allowedText}`,
        );
      }
    }
    if (!config.requireReadOnly || hostPathVolumes.size === 0) return;
    for (const ref of listContainers(props, t)) {
      const mounts = t.value(() => ref.c.volumeMounts, undefined);
      for (let j = 0; j < arrayLength(mounts); j++) {
        const m = t.value(() => mounts[j], undefined);
        if (!isObject(m)) continue;
        const name = t.value(() => m.name, undefined);
        if (typeof name !== "string" || !hostPathVolumes.has(name)) continue;
        const ro = t.read(() => m.readOnly);
        if (ro.known && ro.value !== true) {
          violation(
            `${containerLabel(ref)} mounts hostPath volume '${name}' at ${show(t.value(() => m.mountPath, undefined))} ` +
              `with readOnly ${show(ro.value)} (${ref.path}.volumeMounts[${j}].readOnly), expected true (requireReadOnly is set)`,
          );
        }
      }
    }
  },
});
