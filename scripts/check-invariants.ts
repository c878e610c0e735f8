/**
 * `npm run check:invariants`: what must hold after any fault once the system has recovered, checked
 * against the services the environment points at (lib/env):
 *  - every STORED document's object exists and decrypts to the recorded SHA-256;
 *  - every object under documents/ has a STORED row, or an UPLOADING one the sweeper has not expired,
 *    within 60 s (the worker removes what a failed upload left behind once storage answers);
 *  - every CONFIRMED anchor matches its mined transaction and the contract;
 *  - no two BOOKED appointments of a doctor overlap, no idempotency key is used twice;
 *  - no id or batch root was sent in two mined transactions;
 *  - every outbox row is CONFIRMED within 60 s (checked first, so the chain checks see settled rows).
 * Exits 1 and lists the violations when any is found. `--since <ISO time>` limits it to newer rows;
 * `--json` prints the list as JSON (the fault suite reads it).
 *
 * Runs under `--conditions=react-server` (see package.json): the lib modules are `server-only`.
 */
import path from "node:path";
import { confirmedAnchorsMatchChain, duplicateAnchorTransactions, waitForOutboxConfirmed } from "./invariants/anchors";
import { duplicateAppointments } from "./invariants/appointments";
import { storedDocumentObjects, waitForObjectsClaimed } from "./invariants/documents";
import type { Violation } from "./invariants/violations";

export type { Invariant, Violation } from "./invariants/violations";

export const OUTBOX_CONFIRMED_WITHIN_MS = 60_000;
/** The worker removes a failed upload's leftover object within its 15 s cycle once storage answers. */
export const OBJECTS_CLAIMED_WITHIN_MS = 60_000;

export interface CheckOptions {
  /** Only rows and objects created from then on; everything by default. */
  since?: Date;
  outboxTimeoutMs?: number;
  objectsTimeoutMs?: number;
}

export async function checkInvariants(options: CheckOptions = {}): Promise<Violation[]> {
  const scope = { since: options.since ?? new Date(0) };
  const violations = await waitForOutboxConfirmed(scope, options.outboxTimeoutMs ?? OUTBOX_CONFIRMED_WITHIN_MS);
  violations.push(...(await waitForObjectsClaimed(scope, options.objectsTimeoutMs ?? OBJECTS_CLAIMED_WITHIN_MS)));
  for (const check of [storedDocumentObjects, confirmedAnchorsMatchChain, duplicateAnchorTransactions, duplicateAppointments]) {
    violations.push(...(await check(scope)));
  }
  return violations;
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.invariant}  ${v.subject}  ${v.detail}`).join("\n");
}

async function main(): Promise<void> {
  const sinceArg = process.argv.indexOf("--since");
  const since = sinceArg > 0 ? new Date(process.argv[sinceArg + 1] ?? "") : undefined;
  if (since && Number.isNaN(since.getTime())) throw new Error("--since needs an ISO date-time");
  const violations = await checkInvariants({ since });
  if (process.argv.includes("--json")) console.log(JSON.stringify(violations));
  else console.log(violations.length === 0 ? "invariants: all hold" : `invariants: ${violations.length} violated\n${formatViolations(violations)}`);
  // The pg pool behind Prisma would hold the process for seconds.
  process.exit(violations.length === 0 ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(`check-invariants: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
