// The package builds to JavaScript with declarations, and the built entry
// exports what the TypeScript entry does (what `npm pack` ships).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

// Inside the repository (dist/ is ignored) so the build resolves node_modules like an install would.
const out = join(__dirname, "..", "dist", `build-test-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

it("builds components/ to JavaScript whose entry exports the public API", async () => {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", out], { stdio: "pipe" });
  const built = require(join(out, "components", "index.js")) as Record<string, unknown>;
  const source = await import("../components");
  expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
  expect(typeof built.ClaudeRunnerPod).toBe("function");
  expect(typeof built.buildPodSpec).toBe("function");
}, 120_000);
