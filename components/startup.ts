import type { PodConfig } from "./config";
import { credentialsFromEnvPrefix } from "./credentials";
import { CREDENTIALS_ENV_NAME, PROFILE_DIR } from "./names";

/**
 * What runs before the agent: write the credentials file from its Secret and
 * copy profile ConfigMaps into `$HOME/.claude`. Each step is joined with `&&`,
 * so a failed copy stops the pod instead of starting a half-configured agent.
 * Empty when there is nothing to do.
 */
export function startupPrefix(c: PodConfig): string {
  let prefix = c.credentialsSecret ? credentialsFromEnvPrefix(CREDENTIALS_ENV_NAME) : "";
  const profiles = c.profileConfigMaps ?? [];
  if (profiles.length > 0 && !c.credentialsSecret) prefix += `mkdir -p "$HOME/.claude" && `;
  profiles.forEach((_, i) => {
    prefix += `cp -L ${PROFILE_DIR}/${i}/* "$HOME/.claude/" && `;
  });
  return prefix;
}

/**
 * Wrap an argv so a shell prefix runs first, then the original command is
 * exec'd with its arguments untouched (no re-quoting of user arguments).
 */
export function wrapCommandWithPrefix(prefix: string, command: readonly string[]): string[] {
  return ["sh", "-c", `${prefix}exec "$@"`, "claude-runner", ...command];
}
