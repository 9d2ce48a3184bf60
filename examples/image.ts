/** The agent image every example uses: Node with the Claude Code CLI fetched by npx, pinned by tag. */
export const AGENT_IMAGE = "node:20.18.1-bookworm-slim";
/** A one-shot, non-interactive Claude Code run. */
export function agentCommand(prompt: string): string[] {
  return ["npx", "-y", "@anthropic-ai/claude-code@2.0.0", "-p", prompt];
}
