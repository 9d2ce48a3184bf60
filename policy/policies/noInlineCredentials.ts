/**
 * `ironflow-no-inline-credentials` (mandatory): no credential material in a
 * runner pod's command, args or plain env values: `.credentials.json`
 * written from a literal (the seed's `buildCredentialsPrefix`), Anthropic
 * API keys / OAuth tokens, Claude OAuth credentials JSON, and
 * `ANTHROPIC_API_KEY` / `CLAUDE_CODE_OAUTH_TOKEN` (and friends) as plain env
 * values or literal shell assignments. Credentials belong in a Secret,
 * passed by `secretKeyRef` (what `ClaudeRunnerPod` does). Messages say what
 * was found and where, never the value.
 */
import { definePodPolicy } from "../lib/define";
import { arrayLength, containerLabel, isObject, listContainers } from "../lib/pod";
import { SCOPE_SCHEMA, type Scope } from "../lib/runnerPod";
import { credentialReasons, SENSITIVE_ENV_NAMES } from "../lib/secrets";

export const NO_INLINE_CREDENTIALS_POLICY = "ironflow-no-inline-credentials";

export interface NoInlineCredentialsConfig {
  /** More env names whose plain value counts as a credential. */
  additionalSensitiveEnvNames: string[];
  /** More regular expressions (JavaScript syntax) whose match counts as a credential. */
  additionalPatterns: string[];
  scope: Scope;
}

export const noInlineCredentials = definePodPolicy<NoInlineCredentialsConfig>({
  name: NO_INLINE_CREDENTIALS_POLICY,
  description: "No credentials in plain text in an ironflow runner Pod's command, args or env values.",
  enforcementLevel: "mandatory",
  scoped: true,
  defaults: { additionalSensitiveEnvNames: [], additionalPatterns: [], scope: "runner-pods" },
  configSchema: {
    properties: {
      additionalSensitiveEnvNames: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: `Env names, besides ${SENSITIVE_ENV_NAMES.join(", ")}, whose plain (non-secretKeyRef) value is a credential.`,
      },
      additionalPatterns: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Extra JavaScript regular expressions; a command, arg or env value matching one is a credential.",
      },
      scope: SCOPE_SCHEMA,
    },
  },
  remediationSteps:
    "Put the credentials in a Kubernetes Secret and pass them with secretKeyRef (ClaudeRunnerPod's credentials option); never inline them in the command or env.",
  check({ props, config, t, violation }) {
    const sensitive = [...SENSITIVE_ENV_NAMES, ...config.additionalSensitiveEnvNames];
    const patterns = config.additionalPatterns.map((p) => new RegExp(p));
    const expected = "expected credentials from a Secret (env valueFrom.secretKeyRef or a mounted Secret)";
    for (const ref of listContainers(props, t)) {
      for (const key of ["command", "args"] as const) {
        const list = t.value(() => ref.c[key], undefined);
        for (let i = 0; i < arrayLength(list); i++) {
          const v = t.read(() => list[i]);
          if (!v.known || typeof v.value !== "string") continue;
          const reasons = credentialReasons(v.value, patterns, sensitive);
          if (reasons.length > 0) {
            violation(`${containerLabel(ref)} ${key}[${i}] (${ref.path}.${key}[${i}]) contains ${reasons.join("; ")} (value redacted), ${expected}`);
          }
        }
      }
      const env = t.value(() => ref.c.env, undefined);
      for (let j = 0; j < arrayLength(env); j++) {
        const e = t.value(() => env[j], undefined);
        if (!isObject(e)) continue;
        const name = t.value(() => e.name, undefined);
        const field = `${ref.path}.env[${j}].value`;
        const label = `${containerLabel(ref)} env '${typeof name === "string" ? name : `#${j}`}' (${field})`;
        const value = t.peek(() => e.value);
        const isSensitive = typeof name === "string" && sensitive.includes(name);
        if (!value.known) {
          // An unknown plain value of a credential env var is still a plain value: no need to know it.
          if (isSensitive) violation(`${label} is set as a plain value (unknown at preview), ${expected}`);
          else t.read(() => e.value); // cannot scan it: leave it to the preview advisory
          continue;
        }
        if (typeof value.value !== "string" || value.value === "") continue;
        if (isSensitive) {
          violation(`${label} is set as a plain value (value redacted), ${expected}`);
          continue;
        }
        const reasons = credentialReasons(value.value, patterns, sensitive);
        if (reasons.length > 0) violation(`${label} contains ${reasons.join("; ")} (value redacted), ${expected}`);
      }
    }
  },
});
