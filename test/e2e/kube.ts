import { execFileSync } from "node:child_process";

/** `kubectl ... -o json` against the test cluster, parsed. */
export function kubectlJson<T = any>(kubeconfig: string, args: string[]): T { // eslint-disable-line @typescript-eslint/no-explicit-any -- API objects are checked field by field in tests
  return JSON.parse(execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args, "-o", "json"], { encoding: "utf8" })) as T;
}

/** Every ironflow-labelled object the suite could have left behind, as `kind/name`. */
export function ironflowObjects(kubeconfig: string): string[] {
  const list = kubectlJson<{ items: Array<{ kind: string; metadata: { name: string; namespace?: string } }> }>(kubeconfig, [
    "get",
    "pods,secrets,networkpolicies,configmaps",
    "--all-namespaces",
    "-l",
    "app.kubernetes.io/managed-by=ironflow",
  ]);
  return list.items.map((i) => `${i.kind}/${i.metadata.namespace}/${i.metadata.name}`);
}
