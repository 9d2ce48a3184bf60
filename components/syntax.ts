/** Kubernetes syntax rules and the messages that name them. */
import { parseQuantity } from "./quantity";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const MSG = {
  subdomain: "must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
  label: "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
  image: "must be a non-empty image reference without whitespace",
  quantity: "must be a Kubernetes quantity such as '500m', '2', '512Mi' or '4Gi'",
  positive: "must be greater than zero",
  envName: "env var name must be non-empty and must not contain '='",
  labelKey: "label key must be an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  labelValue: "label value must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  url: "must be an https:// or http:// URL",
  urlCredentials: "must not embed credentials (user:password@) in the URL; use a Secret",
  inputAbsolute: "agent input mountPath must be absolute",
  inputUnderDir: "agent input mountPath must live under a directory (not '/')",
  volumeHostAbsolute: "volume hostPath must be absolute",
  volumeMountAbsolute: "volume mountPath must be absolute",
  commandEmpty: "must have at least one element",
  commandFirst: "must not be empty",
  secretKey: "must be a Secret key (letters, digits, '-', '_' or '.')",
  httpNeedsOptIn: "is http://, which needs allowHttp: true (curl refuses anything but https by default)",
  sha256: "must be 64 hex digits (a SHA-256)",
  mode: "must be an octal file mode such as '0444'",
  header: "must be an HTTP header name (letters, digits and '-')",
  rootMount: "must not be '/'",
  subPath: "must be a relative path without '..'",
} as const;

export function isDns1123Subdomain(v: string): boolean {
  return v.length <= 253 && DNS1123_SUBDOMAIN.test(v);
}
export function isDns1123Label(v: string): boolean {
  return v.length <= 63 && DNS1123_LABEL.test(v);
}
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}
export function isLabelValue(v: string): boolean {
  return v === "" || (v.length <= 63 && LABEL_NAME.test(v));
}
export function isImageRef(v: string): boolean {
  return v.length > 0 && !/\s/.test(v);
}
export function isEnvName(v: string): boolean {
  return v.length > 0 && !v.includes("=");
}
/** `undefined` when valid, else the message. */
export function quantityProblem(v: string): string | undefined {
  // Limits are written unsigned and untrimmed; the grammar itself is parseQuantity's.
  const value = /^[+-]|^\s|\s$/.test(v) ? undefined : parseQuantity(v);
  if (value === undefined) return MSG.quantity;
  if (value === 0) return MSG.positive;
  return undefined;
}


export function isSecretKey(k: string): boolean {
  return /^[-._a-zA-Z0-9]+$/.test(k);
}
