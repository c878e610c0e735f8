import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { e2eEnv } from "../scripts/test-support/e2e-env";
import { demoLogins, expect, test } from "./fixtures";

/**
 * Runs last (files run in name order, one worker): everything the e2e server, the app and the worker
 * printed during the whole run must not contain the seeded patients' names or e-mail addresses, nor the
 * titles of documents the journeys stored. Logs carry ids, codes and counts only.
 */
const E2E_DIR = import.meta.dirname;

/** Document titles the specs use: the literal prefixes passed to unique("…") and the fixed titles. */
function documentTitles(): string[] {
  const titles = new Set<string>();
  for (const file of readdirSync(E2E_DIR).filter((name) => name.endsWith(".spec.ts") && name !== path.basename(import.meta.filename))) {
    const source = readFileSync(path.join(E2E_DIR, file), "utf8");
    for (const match of source.matchAll(/unique\("([^"]{6,})"\)/g)) titles.add(match[1]!);
  }
  return [...titles];
}

test("the server, app and worker logs of the run hold no patient names, e-mails or document titles", () => {
  const { serverLog } = e2eEnv();
  test.skip(!existsSync(serverLog), "the e2e server was reused from an earlier run (not CI), so this run's log was not written");
  const log = readFileSync(serverLog, "utf8");
  // The log is the real one: the worker anchored what the journeys stored, and the app logged an access
  // line (lib/observability) with its request id for the requests the journeys made.
  expect(log).toMatch(/"task":"anchor"/);
  expect(log).toMatch(/"reqId":"[A-Za-z0-9-]{8,64}","event":"http\.request"/);
  const patients = demoLogins().filter((login) => login.role === "PATIENT");
  expect(patients.length).toBeGreaterThan(0);
  const titles = documentTitles();
  expect(titles.length).toBeGreaterThan(3);
  const needles = [...patients.flatMap((p) => [p.name, p.email]), ...titles];
  const found = needles.filter((needle) => log.toLowerCase().includes(needle.toLowerCase()));
  expect(found, "personal data in the logs").toEqual([]);
});
