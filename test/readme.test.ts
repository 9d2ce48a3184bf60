// The README's usage example compiles against the library, so the docs cannot drift from the API.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const root = join(__dirname, "..");
// Inside the repository (dist/ is ignored) so imports resolve node_modules.
const dir = join(root, "dist", `readme-test-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the README usage example type-checks", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(1);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "usage.ts"), blocks[0]!.replace(/from "ironflow"/g, 'from "../../components"'));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../tsconfig.json", include: ["usage.ts"], compilerOptions: { noUnusedLocals: false } }),
  );
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", join(dir, "tsconfig.json")], { stdio: "pipe" });
}, 120_000);
