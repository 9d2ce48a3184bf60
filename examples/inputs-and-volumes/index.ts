// Inputs fetched by the init container before the agent starts, and a host directory.
import { ClaudeRunnerPod } from "../../components";
import { AGENT_IMAGE, agentCommand } from "../image";

const runner = new ClaudeRunnerPod("review-agent", {
  image: AGENT_IMAGE,
  command: agentCommand("Review /work/spec.md against /work/notes.txt and write /data/repos/REVIEW.md."),
  resources: { cpuLimit: "2", memoryLimit: "4Gi" },
  env: { REVIEW_STYLE: "concise" },
  inputs: [
    { url: "https://raw.example.com/acme/specs/main/spec.md", mountPath: "/work/spec.md" },
    { url: "https://raw.example.com/acme/specs/main/notes.txt", mountPath: "/work/notes.txt" },
    { url: "https://files.example.com/datasets/sample.csv", mountPath: "/data/input/sample.csv" },
  ],
  volumes: [{ hostPath: "/srv/ironflow/repos", mountPath: "/data/repos" }],
});

export const podName = runner.podName;
