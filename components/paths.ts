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
