import type { PodSecurityContext, SecurityContext } from "kubernetes-types/core/v1";
import type { SandboxOptions } from "./config";
import { SANDBOX_UID } from "./names";

/** Pod-level sandbox: non-root ids, volume group, the runtime's default seccomp profile. */
export function sandboxPodSecurityContext(s: SandboxOptions): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: s.runAsUser ?? SANDBOX_UID,
    runAsGroup: s.runAsGroup ?? SANDBOX_UID,
    fsGroup: s.fsGroup ?? SANDBOX_UID,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level sandbox, the same on the agent and the init container. */
export function sandboxContainerSecurityContext(s: SandboxOptions): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    privileged: false,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem ?? true,
    runAsNonRoot: true,
    seccompProfile: { type: "RuntimeDefault" },
  };
}
