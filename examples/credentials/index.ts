// Claude OAuth credentials from a Pulumi secret: the component keeps them in a
// Kubernetes Secret; the Pod spec only holds a secretKeyRef.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod } from "../../components";
import { AGENT_IMAGE, agentCommand } from "../image";

const config = new pulumi.Config();
const runner = new ClaudeRunnerPod("oauth-agent", {
  name: "oauth-agent",
  image: AGENT_IMAGE,
  command: agentCommand("Triage the newest issues."),
  resources: { cpuLimit: "1", memoryLimit: "2Gi" },
  credentials: config.requireSecret("claudeCredentials"),
});

export const podName = runner.podName;
export const credentialsSecretName = runner.credentialsSecret?.metadata.name;
