/**
 * Playwright cannot download browsers on our machines, so the end-to-end suite drives Debian's
 * chromium. This installs it with apt-get when it is missing and we are root (CI), and otherwise says
 * what to install.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { loadToolingEnv } from "../../lib/env";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export function chromiumPath(): string {
  return loadToolingEnv().CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
}

export function ensureChromium(): string {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (userInfo().uid !== 0) {
    throw new Error(`chromium not found at ${path}: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  console.log(`chromium not found at ${path}: installing Debian's chromium with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (exit ${result.status}); install chromium by hand or set CHROMIUM_PATH`);
  }
  if (!existsSync(path)) throw new Error(`chromium still not found at ${path} after apt-get install`);
  return path;
}

if (process.argv[1]?.endsWith("ensure-chromium.ts")) {
  console.log(`chromium: ${ensureChromium()}`);
}
