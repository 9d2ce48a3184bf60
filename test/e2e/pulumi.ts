// Drives the real `pulumi` CLI (built by scripts/toolchain.sh) on a local
// file backend with a passphrase secrets provider: no Pulumi Cloud.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const POLICY_PACK = join(ROOT, "policy");

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** One stack of one Pulumi project directory, on its own file backend. */
export class TestStack {
  readonly backend: string;
  constructor(
    readonly projectDir: string,
    readonly stack: string,
    readonly extraEnv: Record<string, string> = {},
  ) {
    this.backend = mkdtempSync(join(tmpdir(), "ironflow-e2e-state-"));
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "ironflow-e2e",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // Examples are type-checked by the unit suite; skip ts-node's check here.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      PULUMI_STACK: this.stack,
      ...this.extraEnv,
    };
  }

  run(args: string[], env: Record<string, string> = {}): Promise<Result> {
    return new Promise((done, fail) => {
      const child = spawn("pulumi", [...args, "--non-interactive", "--cwd", this.projectDir], {
        env: { ...this.env(), ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", fail);
      child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Run and require success; the error shows the CLI's output. */
  async ok(args: string[], env: Record<string, string> = {}): Promise<Result> {
    const r = await this.run(args, env);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  async init(config: Record<string, string> = {}, secrets: Record<string, string> = {}): Promise<void> {
    await this.ok(["stack", "init", this.stack]);
    for (const [k, v] of Object.entries(config)) await this.ok(["config", "set", k, v]);
    for (const [k, v] of Object.entries(secrets)) await this.ok(["config", "set", "--secret", k, v]);
  }

  static policyArgs(configFile: string): string[] {
    return ["--policy-pack", POLICY_PACK, "--policy-pack-config", configFile];
  }

  preview(policyConfig: string, extra: string[] = []): Promise<Result> {
    return this.run(["preview", ...TestStack.policyArgs(policyConfig), ...extra]);
  }

  up(policyConfig: string, extra: string[] = []): Promise<Result> {
    return this.run(["up", "--yes", "--skip-preview", ...TestStack.policyArgs(policyConfig), ...extra]);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.ok(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  /** The raw text of every state file of this backend (checkpoints and backups). */
  stateText(): string {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files.push(p); // checkpoints, backups and history: plain JSON on a file backend
      }
    };
    walk(this.backend);
    return files.map((f) => readFileSync(f, "utf8")).join("\n");
  }

  async dispose(): Promise<void> {
    await this.run(["destroy", "--yes", "--skip-preview"]);
    await this.run(["stack", "rm", "--yes", "--force", this.stack]);
    rmSync(this.backend, { recursive: true, force: true });
  }
}
