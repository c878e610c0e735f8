import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A development secret kept in `.data/` (never in the repository): created once with a CSPRNG, reused
 * afterwards so sessions and keys survive restarts. Production supplies real secrets through env.
 */
export async function developmentSecret(file: string, bytes = 32): Promise<`0x${string}`> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim() as `0x${string}`;
  const secret = `0x${randomBytes(bytes).toString("hex")}` as const;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
