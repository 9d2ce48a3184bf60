import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";

/** Summary of a checked kubeconfig: what the provider will talk to. No credentials in it. */
export interface KubeconfigSummary {
  /** Name of the context in use (the `context` argument or `current-context`). */
  context: string;
  /** Name of that context's cluster. */
  cluster: string;
  /** API server URL of that cluster. */
  server: string;
  /** The context's default namespace, when it sets one. */
  namespace?: string;
}

const kubeconfigSchema = z.object({
  clusters: z
    .array(z.object({ name: z.string().min(1), cluster: z.object({ server: z.string().min(1) }) }))
    .min(1, "it has no clusters"),
  contexts: z
    .array(
      z.object({
        name: z.string().min(1),
        context: z.object({ cluster: z.string().min(1), user: z.string().min(1), namespace: z.string().optional() }),
      }),
    )
    .min(1, "it has no contexts"),
  users: z
    .array(z.object({ name: z.string().min(1), user: z.record(z.string(), z.unknown()).nullable().optional() }))
    .min(1, "it has no users"),
  "current-context": z.string().optional(),
});

/**
 * Parse and check kubeconfig text: YAML (or JSON), with clusters, contexts and
 * users, and a context to use that exists and points at a known cluster and
 * user. Throws an Error whose message is the reason only: it never quotes the
 * text, which holds tokens and keys.
 */
export function checkKubeconfig(text: string, context?: string): KubeconfigSummary {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new Error(`invalid YAML at line ${pos.line}, column ${pos.col} (${yamlError.code})`);
  }
  const parsed = kubeconfigSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    throw new Error(issue.code === "custom" || issue.code === "too_small" ? `${issue.message}${where}` : `unexpected structure${where}: ${issue.message}`);
  }
  const kc = parsed.data;
  const contextName = context ?? kc["current-context"];
  if (!contextName) throw new Error("no current-context is set and no context was given");
  const ctx = kc.contexts.find((c) => c.name === contextName);
  if (!ctx) throw new Error(`context '${contextName}' does not exist (contexts: ${kc.contexts.map((c) => c.name).join(", ")})`);
  const cluster = kc.clusters.find((c) => c.name === ctx.context.cluster);
  if (!cluster) throw new Error(`context '${contextName}' names cluster '${ctx.context.cluster}', which does not exist`);
  if (!kc.users.some((u) => u.name === ctx.context.user)) {
    throw new Error(`context '${contextName}' names user '${ctx.context.user}', which does not exist`);
  }
  const summary: KubeconfigSummary = { context: contextName, cluster: cluster.name, server: cluster.cluster.server };
  if (ctx.context.namespace) summary.namespace = ctx.context.namespace;
  return summary;
}

/** `~/x` → `$HOME/x`, as kubectl and the provider do. */
function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? homedir() + path.slice(1) : path;
}

/** Read a kubeconfig file; `failed to read kubeconfig from '<path>': <reason>` when it cannot be read. */
export function readKubeconfigFile(path: string): string {
  try {
    return readFileSync(expandHome(path), "utf8");
  } catch (err) {
    throw new Error(`failed to read kubeconfig from '${path}': ${(err as Error).message}`);
  }
}

/** Read and check a kubeconfig file. */
export function loadKubeconfigFile(path: string, context?: string): { text: string; summary: KubeconfigSummary } {
  const text = readKubeconfigFile(path);
  try {
    return { text, summary: checkKubeconfig(text, context) };
  } catch (err) {
    throw new Error(`failed to parse kubeconfig from '${path}': ${(err as Error).message}`);
  }
}

/** Check inline kubeconfig text; `failed to parse inline kubeconfig: <reason>`, never echoing it. */
export function loadInlineKubeconfig(text: string, context?: string): KubeconfigSummary {
  try {
    return checkKubeconfig(text, context);
  } catch (err) {
    throw new Error(`failed to parse inline kubeconfig: ${(err as Error).message}`);
  }
}
