/**
 * Booking under load through HTTP: p50/p95/p99 of the real `bookAppointmentAction` server action with 50
 * concurrent clients against the running app, against the cheapest authenticated server action in the
 * same run. Unlike measure.ts (in-process service calls), both sides here pay the same HTTP, Next.js
 * routing, Auth.js JWT cookie decode, React (de)serialization and RSC rendering costs.
 *
 * How the actions are invoked (what the browser does): the action ids are build-specific, so they are read
 * from `.next/server/server-reference-manifest.json` (`node[actionId] = { workers, filename, exportedName }`)
 * by file + export name. A call is `POST <page path>` with `Next-Action: <id>`, `Accept: text/x-component`
 * and React's `encodeReply` of the argument list as the body:
 *  - `bookAppointmentAction(previous, formData)` (a useActionState action): multipart FormData where the
 *    form's fields come first, prefixed with `_<part id>_` of the FormData (`_1_doctorId`, `_1_slot`,
 *    `_1_reason`, `_1_idempotencyKey`), and field `0`, the JSON argument list `[<previous state>, "$K1"]`
 *    (`$K<hex part id>` = "the FormData of part 1"), comes last. The order matters: React's server decoder
 *    (react-server-dom-turbopack, as bundled with Next 16) collects the `_1_…` entries as they stream in and
 *    resolves `$K1` from what it has when it reads `0`, so a root sent first yields an empty FormData.
 *  - `markNotificationsReadAction()` (no arguments): the plain-text body `[]`.
 * On success the booking action redirects: the response carries `x-action-redirect: /patient?booked=1…`
 * (and the RSC payload of /patient). A refusal is the returned FormState in the RSC payload, whose `code`
 * tells SLOT_TAKEN (expected under load, counted apart) from anything else (an error, as are HTTP errors).
 *
 * The baseline is `markNotificationsReadAction` (app/notifications/actions.ts): the cheapest authenticated
 * action the app has (session → actor, `authorize`, one `updateMany` of the patient's unread
 * notifications, `revalidatePath("/", "layout")`, so the response re-renders the page it was posted to,
 * /patient). It is not a literal no-op: it does one small write and the page re-render, where the booking
 * does its transaction, an audit row and the redirect's render of /patient.
 *
 * Clients: the 3 demo patients, each signed in several times (one session per client, 50 in all). Slots
 * come from the doctor pages (/patient/doctors/<id>, the slot props in the RSC payload) of every verified
 * doctor, deduplicated by start time across doctors, so no two bookings in the run overlap in time and
 * the patients' no-overlap constraint is never what refuses a booking. The booking window is 14 days, so
 * the number of free slots bounds the bookings per client (MAX_BOOKING_CALLS_PER_CLIENT; about 4 with 50 clients).
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BenchContext } from "../context";
import { percentile, round } from "../stats";
import { newTally, record, type Outcome, type Tally } from "./tally";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../../..");
const CLIENTS = 50;
const WARM_UP_CALLS = 1;
const NOOP_CALLS_PER_ROUND = 2;
/** Upper bound; lowered to what the free slots allow. */
const MAX_BOOKING_CALLS_PER_CLIENT = 8;
/** Slots starting sooner than this are skipped, so none turns past while the run lasts. */
const SLOT_LEAD_MS = 60 * 60_000;

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

export async function actionId(filename: string, exportedName: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} from ${filename} in .next/server/server-reference-manifest.json (run npm run build?)`);
  return found[0];
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrfResponse) },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in of ${email} failed (HTTP ${response.status})`);
  return session.split(";")[0]!;
}

async function getPage(url: string, pagePath: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}${pagePath}`, { headers: { cookie } });
  const html = await response.text();
  if (!response.ok) throw new Error(`GET ${pagePath}: HTTP ${response.status}`);
  return html;
}

export interface Slot {
  doctorId: string;
  startsAt: string;
  endsAt: string;
}

/** Free slots of every doctor listed to the patient, one per start time across all doctors. */
export async function freeSlots(url: string, cookie: string): Promise<Slot[]> {
  const list = await getPage(url, "/patient/doctors", cookie);
  const doctorIds = [...new Set([...list.matchAll(/\/patient\/doctors\/([0-9a-zA-Z_-]{8,})/g)].map((m) => m[1]!))];
  if (doctorIds.length === 0) throw new Error("no doctors on /patient/doctors");
  const byStart = new Map<string, Slot>();
  for (const doctorId of doctorIds) {
    // The slots reach the client component as props, in the RSC payload inlined (JSON-escaped) in the HTML.
    const page = (await getPage(url, `/patient/doctors/${doctorId}`, cookie)).replaceAll('\\"', '"');
    for (const m of page.matchAll(/"startsAt":"([^"]+)","endsAt":"([^"]+)"/g)) {
      const [startsAt, endsAt] = [m[1]!, m[2]!];
      if (Date.parse(startsAt) < Date.now() + SLOT_LEAD_MS) continue;
      if (!byStart.has(startsAt)) byStart.set(startsAt, { doctorId, startsAt, endsAt });
    }
  }
  const slots = [...byStart.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  // Every demo slot is 30 minutes on :00/:30 boundaries, but drop any that would overlap the previous one anyway.
  const disjoint: Slot[] = [];
  for (const slot of slots) {
    const last = disjoint.at(-1);
    if (!last || Date.parse(slot.startsAt) >= Date.parse(last.endsAt)) disjoint.push(slot);
  }
  return disjoint;
}

export interface Actions {
  url: string;
  bookId: string;
  noopId: string;
}

const actionHeaders = (url: string, id: string, cookie: string) => ({ "next-action": id, accept: "text/x-component", origin: url, cookie });

async function timed(work: () => Promise<[Outcome, string]>): Promise<{ ms: number; outcome: Outcome; detail: string }> {
  const started = performance.now();
  try {
    const [outcome, detail] = await work();
    return { ms: performance.now() - started, outcome, detail };
  } catch (error) {
    return { ms: performance.now() - started, outcome: "error", detail: `thrown: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** What the browser sends for `formAction(formData)` of a `useActionState(bookAppointmentAction, IDLE)`. */
export async function book(actions: Actions, cookie: string, slot: Slot, idempotencyKey: string = randomUUID()): Promise<[Outcome, string]> {
  const body = new FormData();
  body.append("_1_doctorId", slot.doctorId);
  body.append("_1_slot", `${slot.startsAt}/${slot.endsAt}`);
  body.append("_1_reason", "Benchmark visit");
  body.append("_1_idempotencyKey", idempotencyKey);
  // Last, as React's encodeReply does (it sets the root once every part is written).
  body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await fetch(`${actions.url}/patient/doctors/${slot.doctorId}`, { method: "POST", redirect: "manual", headers: actionHeaders(actions.url, actions.bookId, cookie), body });
  const text = await response.text();
  const redirect = response.headers.get("x-action-redirect") ?? "";
  if (redirect.includes("booked=1")) return ["ok", "ok"];
  if (!response.ok) return ["error", `HTTP ${response.status}: ${text.slice(0, 200)}`];
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
  if (code === "SLOT_TAKEN") return ["SLOT_TAKEN", code];
  // The form's answer to the user: the code is what they were shown (its message stays out of reports).
  if (code) return ["error", `HTTP ${response.status} ${code}`];
  return ["error", `HTTP ${response.status} ${code ?? "no code"}, redirect "${redirect}": ${text.slice(0, 300)}`];
}

/** `markNotificationsReadAction()`: no arguments, so React sends the plain-text body `[]`. */
async function noop(actions: Actions, cookie: string): Promise<[Outcome, string]> {
  const response = await fetch(`${actions.url}/patient`, {
    method: "POST",
    redirect: "manual",
    headers: { ...actionHeaders(actions.url, actions.noopId, cookie), "content-type": "text/plain;charset=UTF-8" },
    body: "[]",
  });
  const text = await response.text();
  if (!response.ok) return ["error", `HTTP ${response.status}: ${text.slice(0, 200)}`];
  // A thrown action comes back as an error row ("E" chunk) in the RSC payload.
  if (/^\d+:E/m.test(text)) return ["error", `action threw: ${text.slice(0, 300)}`];
  return ["ok", "ok"];
}

/** `cookies.length` concurrent loops, each making `calls` calls one after another. */
async function concurrently(cookies: string[], calls: number, call: (cookie: string, client: number, index: number) => Promise<[Outcome, string]>, tally: Tally) {
  await Promise.all(
    cookies.map(async (cookie, client) => {
      for (let index = 0; index < calls; index += 1) {
        const { ms, outcome, detail } = await timed(() => call(cookie, client, index));
        record(tally, outcome, detail, ms);
      }
    }),
  );
}

export async function measureBookingOverHttp(context: BenchContext): Promise<Record<string, number>> {
  const url = await context.appUrl();
  const actions: Actions = {
    url,
    bookId: await actionId("app/patient/actions.ts", "bookAppointmentAction"),
    noopId: await actionId("app/notifications/actions.ts", "markNotificationsReadAction"),
  };
  context.log(`booking-http: bookAppointmentAction = ${actions.bookId}, markNotificationsReadAction = ${actions.noopId}`);

  const patients = (await context.demoLogins()).filter((l) => l.role === "PATIENT");
  if (patients.length === 0) throw new Error("no demo patients");
  context.log(`booking-http: signing in ${CLIENTS} sessions of ${patients.length} demo patients`);
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const patient = patients[i % patients.length]!;
    cookies.push(await signIn(url, patient.email, patient.password));
  }

  const slots = await freeSlots(url, cookies[0]!);
  const perClient = Math.min(MAX_BOOKING_CALLS_PER_CLIENT + WARM_UP_CALLS, Math.floor(slots.length / CLIENTS));
  const bookingCalls = perClient - WARM_UP_CALLS;
  if (bookingCalls < 2) throw new Error(`only ${slots.length} free, non-overlapping slots for ${CLIENTS} clients`);
  context.log(`booking-http: ${slots.length} free, non-overlapping slots; ${bookingCalls} measured bookings per client`);
  // Interleaved: at any moment the clients book slots spread over the whole window, each one distinct.
  const slotFor = (client: number, index: number) => slots[index * CLIENTS + client]!;

  context.log("booking-http: warming up");
  const warm = newTally();
  await concurrently(cookies, WARM_UP_CALLS * 2, (cookie) => noop(actions, cookie), warm);
  await concurrently(cookies, WARM_UP_CALLS, (cookie, c, i) => book(actions, cookie, slotFor(c, i)), warm);
  if (warm.errors > 0) context.log(`booking-http: warm-up errors: ${warm.errors}, e.g. ${warm.examples.join(" | ")}`);

  // Interleaved rounds, so both sides see the same machine (a shared 2-core box drifts by 2× between minutes):
  // each round is every client making NOOP_CALLS_PER_ROUND baseline calls in a row, then one booking.
  context.log(`booking-http: ${bookingCalls} rounds of ${CLIENTS} clients × (${NOOP_CALLS_PER_ROUND} baseline calls, then 1 booking)`);
  const baseline = newTally();
  const booking = newTally();
  for (let round = 0; round < bookingCalls; round += 1) {
    await concurrently(cookies, NOOP_CALLS_PER_ROUND, (cookie) => noop(actions, cookie), baseline);
    await concurrently(cookies, 1, (cookie, c) => book(actions, cookie, slotFor(c, WARM_UP_CALLS + round)), booking);
  }

  for (const [name, tally] of Object.entries({ baseline, booking })) {
    if (tally.errors > 0) context.log(`booking-http: ${name}: ${tally.errors} errors, e.g. ${tally.examples.join(" | ")}`);
  }
  context.log(
    `booking-http: ${booking.ok} booked, ${booking.slotTaken} SLOT_TAKEN, ${booking.errors} errors; baseline p50 ${round(percentile(baseline.samples, 50), 1)} ms, p99 ${round(percentile(baseline.samples, 99), 1)} ms`,
  );
  const bookingP95 = percentile(booking.samples, 95);
  const noopP95 = percentile(baseline.samples, 95);
  return {
    booking_p50_ms: round(percentile(booking.samples, 50), 1),
    booking_p95_ms: round(bookingP95, 1),
    booking_p99_ms: round(percentile(booking.samples, 99), 1),
    noop_p95_ms: round(noopP95, 1),
    p95_ratio: round(bookingP95 / noopP95, 2),
    errors: booking.errors + baseline.errors,
    slot_taken: booking.slotTaken,
  };
}
