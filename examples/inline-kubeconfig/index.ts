// A cluster given as kubeconfig text in a Pulumi secret: it stays a secret in state.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../components";
import { AGENT_IMAGE, agentCommand } from "../image";

const config = new pulumi.Config();
const provider = createKubernetesProvider("inline", {
  kubeconfig: config.requireSecret("kubeconfig"),
  clusterIdentifier: "ironflow-example-cluster",
});

const runner = new ClaudeRunnerPod(
  "inline-agent",
  { image: AGENT_IMAGE, command: agentCommand("Check the CI configuration."), resources: { cpuLimit: "500m", memoryLimit: "1Gi" } },
  { provider },
);

export const podName = runner.podName;
