// The case table (cases.ts) run in-process through the server-mirroring harness.
import { describe, expect, it } from "vitest";
import { CASES } from "./cases";
import { of, runPack } from "./harness";

describe("policy case table (in-process)", () => {
  it("has at least 40 cases covering every policy's pass and fail sides", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(CASES.map((c) => c.id));
    expect(ids.size).toBe(CASES.length);
    for (const policy of new Set(CASES.map((c) => c.policy))) {
      expect(CASES.some((c) => c.policy === policy && c.violations === 0), `${policy} pass case`).toBe(true);
      expect(CASES.some((c) => c.policy === policy && c.violations > 0), `${policy} fail case`).toBe(true);
    }
  });

  for (const c of CASES) {
    it(c.id, () => {
      const all = runPack(c.target, c.config);
      const diags = of(all, c.policy);
      expect(diags.map((d) => d.message), JSON.stringify(diags, null, 2)).toHaveLength(c.violations);
      for (const d of diags) {
        if (c.message) expect(d.message).toMatch(c.message);
        if (c.level) expect(d.enforcementLevel).toBe(c.level);
      }
      for (const secret of c.mustNotContain ?? []) {
        for (const d of all) expect(d.message).not.toContain(secret);
      }
    });
  }
});
