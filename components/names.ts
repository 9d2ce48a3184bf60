/**
 * Fixed names and tokens shared by the builder, the component, the policy pack
 * and the tests.
 */

/** The component's Pulumi type token (`<package name>:index:<class name>`). */
export const CLAUDE_RUNNER_POD_TYPE = "ironflow:index:ClaudeRunnerPod";
/** Pulumi type token of the Pod the component creates. */
export const POD_TYPE = "kubernetes:core/v1:Pod";

/** Name of the container that runs the Claude Code CLI. */
export const MAIN_CONTAINER_NAME = "claude-code";
/** Name of the init container that fetches inputs. */
export const INPUT_FETCH_CONTAINER_NAME = "ironflow-input-fetch";
/** Image of the input-fetch init container (the seed's default). */
export const DEFAULT_INPUT_INIT_IMAGE = "curlimages/curl:8.10.1";
/** Prefix of hostPath volume names: `vol-0`, `vol-1`, ... */
export const HOST_PATH_VOLUME_PREFIX = "vol-";
/** Prefix of input emptyDir volume names: `ironflow-input-0`, ... */
export const INPUT_VOLUME_PREFIX = "ironflow-input-";

/**
 * Env names blanked to `""` before the user's env by default. The seed derived
 * this list from the deploying machine's environment; here it is fixed so the
 * spec is the same on every machine.
 */
export const DEFAULT_CLEARED_ENV: readonly string[] = Object.freeze(["IRONFLOW_ALLOW_BYPASS"]);

/** Env var through which the credentials Secret reaches the container. */
export const CREDENTIALS_ENV_NAME = "IRONFLOW_CLAUDE_CREDENTIALS";
/** Key under which the component's Secret stores the credentials JSON. */
export const CREDENTIALS_SECRET_KEY = "credentials.json";

/** HOME of the sandboxed agent: an emptyDir. */
export const SANDBOX_HOME = "/home/claude";
/** /tmp of the sandboxed agent: an emptyDir. */
export const SANDBOX_TMP = "/tmp";
/** Where Claude Code reads managed settings. */
export const MANAGED_SETTINGS_DIR = "/etc/claude-code";
/** Where profile ConfigMaps are mounted before being copied into `$HOME/.claude`. */
export const PROFILE_DIR = "/etc/ironflow/profiles";
/** Default mount path of the prompt ConfigMap. */
export const DEFAULT_PROMPT_DIR = "/etc/ironflow/prompt";
/** The sandbox's default uid, gid and fsGroup: the runner image's user. */
export const SANDBOX_UID = 10001;
/** Label carrying `egressProfile`. */
export const EGRESS_PROFILE_LABEL = "ironflow.io/egress-profile";
/** Label unique to one component instance: what its NetworkPolicy selects. */
export const INSTANCE_LABEL = "ironflow.io/instance";
/** Env names that hold Anthropic credentials and must come from Secrets in a sandboxed pod. */
export const CREDENTIAL_ENV_NAMES: readonly string[] = Object.freeze(["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"]);
/** What an Anthropic API key (`sk-ant-api03-...`) or OAuth token (`sk-ant-oat01-...`) looks like. */
export const ANTHROPIC_KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{8,}/;
