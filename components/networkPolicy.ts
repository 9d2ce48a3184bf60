import type { NetworkPolicy, NetworkPolicyEgressRule } from "kubernetes-types/networking/v1";
import { IssueCollector, PodConfigError, shown } from "./issues";
import { PROTECTED_LABELS } from "./labels";

/** One allowed egress destination. */
export interface EgressRule {
  /** Destination CIDR, e.g. `10.20.0.0/16` or `2001:db8::/32`. */
  cidr: string;
  /** CIDRs inside `cidr` that stay denied. @default [] */
  except?: string[];
  /** Allowed ports. @default every port */
  ports?: Array<{ port: number; protocol?: string }>;
}

/** Egress scope of one runner pod. */
export interface EgressConfig {
  /** Allow DNS (UDP and TCP 53) to kube-dns in `kube-system`. @default true */
  allowDns?: boolean;
  /** Destinations allowed besides DNS. @default {@link PUBLIC_HTTPS_EGRESS} */
  allow?: EgressRule[];
}

/**
 * The default egress of a runner pod: HTTPS to public addresses (the Anthropic
 * API, package registries, git hosts), never to private, link-local (cloud
 * metadata), CGNAT or unique-local ranges, so an agent cannot reach cluster
 * services or node credentials.
 */
export const PUBLIC_HTTPS_EGRESS: readonly EgressRule[] = Object.freeze([
  {
    cidr: "0.0.0.0/0",
    except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8"],
    ports: [{ port: 443, protocol: "TCP" }],
  },
  { cidr: "::/0", except: ["fc00::/7", "fe80::/10", "::1/128"], ports: [{ port: 443, protocol: "TCP" }] },
]);

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6 = /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|\d?\d)$/;

/** True for an IPv4 or IPv6 CIDR. */
function isCidr(v: string): boolean {
  return IPV4.test(v) || IPV6.test(v);
}

/** Record every problem of an egress config. */
export function checkEgress(e: EgressConfig, out: IssueCollector): void {
  (e.allow ?? []).forEach((r, i) => {
    out.check(["egress", "allow", i, "cidr"], r.cidr, isCidr, "must be an IPv4 or IPv6 CIDR");
    (r.except ?? []).forEach((x, j) => out.check(["egress", "allow", i, "except", j], x, isCidr, "must be an IPv4 or IPv6 CIDR"));
    (r.ports ?? []).forEach((p, j) => {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) out.add(["egress", "allow", i, "ports", j, "port"], `must be a port from 1 to 65535, got ${shown(p.port)}`);
      out.check(["egress", "allow", i, "ports", j, "protocol"], p.protocol, (v) => ["TCP", "UDP", "SCTP"].includes(v), "must be one of TCP, UDP, SCTP");
    });
  });
}

/** Check an egress config; throws one error listing every problem. */
export function validateEgress(e: EgressConfig, subject = "egress"): void {
  const out = new IssueCollector();
  checkEgress(e, out);
  if (out.issues.length > 0) throw new PodConfigError(subject, out.issues);
}

/**
 * A NetworkPolicy that selects exactly the pods carrying `podLabels` (the
 * component's instance label), denies all ingress, and denies all egress but
 * DNS to kube-dns and the configured destinations.
 */
export function buildEgressNetworkPolicy(namespace: string, podLabels: Record<string, string>, e: EgressConfig): NetworkPolicy {
  validateEgress(e);
  const egress: NetworkPolicyEgressRule[] = [];
  if (e.allowDns ?? true) {
    egress.push({
      to: [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
          podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
        },
      ],
      ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
    });
  }
  for (const r of e.allow ?? PUBLIC_HTTPS_EGRESS) {
    const rule: NetworkPolicyEgressRule = { to: [{ ipBlock: r.except?.length ? { cidr: r.cidr, except: [...r.except] } : { cidr: r.cidr } }] };
    if (r.ports?.length) rule.ports = r.ports.map((p) => ({ protocol: p.protocol ?? "TCP", port: p.port }));
    egress.push(rule);
  }
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { namespace, labels: { ...PROTECTED_LABELS } },
    spec: { podSelector: { matchLabels: { ...podLabels } }, policyTypes: ["Ingress", "Egress"], ingress: [], egress },
  };
}
