// An image only known once another value resolves, and invalid: the component
// validates it inside apply, so the deployment fails with the field and value.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../../../components";

const config = new pulumi.Config();
const provider = createKubernetesProvider("cluster", { kubeconfigPath: config.require("kubeconfigPath") });
const image = pulumi.output(config.require("imageTag")).apply((tag) => `ghcr.io/acme/claude-runner:${tag}`);
new ClaudeRunnerPod("late-agent", { image, command: ["claude", "-p", "hi"] }, { provider });
