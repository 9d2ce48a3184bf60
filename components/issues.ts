import { isDeferred } from "./deferred";

/** One problem in a config: where it is and what is wrong (with the bad value, never a secret's). */
export interface ConfigIssue {
  /** Field path, e.g. `inputs[0].mountPath` or `labels["team"]`. */
  path: string;
  /** What is wrong, naming the bad value where it is not secret. */
  message: string;
}

/** Thrown for an invalid config; lists every problem found, not just the first. */
export class PodConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(subject: string, issues: readonly ConfigIssue[]) {
    const n = issues.length;
    super(
      `invalid ${subject}: ${n} problem${n === 1 ? "" : "s"}\n` +
        issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n"),
    );
    this.name = "PodConfigError";
    this.issues = issues;
  }
}

/** Render a path like zod's as `a.b[0]["c/d"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || "(root)";
}

/** Quote a value for a message. */
export function shown(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value);
}

/** Collects issues; values that are placeholders for unknown Outputs are skipped. */
export class IssueCollector {
  readonly issues: ConfigIssue[] = [];
  add(path: ReadonlyArray<PropertyKey>, message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }
  /** Record `message, got <value>` when `value` is known and fails `ok`. */
  check(path: ReadonlyArray<PropertyKey>, value: string | undefined, ok: (v: string) => boolean, message: string): void {
    if (value === undefined || isDeferred(value) || ok(value)) return;
    this.add(path, `${message}, got ${shown(value)}`);
  }
}

