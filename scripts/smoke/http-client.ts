/**
 * The smoke test's browser: what the app's pages send over HTTP, without a browser. Sign-in goes
 * through Auth.js's CSRF + credentials endpoints (scripts/bench/http-session.ts); server actions are
 * posted the way React's encodeReply does (see scripts/bench/booking/http-actions.ts for the format),
 * by the build-specific ids read from the manifest; file bytes go to the streaming upload route.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { signIn as signInOverHttp } from "../bench/http-session";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** The id of a server action in this build, by source file and export name. */
export async function actionId(filename: string, exportedName: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} from ${filename} in this build (run npm run build)`);
  return found[0];
}

export interface ActionReply {
  status: number;
  /** Where a redirecting action sends the browser (x-action-redirect), or "". */
  redirect: string;
  /** The RSC payload: the action's return value is in it as JSON. */
  text: string;
}

/**
 * Posts a form to a server action as the browser does. `previousState` is given for useActionState
 * actions (arguments: previous state, form data); plain form actions take the form data alone.
 */
export async function postAction(baseUrl: string, pagePath: string, id: string, fields: Record<string, string>, options: { cookie?: string; previousState?: unknown } = {}): Promise<ActionReply> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  // The argument list comes last: React's decoder resolves "$K1" (the form data) from the parts it has read.
  body.append("0", JSON.stringify(options.previousState === undefined ? ["$K1"] : [options.previousState, "$K1"]));
  const response = await fetch(`${baseUrl}${pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, accept: "text/x-component", origin: baseUrl, ...(options.cookie ? { cookie: options.cookie } : {}) },
    body,
  });
  return { status: response.status, redirect: response.headers.get("x-action-redirect") ?? "", text: await response.text() };
}

/** Auth.js credentials sign-in with its CSRF token (the benchmarks' helper); returns the session's cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  return (await signInOverHttp(baseUrl, email, password)).cookie;
}

/** Streams a file's bytes to the upload route opened by openUploadAction. */
export async function putUpload(baseUrl: string, cookie: string, uploadId: string, bytes: Buffer, type: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/uploads/${uploadId}`, { method: "PUT", headers: { cookie, origin: baseUrl, "content-type": type }, body: new Uint8Array(bytes) });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`upload refused: HTTP ${response.status} ${text.slice(0, 200)}`);
}
