import { defineConfig } from "vitest/config";

// Two projects: fast unit tests (mocks, pure functions, the policy pack's
// gRPC server) and end-to-end tests against the real Pulumi CLI, provider and
// a local kube-apiserver (test/e2e, needs the toolchain from scripts/toolchain.sh).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "**/node_modules/**"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/globalSetup.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
