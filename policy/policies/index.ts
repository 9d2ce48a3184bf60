/**
 * Every policy of the pack, in a stable order. Importing this module does not
 * start the policy server (only `../index.ts` constructs the `PolicyPack`),
 * so tests import the policies from here.
 */
import type { Policies } from "@pulumi/policy";
import { egressIsolation } from "./egressIsolation";
import { hostPathAllowlist } from "./hostPathAllowlist";
import { inputUrls } from "./inputUrls";
import { managedLabels } from "./managedLabels";
import { noInlineCredentials } from "./noInlineCredentials";
import { pinnedImages } from "./pinnedImages";
import { podSecurity } from "./podSecurity";
import { resourceLimits } from "./resourceLimits";

export { MANAGED_LABELS_POLICY, managedLabels } from "./managedLabels";
export { HOST_PATH_POLICY, hostPathAllowlist } from "./hostPathAllowlist";
export { RESOURCE_LIMITS_POLICY, resourceLimits } from "./resourceLimits";
export { PINNED_IMAGES_POLICY, pinnedImages } from "./pinnedImages";
export { INPUT_URLS_POLICY, inputUrls } from "./inputUrls";
export { NO_INLINE_CREDENTIALS_POLICY, noInlineCredentials } from "./noInlineCredentials";
export { POD_SECURITY_POLICY, podSecurity, PSS_CONTROLS } from "./podSecurity";
export { EGRESS_ISOLATION_POLICY, egressIsolation, NETWORK_POLICY_TYPE } from "./egressIsolation";

/** Name of the policy pack (`^[a-zA-Z0-9-_.]{1,100}$`). */
export const PACK_NAME = "ironflow";

export const ironflowPolicies: Policies = [
  managedLabels,
  hostPathAllowlist,
  resourceLimits,
  pinnedImages,
  inputUrls,
  noInlineCredentials,
  podSecurity,
  egressIsolation,
];
