import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; in tests the server code runs directly.
      "server-only": path.join(root, "scripts/test-support/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts", "contracts/test/**/*.test.ts"],
          exclude: ["node_modules/**", ".data/**"],
          environment: "node",
          // One isolated stack (Postgres, S3 server, anvil on free ports, temp data) for the whole run.
          globalSetup: ["scripts/test-support/global-setup.ts"],
          setupFiles: ["scripts/test-support/stack-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
