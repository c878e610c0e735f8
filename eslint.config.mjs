import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // app/ talks to domain services only; adapters stay behind lib/<capability>/ (ARCHITECTURE.md §2).
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/db/*", "@/lib/storage/*", "@/lib/chain/*"], message: "app/ and components/ call domain services, never the db, storage or chain adapters." }] },
      ],
    },
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
  },
  {
    // Playwright fixtures receive a function named `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/db/generated/**", "lib/chain/generated/**", "next-env.d.ts", "bench-results/**", "playwright-report/**", "test-results/**"]),
]);
