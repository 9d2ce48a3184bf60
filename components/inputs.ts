import type { Container, Volume, VolumeMount } from "kubernetes-types/core/v1";
import type { AgentInput, ImagePullPolicy } from "./config";
import { INPUT_FETCH_CONTAINER_NAME, INPUT_VOLUME_PREFIX } from "./names";
import { parentDir } from "./paths";
import { shellQuote } from "./shell";

/** What inputs add to a pod: emptyDir volumes, the mounts shared by init and main container, the init container. */
export interface InputArtifacts {
  volumes: Volume[];
  volumeMounts: VolumeMount[];
  initContainer?: Container;
}

/** The init container's script: fetch every input, stop at the first failure (the seed's curl flags). */
export function buildFetchScript(inputs: readonly AgentInput[]): string {
  let script = "set -e\n";
  for (const input of inputs) {
    script += `curl -sSfL --retry 3 --max-time 300 ${shellQuote(input.url)} -o ${shellQuote(input.mountPath)}\n`;
  }
  return script;
}

/**
 * One emptyDir volume per distinct parent directory (`ironflow-input-N`, in
 * sorted directory order, as the seed's BTreeMap gives), mounted at that
 * directory in both containers, and a curl init container that fills them.
 */
export function buildInputArtifacts(
  inputs: readonly AgentInput[],
  initImage: string,
  imagePullPolicy: ImagePullPolicy,
): InputArtifacts {
  if (inputs.length === 0) return { volumes: [], volumeMounts: [] };
  const dirs = [...new Set(inputs.map((i) => parentDir(i.mountPath)))].sort(compareCodePoints);
  const volumes: Volume[] = [];
  const volumeMounts: VolumeMount[] = [];
  dirs.forEach((dir, idx) => {
    const name = `${INPUT_VOLUME_PREFIX}${idx}`;
    volumes.push({ name, emptyDir: {} });
    volumeMounts.push({ name, mountPath: dir });
  });
  const initContainer: Container = {
    name: INPUT_FETCH_CONTAINER_NAME,
    image: initImage,
    imagePullPolicy,
    command: ["sh", "-c", buildFetchScript(inputs)],
    volumeMounts: volumeMounts.map((m) => ({ ...m })),
  };
  return { volumes, volumeMounts, initContainer };
}

/** Byte-order comparison, like Rust's `String` ordering (not locale-aware). */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
