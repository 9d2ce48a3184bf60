// A cluster chosen by a kubeconfig file, read and checked when the program runs.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../components";
import { AGENT_IMAGE, agentCommand } from "../image";

const config = new pulumi.Config();
const provider = createKubernetesProvider("target", {
  kubeconfigPath: config.require("kubeconfigPath"),
  namespace: "default",
});

const runner = new ClaudeRunnerPod(
  "file-agent",
  { image: AGENT_IMAGE, command: agentCommand("List the open TODOs."), resources: { cpuLimit: "500m", memoryLimit: "1Gi" } },
  { provider },
);

export const podName = runner.podName;
