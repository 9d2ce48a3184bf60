import type { Volume, VolumeMount } from "kubernetes-types/core/v1";
import type { PodConfig } from "./config";
import {
  DEFAULT_PROMPT_DIR,
  HOST_PATH_VOLUME_PREFIX,
  INPUT_VOLUME_PREFIX,
  MANAGED_SETTINGS_DIR,
  PROFILE_DIR,
  SANDBOX_HOME,
  SANDBOX_TMP,
} from "./names";
import { normalizePath, parentDir } from "./paths";

type Seg = string | number;

/** One volume mounted in the agent container, planned before building so validation sees the same list. */
export interface PlannedMount {
  /** Volume name, e.g. `vol-0`, `pvc-1`, `ironflow-home`. */
  name: string;
  /** Normalised mount path. */
  mountPath: string;
  /** The volume itself. */
  volume: Volume;
  readOnly?: boolean;
  subPath?: string;
  /** Args path of the mount path, for messages; absent for the builder's own mounts. */
  field?: Seg[];
  /** Who asked for it, for messages: `volumes[0]`, `inputs[2]`, `the sandbox HOME`. */
  owner: string;
  /** An input directory: also mounted in the init container. */
  input?: boolean;
}

/** Paths the builder owns: user mounts and input directories may not overlap them. */
export const RESERVED_PATHS: ReadonlyArray<{ path: string; what: string }> = Object.freeze([
  { path: SANDBOX_HOME, what: "the sandbox HOME" },
  { path: SANDBOX_TMP, what: "the sandbox /tmp" },
  { path: MANAGED_SETTINGS_DIR, what: "Claude Code managed settings" },
  { path: PROFILE_DIR, what: "Claude profiles" },
]);

const sized = (sizeLimit: string | undefined): Volume["emptyDir"] => (sizeLimit === undefined ? {} : { sizeLimit });

/** Input directories: one per distinct parent directory, in byte order (the seed's BTreeMap order). */
function inputDirectories(c: PodConfig): Array<{ dir: string; first: number }> {
  const first = new Map<string, number>();
  (c.inputs ?? []).forEach((input, i) => {
    const dir = parentDir(normalizePath(input.mountPath));
    if (!first.has(dir)) first.set(dir, i);
  });
  return [...first.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((dir) => ({ dir, first: first.get(dir)! }));
}

/**
 * Every mount of the agent container, in spec order: hostPath `vol-N`, PVC
 * `pvc-N`, read-only `ro-N`, the prompt, managed settings, profiles, the
 * sandbox's HOME and /tmp, then input directories `ironflow-input-N`.
 */
export function planMounts(c: PodConfig): PlannedMount[] {
  const plan: PlannedMount[] = [];
  const sandboxed = c.sandbox !== undefined;
  (c.volumes ?? []).forEach((v, i) => {
    const m: PlannedMount = {
      name: `${HOST_PATH_VOLUME_PREFIX}${i}`,
      mountPath: normalizePath(v.mountPath),
      volume: { name: `${HOST_PATH_VOLUME_PREFIX}${i}`, hostPath: { path: normalizePath(v.hostPath), type: "Directory" } },
      field: ["volumes", i, "mountPath"],
      owner: `volumes[${i}]`,
    };
    // The seed mounts read-write; the sandbox defaults to read-only.
    if (v.readOnly ?? sandboxed) m.readOnly = true;
    plan.push(m);
  });
  (c.pvcMounts ?? []).forEach((p, i) => {
    const name = `pvc-${i}`;
    const m: PlannedMount = {
      name,
      mountPath: normalizePath(p.mountPath),
      volume: { name, persistentVolumeClaim: { claimName: p.claimName } },
      field: ["pvcMounts", i, "mountPath"],
      owner: `pvcMounts[${i}]`,
    };
    if (p.subPath !== undefined) m.subPath = p.subPath;
    plan.push(m);
  });
  (c.readOnlyMounts ?? []).forEach((r, i) => {
    const name = `ro-${i}`;
    const volume: Volume = { name };
    if (r.persistentVolumeClaim !== undefined) volume.persistentVolumeClaim = { claimName: r.persistentVolumeClaim, readOnly: true };
    else if (r.configMap !== undefined) volume.configMap = { name: r.configMap };
    else if (r.secret !== undefined) volume.secret = { secretName: r.secret };
    else if (r.hostPath !== undefined) volume.hostPath = { path: normalizePath(r.hostPath), type: "Directory" };
    const m: PlannedMount = { name, mountPath: normalizePath(r.mountPath), volume, readOnly: true, field: ["readOnlyMounts", i, "mountPath"], owner: `readOnlyMounts[${i}]` };
    if (r.subPath !== undefined) m.subPath = r.subPath;
    plan.push(m);
  });
  if (c.promptConfigMap) {
    plan.push({
      name: "ironflow-prompt",
      mountPath: normalizePath(c.promptConfigMap.mountPath ?? DEFAULT_PROMPT_DIR),
      volume: { name: "ironflow-prompt", configMap: { name: c.promptConfigMap.configMap } },
      readOnly: true,
      field: ["promptConfigMap", "mountPath"],
      owner: "promptConfigMap",
    });
  }
  if (c.managedSettingsConfigMap !== undefined) {
    plan.push({
      name: "ironflow-managed-settings",
      mountPath: MANAGED_SETTINGS_DIR,
      volume: { name: "ironflow-managed-settings", configMap: { name: c.managedSettingsConfigMap } },
      readOnly: true,
      owner: "managed settings",
    });
  }
  (c.profileConfigMaps ?? []).forEach((cm, i) => {
    const name = `ironflow-profile-${i}`;
    plan.push({ name, mountPath: `${PROFILE_DIR}/${i}`, volume: { name, configMap: { name: cm } }, readOnly: true, owner: `profileConfigMaps[${i}]` });
  });
  if (c.sandbox) {
    plan.push({ name: "ironflow-home", mountPath: SANDBOX_HOME, volume: { name: "ironflow-home", emptyDir: sized(c.sandbox.homeSizeLimit ?? "1Gi") }, owner: "the sandbox HOME" });
    plan.push({ name: "ironflow-tmp", mountPath: SANDBOX_TMP, volume: { name: "ironflow-tmp", emptyDir: sized(c.sandbox.tmpSizeLimit ?? "512Mi") }, owner: "the sandbox /tmp" });
  }
  inputDirectories(c).forEach(({ dir, first }, idx) => {
    const name = `${INPUT_VOLUME_PREFIX}${idx}`;
    plan.push({ name, mountPath: dir, volume: { name, emptyDir: sized(c.inputVolumeSizeLimit) }, field: ["inputs", first, "mountPath"], owner: `inputs[${first}]`, input: true });
  });
  return plan;
}

/** The container's view of a planned mount. */
export function toVolumeMount(m: PlannedMount): VolumeMount {
  const vm: VolumeMount = { name: m.name, mountPath: m.mountPath };
  if (m.readOnly) vm.readOnly = true;
  if (m.subPath !== undefined) vm.subPath = m.subPath;
  return vm;
}
