// Property: any valid config yields a Pod with unique volume names, no
// overlapping mounts, every mount backed by a volume, and the protected labels.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PodConfigError, buildPodSpec, type PodConfig } from "../components";
import { pathsOverlap } from "../components/paths";

const segment = fc.constantFrom("work", "data", "repos", "tmp", "home", "claude", "etc", "a", "b", "..", ".", "");
const absPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join("/")}`);
const labelKey = fc.constantFrom("team", "env", "app.kubernetes.io/managed-by", "app.kubernetes.io/component", "ironflow.io/x");

const config: fc.Arbitrary<PodConfig> = fc.record(
  {
    image: fc.constant("img:v1"),
    command: fc.constant(["claude"]),
    sandbox: fc.option(fc.constant({}), { nil: undefined }),
    labels: fc.dictionary(labelKey, fc.constantFrom("x", "attacker", "ironflow")),
    volumes: fc.array(fc.record({ hostPath: absPath, mountPath: absPath }), { maxLength: 3 }),
    pvcMounts: fc.array(fc.record({ claimName: fc.constant("pvc"), mountPath: absPath }), { maxLength: 2 }),
    readOnlyMounts: fc.array(fc.record({ mountPath: absPath, configMap: fc.constant("cm") }), { maxLength: 2 }),
    profileConfigMaps: fc.array(fc.constant("profile"), { maxLength: 2 }),
    managedSettingsConfigMap: fc.option(fc.constant("settings"), { nil: undefined }),
    inputs: fc.array(fc.record({ url: fc.constant("https://x.com/f"), mountPath: absPath.map((p) => `${p}/file`) }), { maxLength: 4 }),
  },
  { requiredKeys: ["image", "command"] },
);

describe("builder properties", () => {
  it("any valid config: unique volume names, no overlapping mounts, mounts backed by volumes, protected labels", () => {
    let valid = 0;
    fc.assert(
      fc.property(config, (c) => {
        let pod;
        try {
          pod = buildPodSpec(c);
        } catch (e) {
          if (e instanceof PodConfigError) return; // invalid configs must be refused, which is fine
          throw e;
        }
        valid++;
        const names = (pod.spec.volumes ?? []).map((v) => v.name);
        expect(new Set(names).size).toBe(names.length);
        const mounts = (pod.spec.containers[0]!.volumeMounts ?? []).map((m) => m.mountPath);
        for (let i = 0; i < mounts.length; i++) for (let j = i + 1; j < mounts.length; j++) expect(pathsOverlap(mounts[i]!, mounts[j]!)).toBe(false);
        for (const m of pod.spec.containers[0]!.volumeMounts ?? []) expect(names).toContain(m.name);
        for (const m of pod.spec.initContainers?.[0]?.volumeMounts ?? []) expect(names).toContain(m.name);
        expect(pod.metadata.labels["app.kubernetes.io/managed-by"]).toBe("ironflow");
        expect(pod.metadata.labels["app.kubernetes.io/component"]).toBe("claude-runner");
      }),
      { numRuns: 500, seed: 42 },
    );
    // The generator must reach valid configs, or the property proves nothing.
    expect(valid).toBeGreaterThan(50);
  });
});
