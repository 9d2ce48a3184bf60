import type { PodConfig } from "../components";

/** The seed tests' base config: every field at the seed's test values. */
export function seedConfig(overrides: Partial<PodConfig> = {}): PodConfig {
  return {
    name: "test-pod",
    image: "img:v1",
    command: ["sh"],
    namespace: "default",
    resources: {},
    restartPolicy: "Never",
    imagePullPolicy: "IfNotPresent",
    env: {},
    imagePullSecrets: [],
    labels: {},
    volumes: [],
    inputs: [],
    inputInitImage: "curlimages/curl:8.10.1",
    ...overrides,
  };
}
