import type { AgentInput } from "./config";
import { isDeferred } from "./deferred";
import { IssueCollector, PodConfigError, shown } from "./issues";
import { redactUrl } from "./redact";
import { normalizePath, parentDir } from "./paths";
import { MSG, isDns1123Subdomain, isSecretKey } from "./syntax";

type Seg = string | number;

/** URL rules: http(s) only, http only when allowed, no userinfo. Messages show the URL without secrets. */
function checkInputUrl(path: readonly Seg[], url: string, allowHttp: boolean | undefined, out: IssueCollector): void {
  if (isDeferred(url)) return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:") || !parsed.host) {
    out.add(path, `${MSG.url}, got ${shown(redactUrl(url))}`);
    return;
  }
  if (parsed.username || parsed.password) out.add(path, `${MSG.urlCredentials}, got ${shown(redactUrl(url))}`);
  else if (parsed.protocol === "http:" && !allowHttp) out.add(path, `${MSG.httpNeedsOptIn}, got ${shown(redactUrl(url))}`);
}

/** Every input rule: source, URL, verification settings, path under a directory, no duplicate file. */
export function checkInputs(inputs: readonly AgentInput[], out: IssueCollector): void {
  const fileAt = new Map<string, number>();
  inputs.forEach((input, i) => {
    const at = (...rest: Seg[]): Seg[] => ["inputs", i, ...rest];
    if ((input.url === undefined) === (input.urlFrom === undefined)) out.add(at(), "must set exactly one of url and urlFrom");
    if (input.url !== undefined) checkInputUrl(at("url"), input.url, input.allowHttp, out);
    if (input.urlFrom) {
      out.check(at("urlFrom", "name"), input.urlFrom.name, isDns1123Subdomain, MSG.subdomain);
      out.check(at("urlFrom", "key"), input.urlFrom.key, isSecretKey, MSG.secretKey);
    }
    out.check(at("sha256"), input.sha256, (v) => /^[0-9a-fA-F]{64}$/.test(v), MSG.sha256);
    out.check(at("mode"), input.mode, (v) => /^0?[0-7]{3}$/.test(v), MSG.mode);
    if (input.maxBytes !== undefined && input.maxBytes < 1) out.add(at("maxBytes"), `must be at least 1, got ${input.maxBytes}`);
    if (input.authHeader) {
      out.check(at("authHeader", "header"), input.authHeader.header, (v) => /^[A-Za-z0-9-]+$/.test(v), MSG.header);
      out.check(at("authHeader", "secretName"), input.authHeader.secretName, isDns1123Subdomain, MSG.subdomain);
      out.check(at("authHeader", "key"), input.authHeader.key, isSecretKey, MSG.secretKey);
    }

    if (isDeferred(input.mountPath)) return;
    if (!input.mountPath.startsWith("/")) {
      out.add(at("mountPath"), `${MSG.inputAbsolute}, got ${shown(input.mountPath)}`);
      return;
    }
    const path = normalizePath(input.mountPath);
    const dir = parentDir(path);
    if (dir === "" || dir === "/") {
      out.add(at("mountPath"), `${MSG.inputUnderDir}, got ${shown(input.mountPath)}`);
      return;
    }
    const first = fileAt.get(path);
    if (first !== undefined) out.add(at("mountPath"), `duplicates inputs[${first}].mountPath ${shown(path)}`);
    else fileAt.set(path, i);
  });
}

/** The seed's `validate_inputs`, with all of the input rules: throws a {@link PodConfigError}. */
export function validateInputs(inputs: readonly AgentInput[]): void {
  const out = new IssueCollector();
  checkInputs(inputs, out);
  if (out.issues.length > 0) throw new PodConfigError("agent inputs", out.issues);
}
