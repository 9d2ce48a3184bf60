// A `transforms` option that rewrites the managed-by label of the component's Pod:
// the component cannot stop it, the policy pack must.
import * as pulumi from "@pulumi/pulumi";
import { ClaudeRunnerPod, MANAGED_BY_LABEL, createKubernetesProvider } from "../../../../components";

const config = new pulumi.Config();
const provider = createKubernetesProvider("cluster", { kubeconfigPath: config.require("kubeconfigPath") });
new ClaudeRunnerPod(
  "transformed-agent",
  { image: "ghcr.io/acme/claude-runner:1.2.3", command: ["claude", "-p", "hi"] },
  {
    provider,
    transforms: [
      (args) => {
        if (args.type !== "kubernetes:core/v1:Pod") return undefined;
        const props = args.props as { metadata: { labels: Record<string, string> } };
        return { props: { ...props, metadata: { ...props.metadata, labels: { ...props.metadata.labels, [MANAGED_BY_LABEL]: "someone-else" } } }, opts: args.opts };
      },
    ],
  },
);
