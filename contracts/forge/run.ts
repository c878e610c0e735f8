/**
 * Runs the forge binary that npm installed (`@foundry-rs/forge-<os>-<arch>`) in the project root and exits
 * with forge's own status. `npm run test:contracts` = `forge test`; extra arguments pass through
 * (`npm run test:contracts -- --match-test testFuzz -vvv`).
 *
 * Why not the package's `forge` bin: its Node launcher spawns the binary but always exits 0, so a failing
 * test run would look green to npm and CI.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ARCH: Partial<Record<NodeJS.Architecture, string>> = { x64: "amd64", arm64: "arm64" };

function forgeBinary(): string {
  const arch = ARCH[process.arch];
  const binary = process.platform === "win32" ? "forge.exe" : "forge";
  const pkg = `@foundry-rs/forge-${process.platform}-${arch ?? process.arch}`;
  try {
    return createRequire(import.meta.url).resolve(`${pkg}/bin/${binary}`);
  } catch {
    console.error(`forge: ${pkg} is not installed (an optional dependency of @foundry-rs/forge): run \`npm ci\` on this platform`);
    process.exit(1);
  }
}

const args = process.argv.slice(2);
const result = spawnSync(forgeBinary(), args.length > 0 ? args : ["test"], { cwd: ROOT, stdio: "inherit" });
if (result.error) {
  console.error(`forge: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
