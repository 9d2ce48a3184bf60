// The init container's script, run for real under sh with a fake curl on PATH.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildFetchScript, type AgentInput } from "../components";

let root: string;
let bin: string;
let work: string;

// The fake curl writes $FAKE_BODY to the -o target, records its argv, and
// checks the target is absent when the script runs the next step.
const FAKE_CURL = `#!/bin/sh
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    *) printf '%s\\n' "$1" >> "$FAKE_LOG"; shift ;;
  esac
done
printf '%s' "$FAKE_BODY" > "$out"
`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ironflow-fetch-"));
  bin = join(root, "bin");
  work = join(root, "work");
  mkdirSync(bin);
  mkdirSync(work);
  writeFileSync(join(bin, "curl"), FAKE_CURL);
  chmodSync(join(bin, "curl"), 0o755);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function run(inputs: AgentInput[], body: string): { status: number; stderr: string } {
  try {
    execFileSync("sh", ["-c", buildFetchScript(inputs)], {
      env: { PATH: `${bin}:${process.env.PATH}`, FAKE_BODY: body, FAKE_LOG: join(root, "curl.log") },
      stdio: "pipe",
    });
    return { status: 0, stderr: "" };
  } catch (e) {
    const err = e as { status: number; stderr: Buffer };
    return { status: err.status, stderr: err.stderr.toString() };
  }
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("input fetch script under sh", () => {
  it("a matching checksum succeeds: the file appears at its path with its mode, no temp file left", () => {
    const path = join(work, "spec.md");
    const result = run([{ url: "https://x.com/spec.md", mountPath: path, sha256: sha("hello"), mode: "0440" }], "hello");
    expect(result).toEqual({ status: 0, stderr: "" });
    expect(readFileSync(path, "utf8")).toBe("hello");
    expect((statSync(path).mode & 0o777).toString(8)).toBe("440");
    expect(readdirSync(work)).toEqual(["spec.md"]);
  });

  it("a mismatch fails the script, names the input, and leaves no file behind", () => {
    const path = join(work, "spec.md");
    const result = run([{ url: "https://x.com/spec.md", mountPath: path, sha256: sha("expected") }], "tampered");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `ironflow-input-fetch: sha256 mismatch for inputs[0] (${path}): expected ${sha("expected")}, got ${sha("tampered")}\n`,
    );
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(work)).toEqual([]);
  });

  it("the file is only visible after verification: it is fetched to a temporary name", () => {
    const path = join(work, "data.csv");
    run([{ url: "https://x.com/data.csv", mountPath: path, sha256: sha("a,b") }], "a,b");
    const log = readFileSync(join(root, "curl.log"), "utf8");
    expect(log).toContain("https://x.com/data.csv\n");
    // The -o target was the partial name, not the final path.
    expect(buildFetchScript([{ url: "https://x.com/data.csv", mountPath: path, sha256: sha("a,b") }])).toContain(
      `-o '${join(work, ".ironflow-partial-0")}'`,
    );
  });

  it("stops at the first failing input (set -e): later inputs are not fetched", () => {
    const a = join(work, "a");
    const b = join(work, "b");
    const result = run(
      [
        { url: "https://x.com/a", mountPath: a, sha256: sha("other") },
        { url: "https://x.com/b", mountPath: b },
      ],
      "body",
    );
    expect(result.status).toBe(1);
    expect(existsSync(b)).toBe(false);
  });

  it("passes curl the https-only flags and the seed's retry and timeout", () => {
    run([{ url: "https://x.com/a", mountPath: join(work, "a") }], "x");
    expect(readFileSync(join(root, "curl.log"), "utf8").split("\n")).toEqual([
      "-sSfL",
      "--proto",
      "=https",
      "--proto-redir",
      "=https",
      "--retry",
      "3",
      "--max-time",
      "300",
      "https://x.com/a",
      "",
    ]);
  });
});
