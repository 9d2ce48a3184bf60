import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { knownNow } from "./inputValues";
import { loadInlineKubeconfig, loadKubeconfigFile, type KubeconfigSummary } from "./kubeconfig";

/**
 * How to reach the cluster, mirroring the seed's `K8sClusterConfig`: neither
 * kubeconfig field means the default (ambient) kubeconfig.
 */
export interface KubernetesProviderArgs {
  /**
   * Path of a kubeconfig file, read and checked when the program runs; its
   * contents go to the provider as a Pulumi secret. Exclusive with `kubeconfig`.
   * @default none (the ambient kubeconfig: `KUBECONFIG` or `~/.kube/config`)
   */
  kubeconfigPath?: pulumi.Input<string>;
  /**
   * Kubeconfig contents (YAML or JSON), checked when known and passed as a
   * Pulumi secret. Exclusive with `kubeconfigPath`.
   * @default none (the ambient kubeconfig)
   */
  kubeconfig?: pulumi.Input<string>;
  /** Context to use. @default the kubeconfig's `current-context` */
  context?: pulumi.Input<string>;
  /** Default namespace of resources without one. @default the context's namespace, else `default` */
  namespace?: pulumi.Input<string>;
  /**
   * Identity of the cluster: the provider (and every pod under it) is replaced
   * only when this changes, not when credentials rotate or the kubeconfig is
   * unknown at preview.
   * @default the API server URL when the kubeconfig is known at program time; else `ironflow-<name>`
   */
  clusterIdentifier?: pulumi.Input<string>;
  /** Server-side apply. @default true (the provider's default) */
  enableServerSideApply?: pulumi.Input<boolean>;
}

/**
 * A Kubernetes provider from the default kubeconfig, a kubeconfig file or
 * inline kubeconfig. Bad input fails here, before anything is deployed, with
 * a message that never quotes the kubeconfig.
 */
export function createKubernetesProvider(
  name: string,
  args: KubernetesProviderArgs = {},
  opts?: pulumi.CustomResourceOptions,
): k8s.Provider {
  if (args.kubeconfigPath !== undefined && args.kubeconfig !== undefined) {
    throw new Error(`createKubernetesProvider '${name}': kubeconfigPath and kubeconfig are mutually exclusive`);
  }
  const context = knownNow(args.context);

  let kubeconfig: pulumi.Input<string> | undefined;
  let summary: KubeconfigSummary | undefined;
  if (args.kubeconfigPath !== undefined) {
    const path = knownNow(args.kubeconfigPath);
    if (path !== undefined) {
      const loaded = loadKubeconfigFile(path, context);
      summary = loaded.summary;
      kubeconfig = pulumi.secret(loaded.text);
    } else {
      kubeconfig = pulumi.secret(
        pulumi.all([args.kubeconfigPath, args.context]).apply(([p, ctx]) => loadKubeconfigFile(p, ctx).text),
      );
    }
  } else if (args.kubeconfig !== undefined) {
    const text = knownNow(args.kubeconfig);
    if (text !== undefined) {
      summary = loadInlineKubeconfig(text, context);
      kubeconfig = pulumi.secret(text);
    } else {
      kubeconfig = pulumi.secret(
        pulumi.all([args.kubeconfig, args.context]).apply(([t, ctx]) => {
          loadInlineKubeconfig(t, ctx);
          return t;
        }),
      );
    }
  }

  const clusterIdentifier =
    args.clusterIdentifier ?? summary?.server ?? (kubeconfig !== undefined ? `ironflow-${name}` : undefined);
  const providerArgs: k8s.ProviderArgs = {};
  if (kubeconfig !== undefined) providerArgs.kubeconfig = kubeconfig;
  if (args.context !== undefined) providerArgs.context = args.context;
  if (args.namespace !== undefined) providerArgs.namespace = args.namespace;
  if (clusterIdentifier !== undefined) providerArgs.clusterIdentifier = clusterIdentifier;
  if (args.enableServerSideApply !== undefined) providerArgs.enableServerSideApply = args.enableServerSideApply;
  return new k8s.Provider(name, providerArgs, opts);
}
