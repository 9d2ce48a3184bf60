// policy/config.example.json is valid against the schemas the pack publishes
// (the engine validates --policy-pack-config the same way, with JSON Schema),
// and the unit helpers the policies rest on behave.
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import example from "../../policy/config.example.json";
import { ironflowPolicies } from "../../policy/policies";
import { parseShell } from "../../policy/lib/shell";
import { parseUrn, isOwnedByRunner } from "../../policy/lib/runnerPod";
import { parseQuantity } from "../../components/quantity";
import { parseImageRef } from "../../policy/lib/image";
import { curlProtocols, httpsOnly, redactUrl } from "../../policy/lib/inputs";
import { isUnderPrefix } from "../../policy/policies/hostPathAllowlist";
import { writesCredentialsFromLiteral } from "../../policy/lib/secrets";
import { buildCredentialsPrefix, credentialsFromEnvPrefix } from "../../components/credentials";

// ajv is only a transitive dependency: resolve it from the root.
const rootRequire = createRequire(path.resolve(__dirname, "../../package.json"));
const Ajv = rootRequire("ajv") as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };

describe("policy config", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const p of ironflowPolicies) {
    it(`${p.name}: example and defaults validate against its configSchema`, () => {
      const entry = (example as Record<string, Record<string, unknown>>)[p.name];
      expect(entry, "config.example.json has an entry").toBeDefined();
      const { enforcementLevel, ...props } = entry!;
      expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(enforcementLevel);
      const schema = { type: "object", properties: p.configSchema?.properties ?? {}, additionalProperties: false };
      const validate = ajv.compile(schema);
      expect(validate(props), JSON.stringify(validate.errors)).toBe(true);
      const defaults = Object.fromEntries(
        Object.entries(p.configSchema?.properties ?? {}).filter(([, v]) => "default" in v).map(([k, v]) => [k, (v as { default: unknown }).default]),
      );
      expect(validate(defaults)).toBe(true);
    });
  }
});

describe("policy helpers", () => {
  it("parses URNs with their type chain", () => {
    expect(parseUrn("urn:pulumi:dev::proj::a:b:C$ironflow:index:ClaudeRunnerPod$kubernetes:core/v1:Pod::x::y")).toEqual({
      stack: "dev", project: "proj", typeChain: ["a:b:C", "ironflow:index:ClaudeRunnerPod", "kubernetes:core/v1:Pod"], name: "x::y",
    });
    expect(parseUrn("not-a-urn")).toBeUndefined();
    expect(isOwnedByRunner({ urn: "urn:pulumi:s::p::kubernetes:core/v1:Pod::x", opts: { parent: "urn:pulumi:s::p::ironflow:index:ClaudeRunnerPod::x" } })).toBe(true);
    expect(isOwnedByRunner({ urn: "urn:pulumi:s::p::ironflow:index:ClaudeRunnerPod$kubernetes:core/v1:Pod::x", opts: {} })).toBe(true);
    expect(isOwnedByRunner({ urn: "urn:pulumi:s::p::kubernetes:core/v1:Pod::x", opts: { parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s" } })).toBe(false);
  });

  it("reads shell words, redirections and here-documents", () => {
    const [p1, p2, p3] = parseShell(`printf '%s' "$X" > "$HOME/.claude/.credentials.json" && echo 'a b'\\ c | tee out\ncat <<'EOF' > f\n$not expanded\nEOF\n`);
    expect(p1![0]!.words.map((w) => [w.value, w.literal])).toEqual([["printf", true], ["%s", true], ["$X", false]]);
    expect(p1![0]!.redirects[0]!.target).toEqual({ value: "$HOME/.claude/.credentials.json", literal: false });
    expect(p2!.map((c) => c.words.map((w) => w.value))).toEqual([["echo", "a b c"], ["tee", "out"]]);
    expect(p3![0]!.heredocs).toEqual([{ body: "$not expanded", literal: true }]);
  });

  it("tells the seed's inline credentials from the component's env-var prefix", () => {
    expect(writesCredentialsFromLiteral(buildCredentialsPrefix('{"claudeAiOauth":{}}') + "exec claude")).toBe(true);
    expect(writesCredentialsFromLiteral(credentialsFromEnvPrefix("IRONFLOW_CLAUDE_CREDENTIALS") + 'exec "$@"')).toBe(false);
  });

  it("quantities, image references, curl protocols, URL redaction, path prefixes", () => {
    expect([parseQuantity("500m"), parseQuantity("2"), parseQuantity("4Gi"), parseQuantity("1e3"), parseQuantity("x")]).toEqual([0.5, 2, 4 * 2 ** 30, 1000, undefined]);
    expect(parseImageRef("localhost:5000/a/b:1@sha256:" + "0".repeat(64))).toMatchObject({ registry: "localhost:5000", path: "a/b", tag: "1" });
    expect(parseImageRef("node").normalized).toBe("docker.io/library/node");
    expect(httpsOnly(curlProtocols("=https"))).toBe(true);
    expect(httpsOnly(curlProtocols("-all,https"))).toBe(true);
    expect(httpsOnly(curlProtocols("=http,https"))).toBe(false);
    expect(httpsOnly(curlProtocols(undefined))).toBe(false);
    expect(redactUrl("https://u:p@h.example/x?sig=abc#f")).toBe("https://***@h.example/x?<redacted>");
    expect([isUnderPrefix("/data", "/data"), isUnderPrefix("/data/x/", "/data/"), isUnderPrefix("/database", "/data"), isUnderPrefix("/data/../etc", "/data")]).toEqual([true, true, false, false]);
  });
});
