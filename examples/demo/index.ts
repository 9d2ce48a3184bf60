// The demo program (the top-level Pulumi.yaml runs it): one sandboxed Claude
// Code runner pod with inputs, credentials from a Pulumi secret and scoped
// egress, on the cluster named by the `kubeconfigPath` config (or the ambient
// kubeconfig when it is not set).
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../components";
import { AGENT_IMAGE, agentCommand } from "../image";

const config = new pulumi.Config();
const kubeconfigPath = config.get("kubeconfigPath");
const provider = createKubernetesProvider("demo-cluster", kubeconfigPath ? { kubeconfigPath } : {});

const runner = new ClaudeRunnerPod(
  "demo-agent",
  {
    image: AGENT_IMAGE,
    command: agentCommand("Read /work/task.md and write a plan to /home/claude/plan.md."),
    namespace: config.get("namespace") ?? "default",
    resources: { cpuLimit: "1", memoryLimit: "2Gi" },
    labels: { "ironflow.io/demo": "true" },
    env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" },
    credentials: config.requireSecret("claudeCredentials"),
    inputs: [
      {
        url: "https://raw.example.com/ironflow/demo/main/task.md",
        mountPath: "/work/task.md",
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        maxBytes: 1048576,
      },
    ],
    activeDeadlineSeconds: 3600,
    egress: { allow: [{ cidr: "160.79.104.0/23", ports: [{ port: 443 }] }] },
  },
  { provider },
);

export const podName = runner.podName;
export const namespace = runner.namespace;
export const labels = runner.labels;
