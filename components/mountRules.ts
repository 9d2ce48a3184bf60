import type { PodConfig } from "./config";
import { isDeferred } from "./deferred";
import { type IssueCollector, shown } from "./issues";
import { RESERVED_PATHS, planMounts, type PlannedMount } from "./mounts";
import { isSafeSubPath, pathsOverlap } from "./paths";
import { MSG, isDns1123Subdomain } from "./syntax";

const subject = (m: PlannedMount): string => (m.input ? `its directory ${shown(m.mountPath)}` : shown(m.mountPath));

/**
 * Mount rules, on normalised paths: absolute, not `/`, safe `subPath`, no
 * overlap with the builder's reserved paths, and no two mounts at the same
 * path or one inside another (input directories included).
 */
export function checkMounts(c: PodConfig, out: IssueCollector): void {
  (c.volumes ?? []).forEach((v, i) => {
    out.check(["volumes", i, "hostPath"], v.hostPath, (p) => p.startsWith("/"), MSG.volumeHostAbsolute);
    out.check(["volumes", i, "mountPath"], v.mountPath, (p) => p.startsWith("/"), MSG.volumeMountAbsolute);
  });
  (c.pvcMounts ?? []).forEach((p, i) => {
    out.check(["pvcMounts", i, "claimName"], p.claimName, isDns1123Subdomain, MSG.subdomain);
    out.check(["pvcMounts", i, "mountPath"], p.mountPath, (v) => v.startsWith("/"), MSG.volumeMountAbsolute);
    out.check(["pvcMounts", i, "subPath"], p.subPath, isSafeSubPath, MSG.subPath);
  });
  (c.readOnlyMounts ?? []).forEach((r, i) => {
    const sources = [r.persistentVolumeClaim, r.configMap, r.secret, r.hostPath].filter((s) => s !== undefined);
    if (sources.length !== 1) out.add(["readOnlyMounts", i], "must set exactly one of persistentVolumeClaim, configMap, secret and hostPath");
    for (const field of ["persistentVolumeClaim", "configMap", "secret"] as const) {
      out.check(["readOnlyMounts", i, field], r[field], isDns1123Subdomain, MSG.subdomain);
    }
    out.check(["readOnlyMounts", i, "hostPath"], r.hostPath, (p) => p.startsWith("/"), MSG.volumeHostAbsolute);
    out.check(["readOnlyMounts", i, "mountPath"], r.mountPath, (p) => p.startsWith("/"), MSG.volumeMountAbsolute);
    out.check(["readOnlyMounts", i, "subPath"], r.subPath, isSafeSubPath, MSG.subPath);
  });
  if (c.promptConfigMap) {
    out.check(["promptConfigMap", "configMap"], c.promptConfigMap.configMap, isDns1123Subdomain, MSG.subdomain);
    out.check(["promptConfigMap", "mountPath"], c.promptConfigMap.mountPath, (p) => p.startsWith("/"), MSG.volumeMountAbsolute);
  }
  out.check(["managedSettingsConfigMap"], c.managedSettingsConfigMap, isDns1123Subdomain, MSG.subdomain);
  (c.profileConfigMaps ?? []).forEach((p, i) => out.check(["profileConfigMaps", i], p, isDns1123Subdomain, MSG.subdomain));

  // Only mounts the user chose and whose path is a real absolute path take part in the overlap rules.
  const user = planMounts(c).filter(
    (m) => m.field !== undefined && m.mountPath.startsWith("/") && !isDeferred(m.mountPath) && !(m.input && m.mountPath === "/"),
  );
  const checked: PlannedMount[] = [];
  for (const m of user) {
    const field = m.field!;
    if (m.mountPath === "/") {
      out.add(field, `${MSG.rootMount}, got ${shown(m.mountPath)}`);
      continue;
    }
    const reserved = RESERVED_PATHS.find((r) => pathsOverlap(m.mountPath, r.path));
    if (reserved) {
      out.add(field, `${subject(m)} overlaps the reserved path ${shown(reserved.path)} (${reserved.what})`);
      continue;
    }
    const other = checked.find((o) => pathsOverlap(m.mountPath, o.mountPath));
    if (other) {
      out.add(
        field,
        other.mountPath === m.mountPath
          ? `${subject(m)} is also the mountPath of ${other.owner}`
          : `${subject(m)} overlaps the mountPath ${shown(other.mountPath)} of ${other.owner}`,
      );
      continue;
    }
    checked.push(m);
  }
}
