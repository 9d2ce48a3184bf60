/**
 * `ironflow-input-urls` (mandatory): every URL the input-fetch init container
 * downloads uses `https://`, and optionally its host is in an allow-list.
 * A URL with embedded credentials (`user:pass@`) is a violation too. An
 * input-fetch container whose script yields no URL fails closed (the pack
 * cannot vouch for what it fetches). Messages print URLs with user info and
 * query string redacted.
 */
import { definePodPolicy } from "../lib/define";
import { extractInputFetches, httpsOnly, redactUrl, type InputFetch } from "../lib/inputs";
import { containerLabel } from "../lib/pod";

export const INPUT_URLS_POLICY = "ironflow-input-urls";

export interface InputUrlsConfig {
  /** Allowed hosts: exact (`example.com`) or a subdomain wildcard (`*.example.com`); empty: any host. */
  allowedHosts: string[];
}

/** True when `host` is allowed by `pattern` (`example.com` exact, `*.example.com` any subdomain). */
export function hostAllowed(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const p = pattern.toLowerCase().replace(/\.$/, "");
  if (p.startsWith("*.")) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

export const inputUrls = definePodPolicy<InputUrlsConfig>({
  name: INPUT_URLS_POLICY,
  description: "Inputs of ironflow runner Pods are fetched over https://, from allowed hosts only.",
  enforcementLevel: "mandatory",
  scoped: true,
  defaults: { allowedHosts: [] },
  configSchema: {
    properties: {
      allowedHosts: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Hosts inputs may come from: 'example.com' (exact) or '*.example.com' (any subdomain); empty: any host.",
      },
    },
  },
  remediationSteps: "Serve inputs over https:// from an allowed host; pass credentials through a Secret, not the URL.",
  check({ props, config, t, violation }) {
    const { fetches, fetchContainers } = extractInputFetches(props, t);
    for (const ref of fetchContainers) {
      if (!t.sawUnknown && !fetches.some((f) => f.container === ref)) {
        violation(
          `${containerLabel(ref)} fetches inputs but no URL could be read from its command, expected curl '<https URL>' -o '<path>' lines`,
        );
      }
    }
    for (const f of fetches) {
      const where = `${containerLabel(f.container)} (${f.field})`;
      const target = f.target !== undefined ? ` for '${f.target}'` : "";
      if (f.expanded) {
        // `urlFrom`: the URL comes from a Secret through an env var; only curl's --proto can vouch for it.
        if (!httpsOnly(f.protocols)) {
          violation(
            `${where}: input URL${target} comes from a shell expansion ('${redactUrl(f.url)}') and ${f.tool} is not limited to https, expected a literal https:// URL or curl --proto '=https'`,
          );
        } else if (config.allowedHosts.length > 0) {
          violation(`${where}: input URL${target} comes from a shell expansion ('${redactUrl(f.url)}'), so its host can't be checked against allowedHosts, expected a literal URL`);
        }
        checkRedirects(f, where, target, violation);
        continue;
      }
      let u: URL | undefined;
      try {
        u = new URL(f.url);
      } catch {
        u = undefined;
      }
      const shown = redactUrl(f.url);
      if (!u || !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(f.url)) {
        violation(`${where}: input URL '${shown}'${target} has no scheme (curl would use http), expected https://`);
        continue;
      }
      if (u.protocol !== "https:") {
        violation(`${where}: input URL '${shown}'${target} uses '${u.protocol.replace(/:$/, "")}', expected 'https'`);
      } else {
        checkRedirects(f, where, target, violation);
      }
      if (u.username !== "" || u.password !== "") {
        violation(`${where}: input URL '${shown}'${target} embeds credentials (user info), expected none (use a Secret)`);
      }
      const allowed = config.allowedHosts;
      if (allowed.length > 0 && !allowed.some((p) => hostAllowed(u!.hostname, p))) {
        violation(
          `${where}: input URL '${shown}'${target} has host '${u.hostname}', expected one of ${allowed.map((h) => `'${h}'`).join(", ")}`,
        );
      }
    }
  },
});

/** A followed redirect may leave https unless the tool is told not to (curl --proto-redir '=https'). */
function checkRedirects(f: InputFetch, where: string, target: string, violation: (m: string) => void): void {
  if (f.redirectProtocols && !httpsOnly(f.redirectProtocols)) {
    const allowed = [...f.redirectProtocols].sort().join(",");
    violation(
      `${where}: input '${redactUrl(f.url)}'${target} follows redirects to ${allowed.length > 40 ? "any protocol" : `'${allowed}'`}, ` +
        `expected redirects limited to https (curl --proto-redir '=https')`,
    );
  }
}
