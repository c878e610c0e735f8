/**
 * Seeds demo data once and prints the logins. Run by `npm run dev` in a child process that has the
 * stack's environment (`node --conditions=react-server`, so `server-only` modules load outside Next).
 * Usage: seed.ts <logins-file>
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { isSeeded, seedDemoData, type DemoLogin } from "../../prisma/seed";

const loginsFile = process.argv[2];
if (!loginsFile) {
  console.error("usage: seed.ts <logins-file>");
  process.exit(1);
}

let logins: DemoLogin[];
if (await isSeeded()) {
  logins = existsSync(loginsFile) ? (JSON.parse(await readFile(loginsFile, "utf8")) as DemoLogin[]) : [];
} else {
  logins = await seedDemoData();
  await writeFile(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
}
process.stdout.write(`${JSON.stringify(logins)}\n`, () => process.exit(0));
