/**
 * `ironflow-input-urls` (mandatory): every URL the input-fetch init container
 * downloads uses `https://`, and optionally its host is in an allow-list.
 * A URL with embedded credentials (`user:pass@`) is a violation too. An
 * input-fetch container whose script yields no URL fails closed (the pack
 * cannot vouch for what it fetches). Messages print URLs with user info and
 * query string redacted.
 */
import { definePodPolicy } from "../lib/define";
import { extractInputFetches, redactUrl } from "../lib/inputs";
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
        violation(`${where}: input URL${target} comes from a shell expansion ('${redactUrl(f.url)}'), expected a literal https:// URL`);
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
