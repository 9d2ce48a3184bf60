/**
 * ironflow: Pulumi components for Kubernetes pods that run the Claude Code CLI
 * as an autonomous agent. This is the package's one public entry.
 */
export * from "./config";
export * from "./labels";
export * from "./names";
export { buildPodSpec, type RunnerPod } from "./podSpec";
export { buildFetchScript, buildInputFetchContainer, inputAuthEnv, inputUrlEnv, type FetchSettings } from "./inputs";
export { planMounts, RESERVED_PATHS, type PlannedMount } from "./mounts";
export { buildCredentialsPrefix, credentialsFromEnvPrefix } from "./credentials";
export { generatePodName } from "./podName";
export { normalizePath, parentDir } from "./paths";
export { shellQuote } from "./shell";
export { validatePodConfig } from "./validation";
export { validateInputs } from "./inputRules";
export { PodConfigError, type ConfigIssue } from "./issues";
export { ClaudeRunnerPod } from "./claudeRunnerPod";
export type * from "./runnerArgs";
export { createKubernetesProvider, type KubernetesProviderArgs } from "./provider";
export { checkKubeconfig, loadInlineKubeconfig, loadKubeconfigFile, readKubeconfigFile, type KubeconfigSummary } from "./kubeconfig";
export { buildEgressNetworkPolicy, PUBLIC_HTTPS_EGRESS, type EgressConfig, type EgressRule } from "./networkPolicy";
export { ClaudeRunnerPodArgsError } from "./runnerValidation";
