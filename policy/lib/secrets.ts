/**
 * Detectors for credential material written into a pod spec in plain text.
 * They return *reasons* (what was found), never the matched text, so a
 * message built from them cannot echo the secret.
 */
import { ANTHROPIC_KEY_PATTERN, CREDENTIAL_ENV_NAMES, CREDENTIALS_ENV_NAME } from "../../components/names";
import { commandName, parseShell, type Pipeline, type Word } from "./shell";

/**
 * Env names whose plain `value` is a credential (besides the configurable extras):
 * the ones the builder refuses as plain values, and the var the component fills from its Secret.
 */
export const SENSITIVE_ENV_NAMES: readonly string[] = Object.freeze([...CREDENTIAL_ENV_NAMES, CREDENTIALS_ENV_NAME]);
/** Claude Code's `.credentials.json` shape with a literal token value. */
const CREDENTIALS_JSON = /"(?:accessToken|refreshToken)"\s*:\s*"[^"$`]{8,}"|"claudeAiOauth"\s*:\s*\{/;
/** A printf format with no data in it, e.g. `%s`, `%s\n`. */
const PURE_FORMAT = /^(?:%[-+ #0]*\d*(?:\.\d+)?[sbdq]|\\n|\\t|\s)*$/;

function writesCredentialsFile(pipeline: Pipeline): boolean {
  return pipeline.some(
    (cmd) =>
      cmd.redirects.some((r) => (r.op === ">" || r.op === ">>" || r.op === ">|") && /\.credentials\.json$/.test(r.target.value)) ||
      (commandName(cmd) === "tee" && cmd.words.some((w) => /\.credentials\.json$/.test(w.value))),
  );
}

/** True when a script writes `.credentials.json` from a literal (printf/echo argument or here-document). */
export function writesCredentialsFromLiteral(script: string): boolean {
  if (!script.includes(".credentials.json")) return false;
  let pipelines;
  try {
    pipelines = parseShell(script);
  } catch {
    return true; // unreadable script that names the file: fail closed
  }
  for (const pipeline of pipelines) {
    if (!writesCredentialsFile(pipeline)) continue;
    for (const cmd of pipeline) {
      if (cmd.heredocs.some((h) => h.literal && h.body.trim() !== "")) return true;
      const name = commandName(cmd);
      const start = cmd.words.findIndex((w) => w.value.split("/").pop() === name);
      const rest = cmd.words.slice(start + 1);
      let data: Word[] = [];
      if (name === "printf") {
        data = rest.length > 1 && PURE_FORMAT.test(rest[0]?.value ?? "") ? rest.slice(1) : rest;
        data = data.filter((w) => !(w.literal && PURE_FORMAT.test(w.value)));
      } else if (name === "echo") {
        data = rest.filter((w) => !/^-[neE]+$/.test(w.value));
      }
      if (data.some((w) => w.literal && w.value.trim() !== "")) return true;
    }
  }
  return false;
}

/** Why `text` looks like it holds a credential (empty when it does not). */
export function credentialReasons(text: string, extraPatterns: readonly RegExp[] = [], sensitiveNames: readonly string[] = SENSITIVE_ENV_NAMES): string[] {
  const reasons: string[] = [];
  if (writesCredentialsFromLiteral(text)) reasons.push("writes .credentials.json from an inline literal");
  if (ANTHROPIC_KEY_PATTERN.test(text)) reasons.push("an Anthropic API key or OAuth token (sk-ant-...)");
  if (CREDENTIALS_JSON.test(text)) reasons.push("Claude OAuth credentials JSON");
  for (const name of sensitiveNames) {
    // NAME=<literal> in a script (export, env prefix); NAME="$X" / NAME=$X is fine.
    const re = new RegExp(`(?:^|[\\s;&|(])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}=(?!["']?\\$)(?!["']?(?:\\s|$|["']))`);
    if (re.test(text)) reasons.push(`${name} assigned a literal value`);
  }
  for (const re of extraPatterns) if (re.test(text)) reasons.push(`a match of configured pattern /${re.source}/`);
  return reasons;
}
