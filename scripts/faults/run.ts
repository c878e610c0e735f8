/**
 * `npm run test:faults`: the fault suite. Starts its own stack (embedded Postgres, S3 server, anvil),
 * the app (`next start` of the build when .next/BUILD_ID exists, else `next dev`) and the worker as
 * separate processes, then strikes each fault in scenarios.ts while signed-in patients upload and book
 * over HTTP. After each fault and its recovery: acknowledged writes are looked up (data lost must be 0)
 * and scripts/check-invariants.ts runs over what was written since the fault began (the outbox gets 60 s).
 * Prints the table, writes it to test-results/faults.md, exits 1 on any lost write or violation.
 *
 * `--only <text>` runs the faults whose name contains the text (several allowed; npm test runs a subset).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freeSlots } from "../bench/booking/http-actions";
import { invariantViolations, lostWrites } from "./recovery";
import { FAULTS, type FaultContext } from "./scenarios";
import { FaultSystem } from "./system";
import { markdownTable, rowFailed, textTable, type FaultRow } from "./table";
import { User } from "./users";

const RESULTS = path.resolve(import.meta.dirname, "../../test-results");
const log = (line: string) => console.error(line);

const only = process.argv.flatMap((arg, i) => (process.argv[i - 1] === "--only" ? [arg.toLowerCase()] : []));
const faults = only.length ? FAULTS.filter((f) => only.some((o) => f.name.toLowerCase().includes(o))) : FAULTS;

const system = await FaultSystem.start(log);
const rows: FaultRow[] = [];
try {
  const patients = system.logins.filter((login) => login.role === "PATIENT");
  const users = await Promise.all(patients.map((p) => User.signIn(system.url, p.email, p.password)));
  const context: FaultContext = { system, users, slots: await freeSlots(system.url, users[0]!.session.cookie), log };
  for (const fault of faults) {
    log(`fault suite: ${fault.name}`);
    const since = new Date();
    const started = Date.now();
    const outcome = await fault.run(context).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    if ("notRunnable" in outcome) {
      rows.push({ fault: fault.name, requests: null, userErrors: null, lost: [], violations: [], seconds: (Date.now() - started) / 1000, note: outcome.notRunnable });
      continue;
    }
    const violations = await invariantViolations(system.env, since);
    if ("error" in outcome) {
      rows.push({ fault: fault.name, requests: null, userErrors: null, lost: [], violations, seconds: (Date.now() - started) / 1000, note: "", error: outcome.error });
      continue;
    }
    const { tally, note } = outcome;
    const examples = tally.examples.length ? `errors seen: ${tally.examples.join("; ")}` : "";
    rows.push({ fault: fault.name, requests: tally.requests, userErrors: tally.errors, lost: await lostWrites(system.env, tally), violations, seconds: (Date.now() - started) / 1000, note: [note, examples].filter(Boolean).join(". ") });
    log(textTable(rows.slice(-1)));
  }
} finally {
  await system.stop();
}

const header = `Fault suite, ${new Date().toISOString()}, app: next ${system.appMode}. Data lost must be 0 and no invariant may fail.\n\n`;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(path.join(RESULTS, "faults.md"), `${header}${markdownTable(rows)}\n`);
const failed = rows.filter(rowFailed);
// For npm test's per-suite counts (scripts/test.ts): one test per fault.
writeFileSync(path.join(RESULTS, "faults.json"), JSON.stringify({ passed: rows.length - failed.length, failed: failed.length, faults: rows }, null, 2));
console.log(`\n${textTable(rows)}\n\nwritten to test-results/faults.md`);
console.log(failed.length === 0 ? `fault suite: ${rows.length} faults, 0 data lost, 0 invariant violations` : `fault suite: ${failed.length} of ${rows.length} faults lost data or broke an invariant`);
process.exit(failed.length === 0 ? 0 : 1);
