import { posix } from "node:path";

/**
 * The directory part of a path, as the seed computes it: `/work/a.pdf` → `/work`,
 * `/a.pdf` → `/`, `a.pdf` → `` (no directory at all).
 */
export function parentDir(path: string): string {
  const slash = path.lastIndexOf("/");
  if (slash < 0) return "";
  if (slash === 0) return "/";
  return path.slice(0, slash);
}

/**
 * An absolute path in canonical form, so checks cannot be dodged by spelling:
 * `//tmp`, `/tmp/.`, `/tmp/` and `/a/../tmp` are all `/tmp`. Relative paths
 * are returned unchanged (validation refuses them).
 */
export function normalizePath(path: string): string {
  if (!path.startsWith("/")) return path;
  const n = posix.normalize(path).replace(/^\/+/, "/");
  return n.length > 1 && n.endsWith("/") ? n.slice(0, -1) : n;
}

/** True when `path` is `dir` or lies under it. */
export function isSameOrUnder(path: string, dir: string): boolean {
  return path === dir || dir === "/" || path.startsWith(`${dir}/`);
}

/** True when one path is the other or lies under it. */
export function pathsOverlap(a: string, b: string): boolean {
  return isSameOrUnder(a, b) || isSameOrUnder(b, a);
}

/** A `subPath` must be relative and stay inside its volume. */
export function isSafeSubPath(subPath: string): boolean {
  return subPath.length > 0 && !subPath.startsWith("/") && !subPath.split("/").includes("..");
}
