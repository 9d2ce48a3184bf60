import type { Container, EnvVar } from "kubernetes-types/core/v1";
import type { AgentInput, ImagePullPolicy, PodConfig } from "./config";
import { toVolumeMount, type PlannedMount } from "./mounts";
import { INPUT_FETCH_CONTAINER_NAME } from "./names";
import { normalizePath, parentDir } from "./paths";
import { shellQuote } from "./shell";

/** Fetch settings shared by every input (the seed's values by default). */
export interface FetchSettings {
  /** @default 3 */
  retries?: number;
  /** @default 300 */
  timeoutSeconds?: number;
}

/** Env var through which input `i`'s URL reaches the init container (`urlFrom`). */
export const inputUrlEnv = (i: number): string => `IRONFLOW_INPUT_${i}_URL`;
/** Env var through which input `i`'s auth header value reaches the init container. */
export const inputAuthEnv = (i: number): string => `IRONFLOW_INPUT_${i}_AUTH`;

/** The temporary name an input is downloaded to before it is verified. */
function partialPath(input: AgentInput, i: number): string {
  const path = normalizePath(input.mountPath);
  return `${parentDir(path)}/.ironflow-partial-${i}`;
}

function curlLine(input: AgentInput, i: number, target: string, s: FetchSettings): string {
  const proto = input.allowHttp ? "=http,https" : "=https";
  const args = [
    "curl -sSfL",
    `--proto '${proto}' --proto-redir '${proto}'`,
    `--retry ${s.retries ?? 3} --max-time ${s.timeoutSeconds ?? 300}`,
  ];
  if (input.maxBytes !== undefined) args.push(`--max-filesize ${input.maxBytes}`);
  if (input.authHeader) args.push(`-H "${input.authHeader.header ?? "Authorization"}: $${inputAuthEnv(i)}"`);
  args.push(input.urlFrom ? `"$${inputUrlEnv(i)}"` : shellQuote(input.url ?? ""));
  args.push(`-o ${shellQuote(target)}`);
  return args.join(" ");
}

/**
 * The init container's script. Each input is fetched by curl (https only
 * unless the input allows http). An input with a `sha256` or `mode` is
 * downloaded to a temporary name in its directory, verified, given its mode,
 * then renamed, so it appears at its path only once it is right; a mismatch
 * stops the pod with a message naming the input.
 */
export function buildFetchScript(inputs: readonly AgentInput[], settings: FetchSettings = {}): string {
  let script = "set -e\n";
  inputs.forEach((input, i) => {
    const path = normalizePath(input.mountPath);
    if (input.sha256 === undefined && input.mode === undefined) {
      script += `${curlLine(input, i, path, settings)}\n`;
      return;
    }
    const tmp = partialPath(input, i);
    script += `${curlLine(input, i, tmp, settings)}\n`;
    if (input.sha256 !== undefined) {
      const want = input.sha256.toLowerCase();
      script += `actual=$(sha256sum ${shellQuote(tmp)} | cut -d ' ' -f 1)\n`;
      script +=
        `if [ "$actual" != '${want}' ]; then rm -f ${shellQuote(tmp)}; ` +
        `echo ${shellQuote(`ironflow-input-fetch: sha256 mismatch for inputs[${i}] (${path}): expected ${want}, got `)}"$actual" >&2; exit 1; fi\n`;
    }
    if (input.mode !== undefined) script += `chmod ${input.mode} ${shellQuote(tmp)}\n`;
    script += `mv -f ${shellQuote(tmp)} ${shellQuote(path)}\n`;
  });
  return script;
}

/** Secret-backed env of the init container: URLs and auth headers that must stay out of the spec. */
function fetchEnv(inputs: readonly AgentInput[]): EnvVar[] {
  const env: EnvVar[] = [];
  inputs.forEach((input, i) => {
    if (input.urlFrom) {
      env.push({ name: inputUrlEnv(i), valueFrom: { secretKeyRef: { name: input.urlFrom.name, key: input.urlFrom.key } } });
    }
    if (input.authHeader) {
      env.push({ name: inputAuthEnv(i), valueFrom: { secretKeyRef: { name: input.authHeader.secretName, key: input.authHeader.key } } });
    }
  });
  return env;
}

/** The `ironflow-input-fetch` init container, or undefined without inputs. */
export function buildInputFetchContainer(
  c: PodConfig,
  inputMounts: readonly PlannedMount[],
  imagePullPolicy: ImagePullPolicy,
  image: string,
): Container | undefined {
  const inputs = c.inputs ?? [];
  if (inputs.length === 0) return undefined;
  const container: Container = {
    name: INPUT_FETCH_CONTAINER_NAME,
    image,
    imagePullPolicy,
    command: ["sh", "-c", buildFetchScript(inputs, { retries: c.inputRetries, timeoutSeconds: c.inputTimeoutSeconds })],
  };
  const env = fetchEnv(inputs);
  if (env.length > 0) container.env = env;
  container.volumeMounts = inputMounts.map(toVolumeMount);
  return container;
}
