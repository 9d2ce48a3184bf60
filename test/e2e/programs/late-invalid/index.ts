// Invalid args two ways: an image only known once another value resolves (the
// component validates it inside apply), and a plain namespace (validated in
// the constructor, before anything is registered). Both fail the deployment
// with the field and the value.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../../../components";

const config = new pulumi.Config();
const provider = createKubernetesProvider("cluster", { kubeconfigPath: config.require("kubeconfigPath") });
const image = pulumi.output(config.require("imageTag")).apply((tag) => `ghcr.io/acme/claude-runner:${tag}`);
new ClaudeRunnerPod("late-agent", { image, command: ["claude", "-p", "hi"], namespace: config.get("namespace") ?? "default" }, { provider });
