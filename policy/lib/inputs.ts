/**
 * Where a runner pod fetches its inputs from. The builder writes one
 * `curl ... '<url>' -o '<path>'` line per input into the `ironflow-input-fetch`
 * init container's `sh -c` script (components/inputs.ts `buildFetchScript`).
 * This is the only place that knows that shape: a later builder that also
 * records the URLs in an annotation only needs a change here.
 */
import { INPUT_FETCH_CONTAINER_NAME } from "../../components/names";
import { arrayLength, listContainers, type ContainerRef, type Props } from "./pod";
import { commandName, parseShell, type Word } from "./shell";
import type { UnknownTracker } from "./unknowns";

export interface InputFetch {
  /** The URL argument as written (after shell quote removal). */
  url: string;
  /** The URL argument contains a shell expansion (`$VAR`), so its real value is not in the spec. */
  expanded: boolean;
  /** The `-o` target, when given. */
  target?: string;
  /** The fetching tool: `curl` or `wget`. */
  tool: string;
  /** Protocols the tool accepts for this URL (curl `--proto`). */
  protocols: Set<string>;
  /** Protocols accepted on redirects; undefined when redirects are not followed. */
  redirectProtocols?: Set<string>;
  /** The init container it was found in. */
  container: ContainerRef;
  /** Where: e.g. `spec.initContainers[0].command[2]`. */
  field: string;
}

/** curl / wget options that take a value (the next word), so it is not a URL. */
const VALUE_OPTIONS = new Set([
  "-o", "--output", "-H", "--header", "--retry", "--retry-delay", "--retry-max-time", "-m", "--max-time",
  "--connect-timeout", "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "-u", "--user",
  "-X", "--request", "-A", "--user-agent", "-e", "--referer", "--proto", "--proto-redir", "-w", "--write-out",
  "-T", "--upload-file", "-K", "--config", "--cacert", "--capath", "--cert", "--key", "-x", "--proxy",
  "--max-filesize", "-r", "--range", "-b", "--cookie", "-c", "--cookie-jar", "-F", "--form", "--resolve",
  "--limit-rate", "-z", "--time-cond", "--output-dir", "--url", "-O", "--output-document", "-P",
  "--directory-prefix", "-t", "--tries", "--timeout",
]);
const OUTPUT_OPTIONS = new Set(["-o", "--output", "-O", "--output-document"]);

/** Scripts run by a container: `sh -c <script>` gives the script, otherwise the argv as one command. */
function scriptsOf(ref: ContainerRef, t: UnknownTracker): { text: string; field: string }[] {
  const argv: { value: string; field: string }[] = [];
  for (const key of ["command", "args"] as const) {
    const list = t.value(() => ref.c[key], undefined);
    for (let i = 0; i < arrayLength(list); i++) {
      const v = t.read(() => list[i]);
      if (v.known && typeof v.value === "string") argv.push({ value: v.value, field: `${ref.path}.${key}[${i}]` });
    }
  }
  const dashC = argv.findIndex((a) => a.value === "-c");
  const script = dashC >= 0 ? argv[dashC + 1] : undefined;
  if (script) return [{ text: script.value, field: script.field }];
  if (argv.length === 0) return [];
  const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
  return [{ text: argv.map((a) => quote(a.value)).join(" "), field: argv[0]!.field.replace(/\[\d+\]$/, "") }];
}

const PROTOCOLS = [
  "dict", "file", "ftp", "ftps", "gopher", "gophers", "http", "https", "imap", "imaps", "ldap", "ldaps", "mqtt",
  "pop3", "pop3s", "rtmp", "rtsp", "scp", "sftp", "smb", "smbs", "smtp", "smtps", "telnet", "tftp", "ws", "wss",
];

/**
 * The protocols a curl `--proto` / `--proto-redir` value allows (curl(1)):
 * comma-separated names, each optionally prefixed `+` (add, the default), `-`
 * (remove) or `=` (exactly these); `all` stands for every protocol.
 */
export function curlProtocols(value: string | undefined): Set<string> {
  const allowed = new Set(PROTOCOLS);
  if (value === undefined) return allowed;
  for (const raw of value.split(",")) {
    const tok = raw.trim().toLowerCase();
    if (tok === "") continue;
    const mod = "+-=".includes(tok[0] as string) ? (tok[0] as string) : "+";
    const name = mod === tok[0] ? tok.slice(1) : tok;
    if (mod === "=") allowed.clear();
    const names = name === "all" ? PROTOCOLS : [name];
    for (const n of names) {
      if (mod === "-") allowed.delete(n);
      else allowed.add(n);
    }
  }
  return allowed;
}

/** True when the set allows https and nothing else. */
export function httpsOnly(protocols: Set<string>): boolean {
  return protocols.size === 1 && protocols.has("https");
}

interface Fetch {
  url: Word;
  target?: string;
  /** Protocols curl accepts for the URL (`--proto`), every protocol when unset. */
  protocols: Set<string>;
  /** Protocols curl accepts on redirects (`--proto-redir`); undefined when it does not follow redirects. */
  redirectProtocols?: Set<string>;
}

/** The URLs one curl/wget command fetches, with curl's protocol restrictions. */
function fetchesOf(words: Word[], tool: string): Fetch[] {
  const urls: Word[] = [];
  let target: string | undefined;
  let proto: string | undefined;
  let protoRedir: string | undefined;
  let follows = tool === "wget"; // wget follows redirects by default
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Word;
    const v = w.value;
    if (v === "--") continue;
    if (v === "--url") {
      const next = words[i + 1];
      if (next) urls.push(next);
      i++;
      continue;
    }
    if (v === "--location" || (tool === "curl" && /^-[a-zA-Z]*L[a-zA-Z]*$/.test(v))) follows = true;
    if (v.startsWith("-") && v.length > 1) {
      if (VALUE_OPTIONS.has(v)) {
        const next = words[i + 1]?.value;
        if (OUTPUT_OPTIONS.has(v)) target = next;
        if (v === "--proto") proto = next;
        if (v === "--proto-redir") protoRedir = next;
        i++;
      }
      continue;
    }
    urls.push(w);
  }
  const protocols = tool === "curl" ? curlProtocols(proto) : new Set(PROTOCOLS);
  return urls.map((url) => {
    const f: Fetch = { url, protocols };
    if (target !== undefined) f.target = target;
    if (follows) {
      // curl's default redirect protocols are http, https, ftp, ftps; --proto-redir narrows them.
      f.redirectProtocols = tool === "curl" ? (protoRedir === undefined ? new Set(["http", "https", "ftp", "ftps"]) : curlProtocols(protoRedir)) : new Set(["http", "https"]);
    }
    return f;
  });
}

/** Every input URL of the pod, from its `ironflow-input-fetch` init containers. */
export function extractInputFetches(props: Props, t: UnknownTracker): { fetches: InputFetch[]; fetchContainers: ContainerRef[] } {
  const fetches: InputFetch[] = [];
  const fetchContainers = listContainers(props, t).filter(
    (r) => r.kind === "initContainers" && r.name === INPUT_FETCH_CONTAINER_NAME,
  );
  for (const ref of fetchContainers) {
    for (const script of scriptsOf(ref, t)) {
      for (const pipeline of parseShell(script.text)) {
        for (const cmd of pipeline) {
          const name = commandName(cmd);
          if (name !== "curl" && name !== "wget") continue;
          const start = cmd.words.findIndex((w) => w.value.split("/").pop() === name);
          for (const f of fetchesOf(cmd.words.slice(start), name)) {
            const fetch: InputFetch = { url: f.url.value, expanded: !f.url.literal, tool: name, protocols: f.protocols, container: ref, field: script.field };
            if (f.target !== undefined) fetch.target = f.target;
            if (f.redirectProtocols) fetch.redirectProtocols = f.redirectProtocols;
            fetches.push(fetch);
          }
        }
      }
    }
  }
  return { fetches, fetchContainers };
}

export { redactUrl } from "../../components/redact";
