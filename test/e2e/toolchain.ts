import { execFileSync } from "node:child_process";

/** Fail fast, with the fix, when the suite runs without the toolchain on PATH. */
export function requireToolchain(): void {
  for (const bin of ["pulumi", "kube-apiserver", "etcd", "kwok", "kubectl"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "pipe" });
    } catch {
      throw new Error(
        `end-to-end tests need '${bin}' on PATH: run them with 'npm test' (which builds or finds the toolchain), ` +
          `or first: eval "$(bash scripts/toolchain.sh | tail -n 1)"`,
      );
    }
  }
  if (!process.env.PULUMI_HOME) throw new Error("PULUMI_HOME is not set: eval the toolchain's export line (npm test does)");
}
