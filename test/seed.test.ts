// The seed's unit tests (k8s_pod_spec.rs), ported one for one, by name.
import { describe, expect, test } from "vitest";
import {
  DEFAULT_INPUT_INIT_IMAGE,
  DEFAULT_RESOURCES,
  buildCredentialsPrefix,
  buildPodSpec,
  generatePodName,
  parentDir,
  shellQuote,
  validateInputs,
} from "../components";
import { seedConfig } from "./helpers";

describe("seed parity (k8s_pod_spec.rs tests)", () => {
  test("generate_pod_name_has_prefix", () => {
    const name = generatePodName("claude-code");
    expect(name.startsWith("claude-code-")).toBe(true);
    expect(name.length).toBeGreaterThan("claude-code-".length);
    expect(name).toMatch(/^claude-code-[0-9a-f]+-[0-9a-f]{8}$/);
  });

  test("generate_pod_name_unique_same_millisecond", () => {
    const name1 = generatePodName("test");
    const name2 = generatePodName("test");
    expect(name1).not.toBe(name2);
  });

  test("build_credentials_prefix_none", () => {
    expect(buildCredentialsPrefix(undefined)).toBe("");
    expect(buildCredentialsPrefix()).toBe("");
  });

  test("build_credentials_prefix_writes_file", () => {
    const json = '{"claudeAiOauth":{"accessToken":"tok"}}';
    const prefix = buildCredentialsPrefix(json);
    expect(prefix).toContain("mkdir -p $HOME/.claude");
    expect(prefix).toContain(".credentials.json");
    expect(prefix).toContain(json);
    expect(prefix.endsWith("&& ")).toBe(true);
    expect(prefix).toBe(
      `mkdir -p $HOME/.claude && printf '%s' '${json}' > $HOME/.claude/.credentials.json && `,
    );
  });

  test("k8s_resources_default", () => {
    const r = DEFAULT_RESOURCES;
    expect(r.cpuLimit).toBeUndefined();
    expect(r.memoryLimit).toBeUndefined();
    expect(buildPodSpec(seedConfig()).spec.containers[0]?.resources).toBeUndefined();
  });

  test("build_pod_spec_without_image_pull_secrets", () => {
    const pod = buildPodSpec(seedConfig());
    expect(pod.spec.imagePullSecrets).toBeUndefined();
  });

  test("build_pod_spec_with_image_pull_secrets", () => {
    const pod = buildPodSpec(
      seedConfig({ image: "registry.gitlab.com/org/img:v1", imagePullSecrets: ["gitlab-registry", "dockerhub"] }),
    );
    expect(pod.spec.imagePullSecrets).toEqual([{ name: "gitlab-registry" }, { name: "dockerhub" }]);
  });

  test("build_pod_spec_without_extra_labels", () => {
    const labels = buildPodSpec(seedConfig()).metadata.labels;
    expect(Object.keys(labels)).toHaveLength(2);
    expect(labels["app.kubernetes.io/managed-by"]).toBe("ironflow");
    expect(labels["app.kubernetes.io/component"]).toBe("claude-runner");
  });

  test("build_pod_spec_with_extra_labels", () => {
    const labels = buildPodSpec(seedConfig({ labels: { "network-profile": "restricted" } })).metadata.labels;
    expect(Object.keys(labels)).toHaveLength(3);
    expect(labels["network-profile"]).toBe("restricted");
    expect(labels["app.kubernetes.io/managed-by"]).toBe("ironflow");
    expect(labels["app.kubernetes.io/component"]).toBe("claude-runner");
  });

  test("build_pod_spec_extra_labels_cannot_override_hardcoded", () => {
    const labels = buildPodSpec(seedConfig({ labels: { "app.kubernetes.io/managed-by": "attacker" } })).metadata.labels;
    expect(labels["app.kubernetes.io/managed-by"]).toBe("ironflow");
  });

  test("build_pod_spec_merges_labels_correctly", () => {
    const labels = buildPodSpec(
      seedConfig({
        labels: { team: "observability", "ironflow.io/network-profile": "grafana-only", env: "staging" },
      }),
    ).metadata.labels;
    expect(labels).toEqual({
      team: "observability",
      "ironflow.io/network-profile": "grafana-only",
      env: "staging",
      "app.kubernetes.io/managed-by": "ironflow",
      "app.kubernetes.io/component": "claude-runner",
    });
  });

  test("build_pod_spec_without_volumes", () => {
    const spec = buildPodSpec(seedConfig()).spec;
    expect(spec.volumes).toBeUndefined();
    expect(spec.containers[0]?.volumeMounts).toBeUndefined();
  });

  test("build_pod_spec_with_volumes", () => {
    const spec = buildPodSpec(
      seedConfig({
        volumes: [
          { hostPath: "/tmp/worktrees", mountPath: "/data/worktrees" },
          { hostPath: "/tmp/repos", mountPath: "/data/repos" },
        ],
      }),
    ).spec;
    expect(spec.volumes).toEqual([
      { name: "vol-0", hostPath: { path: "/tmp/worktrees", type: "Directory" } },
      { name: "vol-1", hostPath: { path: "/tmp/repos", type: "Directory" } },
    ]);
    expect(spec.containers[0]?.volumeMounts).toEqual([
      { name: "vol-0", mountPath: "/data/worktrees" },
      { name: "vol-1", mountPath: "/data/repos" },
    ]);
  });

  test("parent_dir_extracts_directory", () => {
    expect(parentDir("/work/dossier.pdf")).toBe("/work");
    expect(parentDir("/work/sub/dir/file.pdf")).toBe("/work/sub/dir");
    expect(parentDir("/file.pdf")).toBe("/");
    expect(parentDir("nofile")).toBe("");
  });

  test("shell_quote_escapes_single_quotes", () => {
    expect(shellQuote("simple")).toBe("'simple'");
    expect(shellQuote("with space")).toBe("'with space'");
    expect(shellQuote("don't")).toBe("'don'\\''t'");
  });

  test("validate_inputs_rejects_relative_paths", () => {
    expect(() => validateInputs([{ url: "https://x.com/f.pdf", mountPath: "relative/path.pdf" }])).toThrow(
      "must be absolute",
    );
  });

  test("validate_inputs_rejects_root_mount", () => {
    expect(() => validateInputs([{ url: "https://x.com/f.pdf", mountPath: "/file.pdf" }])).toThrow(
      "must live under a directory",
    );
  });

  test("build_pod_spec_with_single_input_creates_init_container", () => {
    const spec = buildPodSpec(
      seedConfig({
        inputs: [{ url: "https://r2.example.com/dossier.pdf", mountPath: "/work/dossier.pdf" }],
        inputInitImage: "curlimages/curl:8.10.1",
      }),
    ).spec;
    expect(spec.initContainers).toHaveLength(1);
    const init = spec.initContainers![0]!;
    expect(init.name).toBe("ironflow-input-fetch");
    expect(init.image).toBe("curlimages/curl:8.10.1");
    const cmd = init.command!;
    expect(cmd[0]).toBe("sh");
    expect(cmd[1]).toBe("-c");
    expect(cmd[2]).toContain("curl -sSfL");
    expect(cmd[2]).toContain("https://r2.example.com/dossier.pdf");
    expect(cmd[2]).toContain("/work/dossier.pdf");
    expect(cmd[2]).toBe(
      // Beyond the seed: curl itself refuses anything but https, also on redirects.
      "set -e\ncurl -sSfL --proto '=https' --proto-redir '=https' --retry 3 --max-time 300 'https://r2.example.com/dossier.pdf' -o '/work/dossier.pdf'\n",
    );
    expect(init.volumeMounts).toEqual([{ name: "ironflow-input-0", mountPath: "/work" }]);
    expect(spec.containers[0]?.volumeMounts).toEqual([{ name: "ironflow-input-0", mountPath: "/work" }]);
    expect(spec.volumes).toEqual([{ name: "ironflow-input-0", emptyDir: {} }]);
  });

  test("build_pod_spec_groups_inputs_by_parent_dir", () => {
    const spec = buildPodSpec(
      seedConfig({
        inputs: [
          { url: "https://x.com/a.pdf", mountPath: "/work/a.pdf" },
          { url: "https://x.com/b.pdf", mountPath: "/work/b.pdf" },
          { url: "https://x.com/c.csv", mountPath: "/data/c.csv" },
        ],
      }),
    ).spec;
    expect(spec.volumes).toHaveLength(2);
    const paths = spec.containers[0]!.volumeMounts!.map((m) => m.mountPath);
    expect(paths).toEqual(["/data", "/work"]);
    const script = spec.initContainers![0]!.command![2]!;
    expect(script).toContain("/work/a.pdf");
    expect(script).toContain("/work/b.pdf");
    expect(script).toContain("/data/c.csv");
  });

  test("build_pod_spec_no_inputs_no_init_container", () => {
    expect(buildPodSpec(seedConfig()).spec.initContainers).toBeUndefined();
    expect(DEFAULT_INPUT_INIT_IMAGE).toBe("curlimages/curl:8.10.1");
  });
});
