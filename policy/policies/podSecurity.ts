/**
 * `ironflow-pod-security` (advisory): the Pod Security Standards
 * "restricted" profile (which includes "baseline") for runner pods, every
 * container included (the curl init container too). One violation per
 * failing control, naming the control and each offending field.
 *
 * Controls (ids usable in `exemptControls`), after
 * kubernetes.io/docs/concepts/security/pod-security-standards:
 * baseline: hostProcess, hostNamespaces, privileged, hostPorts, appArmor,
 * seLinux, procMount, sysctls; restricted: volumeTypes (covers baseline's
 * hostPath volumes), privilegeEscalation, runAsNonRoot, runAsUser, seccomp,
 * capabilities. Pods with `spec.os.name: windows` are exempt from
 * privilegeEscalation, seccomp and capabilities, as in the standard.
 */
import { definePodPolicy } from "../lib/define";
import { arrayLength, containerLabel, isObject, listContainers, podSpec, show, type ContainerRef, type Props } from "../lib/pod";
import { SCOPE_SCHEMA, type Scope } from "../lib/runnerPod";
import type { UnknownTracker } from "../lib/unknowns";

export const POD_SECURITY_POLICY = "ironflow-pod-security";

/** Control id -> the standard's name for it. */
export const PSS_CONTROLS = {
  hostProcess: "HostProcess",
  hostNamespaces: "Host Namespaces",
  privileged: "Privileged Containers",
  hostPorts: "Host Ports",
  appArmor: "AppArmor",
  seLinux: "SELinux",
  procMount: "/proc Mount Type",
  sysctls: "Sysctls",
  volumeTypes: "Volume Types",
  privilegeEscalation: "Privilege Escalation",
  runAsNonRoot: "Running as Non-root",
  runAsUser: "Running as Non-root user",
  seccomp: "Seccomp",
  capabilities: "Capabilities",
} as const;
export type PssControl = keyof typeof PSS_CONTROLS;

export interface PodSecurityConfig {
  exemptControls: PssControl[];
  scope: Scope;
}

const ALLOWED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
];
const SELINUX_TYPES = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
const PROFILE_TYPES = ["RuntimeDefault", "Localhost"];

type Finding = { control: PssControl; what: string; expected: string };

export const podSecurity = definePodPolicy<PodSecurityConfig>({
  name: POD_SECURITY_POLICY,
  description: "ironflow runner Pods meet the Pod Security Standards \"restricted\" profile.",
  enforcementLevel: "advisory",
  scoped: true,
  defaults: { exemptControls: [], scope: "runner-pods" },
  configSchema: {
    properties: {
      exemptControls: {
        type: "array",
        items: { type: "string", enum: Object.keys(PSS_CONTROLS) },
        default: [],
        description: "Controls not to check, by id: " + Object.keys(PSS_CONTROLS).join(", ") + ".",
      },
      scope: SCOPE_SCHEMA,
    },
  },
  remediationSteps:
    "Use ClaudeRunnerPod's sandbox option (restricted securityContext), or set runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop: [ALL] and seccompProfile RuntimeDefault on every container.",
  check({ props, config, t, violation }) {
    const findings = checkRestricted(props, t);
    const exempt = new Set<string>(config.exemptControls);
    const byControl = new Map<PssControl, Finding[]>();
    for (const f of findings) {
      if (exempt.has(f.control)) continue;
      byControl.set(f.control, [...(byControl.get(f.control) ?? []), f]);
    }
    for (const [control, fs] of byControl) {
      const expected = [...new Set(fs.map((f) => f.expected))].join("; ");
      violation(
        `fails Pod Security Standards "restricted" control "${PSS_CONTROLS[control]}" (${control}): ` +
          `${fs.map((f) => f.what).join(", ")}; expected ${expected}`,
      );
    }
  },
});

/** Every failing (control, field) of the pod, in control order. */
export function checkRestricted(props: Props, t: UnknownTracker): Finding[] {
  const out: Finding[] = [];
  const spec = podSpec(props, t);
  if (!spec) return out;
  const get = (obj: unknown, key: string): unknown => (isObject(obj) ? t.value(() => obj[key], undefined) : undefined);
  const podSc = get(spec, "securityContext");
  const containers = listContainers(props, t);
  const sc = (ref: ContainerRef): unknown => get(ref.c, "securityContext");
  const who = containerLabel;
  const windows = get(get(spec, "os"), "name") === "windows";

  // hostProcess
  if (get(get(podSc, "windowsOptions"), "hostProcess") === true) {
    out.push({ control: "hostProcess", what: "spec.securityContext.windowsOptions.hostProcess is true", expected: "hostProcess unset or false" });
  }
  for (const c of containers) {
    if (get(get(sc(c), "windowsOptions"), "hostProcess") === true) {
      out.push({ control: "hostProcess", what: `${who(c)} windowsOptions.hostProcess is true`, expected: "hostProcess unset or false" });
    }
  }
  // hostNamespaces
  for (const k of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (get(spec, k) === true) out.push({ control: "hostNamespaces", what: `spec.${k} is true`, expected: `spec.${k} unset or false` });
  }
  // privileged
  for (const c of containers) {
    if (get(sc(c), "privileged") === true) {
      out.push({ control: "privileged", what: `${who(c)} securityContext.privileged is true`, expected: "privileged unset or false" });
    }
  }
  // hostPorts
  for (const c of containers) {
    const ports = get(c.c, "ports");
    for (let i = 0; i < arrayLength(ports); i++) {
      const hp = get(t.value(() => (ports as unknown[])[i], undefined), "hostPort");
      if (hp !== undefined && hp !== null && hp !== 0) {
        out.push({ control: "hostPorts", what: `${who(c)} ports[${i}].hostPort is ${show(hp)}`, expected: "hostPort unset or 0" });
      }
    }
  }
  // appArmor (field and the legacy annotation)
  const profileOk = (p: unknown): boolean => p === undefined || PROFILE_TYPES.includes(String(get(p, "type")));
  if (!profileOk(get(podSc, "appArmorProfile"))) {
    out.push({ control: "appArmor", what: `spec.securityContext.appArmorProfile.type is ${show(get(get(podSc, "appArmorProfile"), "type"))}`, expected: "appArmorProfile.type RuntimeDefault or Localhost" });
  }
  for (const c of containers) {
    const p = get(sc(c), "appArmorProfile");
    if (!profileOk(p)) out.push({ control: "appArmor", what: `${who(c)} appArmorProfile.type is ${show(get(p, "type"))}`, expected: "appArmorProfile.type RuntimeDefault or Localhost" });
  }
  const annotations = get(get(props, "metadata"), "annotations");
  if (isObject(annotations)) {
    for (const key of Object.keys(annotations)) {
      if (!key.startsWith("container.apparmor.security.beta.kubernetes.io/")) continue;
      const v = t.value(() => annotations[key], undefined);
      if (typeof v === "string" && v !== "runtime/default" && !v.startsWith("localhost/")) {
        out.push({ control: "appArmor", what: `annotation '${key}' is ${show(v)}`, expected: "runtime/default or localhost/<profile>" });
      }
    }
  }
  // seLinux
  const seLinux = (opts: unknown, where: string): void => {
    if (!isObject(opts)) return;
    const type = get(opts, "type");
    if (type !== undefined && !SELINUX_TYPES.includes(String(type))) {
      out.push({ control: "seLinux", what: `${where} seLinuxOptions.type is ${show(type)}`, expected: `seLinuxOptions.type one of ${SELINUX_TYPES.filter(Boolean).join(", ")} or unset` });
    }
    for (const k of ["user", "role"]) {
      const v = get(opts, k);
      if (v !== undefined && v !== "") out.push({ control: "seLinux", what: `${where} seLinuxOptions.${k} is set`, expected: `seLinuxOptions.${k} unset` });
    }
  };
  seLinux(get(podSc, "seLinuxOptions"), "spec.securityContext");
  for (const c of containers) seLinux(get(sc(c), "seLinuxOptions"), who(c));
  // procMount
  for (const c of containers) {
    const pm = get(sc(c), "procMount");
    if (pm !== undefined && pm !== "Default") out.push({ control: "procMount", what: `${who(c)} procMount is ${show(pm)}`, expected: "procMount unset or Default" });
  }
  // sysctls
  const sysctls = get(podSc, "sysctls");
  for (let i = 0; i < arrayLength(sysctls); i++) {
    const name = get(t.value(() => (sysctls as unknown[])[i], undefined), "name");
    if (typeof name !== "string" || !SAFE_SYSCTLS.includes(name)) {
      out.push({ control: "sysctls", what: `spec.securityContext.sysctls[${i}] is ${show(name)}`, expected: "only the safe sysctls" });
    }
  }
  // volumeTypes
  const volumes = get(spec, "volumes");
  for (let i = 0; i < arrayLength(volumes); i++) {
    const v = t.value(() => (volumes as unknown[])[i], undefined);
    if (!isObject(v)) continue;
    const types = Object.keys(v).filter((k) => k !== "name");
    const bad = types.filter((k) => !ALLOWED_VOLUME_TYPES.includes(k));
    if (bad.length > 0) {
      out.push({ control: "volumeTypes", what: `volume '${String(get(v, "name"))}' is ${bad.join("/")}`, expected: `volume types ${ALLOWED_VOLUME_TYPES.join(", ")}` });
    }
  }
  // privilegeEscalation
  if (!windows) {
    for (const c of containers) {
      const ape = get(sc(c), "allowPrivilegeEscalation");
      if (ape !== false) out.push({ control: "privilegeEscalation", what: `${who(c)} allowPrivilegeEscalation is ${show(ape)}`, expected: "securityContext.allowPrivilegeEscalation: false on every container" });
    }
  }
  // runAsNonRoot
  const podNonRoot = get(podSc, "runAsNonRoot");
  if (podNonRoot === false) out.push({ control: "runAsNonRoot", what: "spec.securityContext.runAsNonRoot is false", expected: "runAsNonRoot: true on the pod or on every container" });
  for (const c of containers) {
    const v = get(sc(c), "runAsNonRoot");
    if (v === false || (v !== true && podNonRoot !== true)) {
      out.push({ control: "runAsNonRoot", what: `${who(c)} runAsNonRoot is ${show(v)}${podNonRoot === true ? "" : " and the pod does not set it"}`, expected: "runAsNonRoot: true on the pod or on every container" });
    }
  }
  // runAsUser
  if (get(podSc, "runAsUser") === 0) out.push({ control: "runAsUser", what: "spec.securityContext.runAsUser is 0", expected: "runAsUser unset or non-zero" });
  for (const c of containers) {
    if (get(sc(c), "runAsUser") === 0) out.push({ control: "runAsUser", what: `${who(c)} runAsUser is 0`, expected: "runAsUser unset or non-zero" });
  }
  // seccomp
  if (!windows) {
    const podType = get(get(podSc, "seccompProfile"), "type");
    if (podType !== undefined && !PROFILE_TYPES.includes(String(podType))) {
      out.push({ control: "seccomp", what: `spec.securityContext.seccompProfile.type is ${show(podType)}`, expected: "seccompProfile.type RuntimeDefault or Localhost" });
    }
    for (const c of containers) {
      const type = get(get(sc(c), "seccompProfile"), "type");
      if (type !== undefined ? !PROFILE_TYPES.includes(String(type)) : !PROFILE_TYPES.includes(String(podType))) {
        out.push({ control: "seccomp", what: `${who(c)} seccompProfile.type is ${show(type)}${type === undefined ? " and the pod does not set RuntimeDefault/Localhost" : ""}`, expected: "seccompProfile.type RuntimeDefault or Localhost on the pod or every container" });
      }
    }
  }
  // capabilities
  if (!windows) {
    for (const c of containers) {
      const caps = get(sc(c), "capabilities");
      const drop = get(caps, "drop");
      const add = get(caps, "add");
      const dropList: unknown[] = [];
      for (let i = 0; i < arrayLength(drop); i++) dropList.push(t.value(() => (drop as unknown[])[i], undefined));
      if (!dropList.includes("ALL")) {
        out.push({ control: "capabilities", what: `${who(c)} capabilities.drop is ${show(dropList.length ? dropList : undefined)}`, expected: "capabilities.drop: [ALL], adding back only NET_BIND_SERVICE" });
      }
      for (let i = 0; i < arrayLength(add); i++) {
        const cap = t.value(() => (add as unknown[])[i], undefined);
        if (cap !== "NET_BIND_SERVICE") {
          out.push({ control: "capabilities", what: `${who(c)} capabilities.add has ${show(cap)}`, expected: "capabilities.drop: [ALL], adding back only NET_BIND_SERVICE" });
        }
      }
    }
  }
  return out;
}
