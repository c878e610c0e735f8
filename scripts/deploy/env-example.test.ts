import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ENV_VARIABLES } from "@/lib/env";

const deployDir = path.resolve(import.meta.dirname, "../../deploy");
const lines = readFileSync(path.join(deployDir, ".env.example"), "utf8").split("\n");
const listed = lines.map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
/** Variables for compose.yaml's own containers (Postgres, Caddy), not read by the app. */
const COMPOSE_ONLY = ["APP_DOMAIN", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"];

describe("deploy/.env.example", () => {
  it("lists every variable lib/env.ts reads", () => {
    expect(SERVER_ENV_VARIABLES.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it("lists nothing the app does not read, except what compose.yaml itself uses", () => {
    const compose = readFileSync(path.join(deployDir, "compose.yaml"), "utf8");
    const unknown = listed.filter((name) => !(SERVER_ENV_VARIABLES as string[]).includes(name));
    expect(unknown.sort()).toEqual([...COMPOSE_ONLY].sort());
    for (const name of COMPOSE_ONLY) expect(compose).toContain(`\${${name}`);
  });

  it("explains every variable with a comment right above it (or above its group)", () => {
    for (const [index, line] of lines.entries()) {
      if (!/^[A-Z]/.test(line)) continue;
      const above = lines.slice(0, index).reverse();
      const firstNonVariable = above.find((l) => !/^[A-Z]/.test(l));
      expect(firstNonVariable?.startsWith("#"), `${line.split("=")[0]} has no comment`).toBe(true);
    }
  });

  it("lists each variable once", () => {
    expect(new Set(listed).size).toBe(listed.length);
  });
});
