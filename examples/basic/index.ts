// The smallest runner pod: the ambient kubeconfig, an image, a prompt and limits.
import { ClaudeRunnerPod } from "../../components";
import { AGENT_IMAGE, agentCommand } from "../image";

const runner = new ClaudeRunnerPod("basic-agent", {
  image: AGENT_IMAGE,
  command: agentCommand("Summarise the README of this repository."),
  resources: { cpuLimit: "1", memoryLimit: "2Gi" },
  labels: { team: "platform" },
});

export const podName = runner.podName;
export const namespace = runner.namespace;
