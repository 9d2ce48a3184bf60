import { shellQuote } from "./shell";

/**
 * The seed's shell prefix that writes Claude OAuth credentials to
 * `$HOME/.claude/.credentials.json`, with the JSON inlined in the command.
 *
 * Kept for seed parity and for the policy pack's tests, which must catch it:
 * a pod spec built with this prefix carries the credential in plain text in
 * the Pod object, the Pulumi state and the apiserver. `ClaudeRunnerPod` never
 * uses it; it passes credentials through a Secret ({@link credentialsFromEnvPrefix}).
 */
export function buildCredentialsPrefix(oauthJson?: string): string {
  if (oauthJson === undefined) return "";
  return `mkdir -p $HOME/.claude && printf '%s' ${shellQuote(oauthJson)} > $HOME/.claude/.credentials.json && `;
}

/**
 * Shell prefix that writes the credentials file from an env var filled by a
 * `secretKeyRef`, then removes the var so the agent's own processes do not
 * inherit it. The file is created with mode 0600. No credential text is in it.
 */
export function credentialsFromEnvPrefix(envName: string): string {
  return (
    `umask 077 && mkdir -p "$HOME/.claude" && ` +
    `printf '%s' "$${envName}" > "$HOME/.claude/.credentials.json" && ` +
    `unset ${envName} && `
  );
}
