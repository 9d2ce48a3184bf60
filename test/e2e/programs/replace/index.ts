// One runner pod whose image (and optionally fixed name) come from config, to test replacement.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../../../components";

const config = new pulumi.Config();
const provider = createKubernetesProvider("cluster", { kubeconfigPath: config.require("kubeconfigPath") });
const name = config.get("podName");
const runner = new ClaudeRunnerPod(
  "replace-agent",
  { image: config.require("image"), command: ["claude", "-p", "hi"], ...(name ? { name } : {}) },
  { provider },
);
export const podName = runner.podName;
