/**
 * What users do during a fault, over HTTP against the app as a browser does it, counted: every request,
 * every error a user would see (an HTTP error with its code, or the connection dropping), and every
 * write the app acknowledged, so that it can be looked for once the system has recovered.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { actionId, book, type Slot } from "../bench/booking/http-actions";
import { signIn, type HttpSession } from "../bench/http-session";
import { pdfPayload } from "../bench/upload/payload";

export interface Tally {
  requests: number;
  errors: number;
  /** A few of the errors, as users saw them (status and code, or the network failure). */
  examples: string[];
  uploads: { documentId: string; sha256: string }[];
  bookings: { patientEmail: string; idempotencyKey: string }[];
}

export const newTally = (): Tally => ({ requests: 0, errors: 0, examples: [], uploads: [], bookings: [] });

function failed(tally: Tally, what: string): void {
  tally.errors += 1;
  if (tally.examples.length < 4 && !tally.examples.includes(what)) tally.examples.push(what);
}

const describe = (error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return cause ?? (error instanceof Error ? error.message.slice(0, 80) : String(error));
};

export interface OpenedUpload {
  uploadId: string;
  bytes: Buffer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class User {
  private constructor(
    readonly session: HttpSession,
    private readonly openUploadId: string,
    private readonly bookId: string,
  ) {}

  static async signIn(url: string, email: string, password: string): Promise<User> {
    const [openUploadId, bookId] = await Promise.all([actionId("app/patient/documents/actions.ts", "openUploadAction"), actionId("app/patient/actions.ts", "bookAppointmentAction")]);
    return new User(await signIn(url, email, password), openUploadId, bookId);
  }

  /** Opens an upload then streams the file; `slowly` as in put(). Acknowledged (201) uploads are recorded. */
  async upload(tally: Tally, size: number, options: { slowly?: boolean } = {}): Promise<boolean> {
    const opened = await this.openUpload(tally, size);
    return opened ? this.put(tally, opened, options) : false;
  }

  /** The control plane of an upload: the server action the upload form calls, with the file's declared size and type. */
  async openUpload(tally: Tally, size: number): Promise<OpenedUpload | null> {
    const url = this.session.url;
    const form = new FormData();
    for (const [name, value] of Object.entries({ title: `fault suite ${randomUUID().slice(0, 8)}`, kind: "OTHER", declaredType: "application/pdf", declaredSize: String(size) })) form.append(`_1_${name}`, value);
    form.append("0", JSON.stringify(["$K1"]));
    tally.requests += 1;
    try {
      const response = await fetch(`${url}/patient/documents`, { method: "POST", headers: { "next-action": this.openUploadId, accept: "text/x-component", origin: url, cookie: this.session.cookie }, body: form });
      const text = (await response.text()).replaceAll('\\"', '"');
      const opened = /"uploadId":"([^"]+)"/.exec(text);
      if (!response.ok || !opened) return (failed(tally, `open upload: HTTP ${response.status} ${/"code":"([A-Z_]+)"/.exec(text)?.[1] ?? ""}`.trim()), null);
      return { uploadId: opened[1]!, bytes: pdfPayload(size) };
    } catch (error) {
      return (failed(tally, `open upload: ${describe(error)}`), null);
    }
  }

  /** The data plane: PUT of the bytes. `slowly` paces them over about a second, so a fault can strike while they flow. */
  async put(tally: Tally, { uploadId, bytes }: OpenedUpload, options: { slowly?: boolean } = {}): Promise<boolean> {
    const url = this.session.url;
    tally.requests += 1;
    const chunk = 64 * 1024;
    const body = options.slowly
      ? (Readable.toWeb(
          Readable.from(
            (async function* () {
              for (let offset = 0; offset < bytes.length; offset += chunk) {
                yield bytes.subarray(offset, offset + chunk);
                await sleep(1_000 / Math.ceil(bytes.length / chunk));
              }
            })(),
          ),
        ) as ReadableStream<Uint8Array>)
      : bytes;
    try {
      const response = await fetch(`${url}/api/uploads/${uploadId}`, {
        method: "PUT",
        headers: { cookie: this.session.cookie, origin: url, "content-type": "application/pdf" },
        body,
        ...(options.slowly ? { duplex: "half" } : {}),
      } as RequestInit);
      const result = (await response.json().catch(() => ({}))) as { documentId?: string; sha256?: string; code?: string };
      if (response.status !== 201 || !result.documentId) return (failed(tally, `upload: HTTP ${response.status} ${result.code ?? ""}`.trim()), false);
      tally.uploads.push({ documentId: result.documentId, sha256: createHash("sha256").update(bytes).digest("hex") });
      return true;
    } catch (error) {
      return (failed(tally, `upload: ${describe(error)}`), false);
    }
  }

  /** Books `slot` under `idempotencyKey` (a resubmit reuses it); true once the app confirmed the booking. */
  async book(tally: Tally, slot: Slot, idempotencyKey: string = randomUUID()): Promise<boolean> {
    tally.requests += 1;
    try {
      const [outcome, detail] = await book({ url: this.session.url, bookId: this.bookId, noopId: "" }, this.session.cookie, slot, idempotencyKey);
      if (outcome === "ok") {
        tally.bookings.push({ patientEmail: this.session.email, idempotencyKey });
        return true;
      }
      failed(tally, `book: ${outcome === "SLOT_TAKEN" ? "SLOT_TAKEN" : detail.slice(0, 60)}`);
    } catch (error) {
      failed(tally, `book: ${describe(error)}`);
    }
    return false;
  }
}
