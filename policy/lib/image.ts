/**
 * Container image references: `[registry[:port]/]path[:tag][@algorithm:hex]`
 * (the distribution reference grammar, simplified: no validation of path
 * characters, that is the apiserver's job).
 */
export interface ImageRef {
  /** The reference as written. */
  raw: string;
  /** Registry host, `docker.io` when implicit. */
  registry: string;
  /** Repository path, `library/<name>` for an implicit Docker Hub official image. */
  path: string;
  tag?: string;
  digest?: string;
  /** `registry/path` with Docker Hub defaults filled in, e.g. `docker.io/library/node`. */
  normalized: string;
}

export function parseImageRef(raw: string): ImageRef {
  const at = raw.indexOf("@");
  const namePart = at >= 0 ? raw.slice(0, at) : raw;
  const digest = at >= 0 ? raw.slice(at + 1) : undefined;
  const slash = namePart.lastIndexOf("/");
  const colon = namePart.lastIndexOf(":");
  const tag = colon > slash ? namePart.slice(colon + 1) : undefined;
  const repo = colon > slash ? namePart.slice(0, colon) : namePart;
  const first = repo.split("/")[0] ?? "";
  const hasRegistry = repo.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : "docker.io";
  let path = hasRegistry ? repo.slice(first.length + 1) : repo;
  if (registry === "docker.io" && !path.includes("/")) path = `library/${path}`;
  const ref: ImageRef = { raw, registry, path, normalized: `${registry}/${path}` };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** A well-formed content digest (`sha256:` + 64 hex, `sha512:` + 128 hex). */
export function isValidDigest(d: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(d) || /^sha512:[a-f0-9]{128}$/.test(d);
}

/**
 * True when the image matches a registry prefix, compared with the reference
 * as written and with its normalized form (so `docker.io/library/` matches
 * `node:20`). A prefix without `/` is a registry host and must match it whole.
 */
export function matchesRegistryPrefix(ref: ImageRef, prefix: string): boolean {
  if (!prefix.includes("/")) return ref.registry === prefix || ref.raw.split("/")[0] === prefix;
  return ref.raw.startsWith(prefix) || ref.normalized.startsWith(prefix);
}
