// A provider with server-side apply disabled: on create it rewrites
// app.kubernetes.io/managed-by to `pulumi`, which the policy pack must refuse.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, createKubernetesProvider } from "../../../../components";

const config = new pulumi.Config();
const provider = createKubernetesProvider("csa", { kubeconfigPath: config.require("kubeconfigPath"), enableServerSideApply: false });
new ClaudeRunnerPod("csa-agent", { image: "ghcr.io/acme/claude-runner:1.2.3", command: ["claude", "-p", "hi"] }, { provider });
