/**
 * The benchmark's client for the app's data plane, on `node:http` with a keep-alive agent: the transport
 * the AWS SDK's NodeHttpHandler uses for the raw S3 baseline. Node 20's fetch (undici) spends about 2 s of
 * CPU per 256 MiB request body, several times what node:http does; on a 2-core machine that CPU is taken
 * from the app server under test, so a fetch client would charge its own cost to the app's ratio.
 */
import http from "node:http";
import type { Readable } from "node:stream";
import type { HttpSession } from "../http-session";

/**
 * Keep-alive like the SDK's agent. A `timeout` makes Node's agent honour the server's `Keep-Alive: timeout=5`
 * hint and drop idle sockets a second before the server does, instead of reusing one the server is just
 * closing ("socket hang up" after a pause between phases).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16, timeout: 60_000 });

/** PUTs `body` (a buffer, or a stream of exactly `length` bytes) to the upload route; resolves on 201. */
export function appPut(session: HttpSession, uploadId: string, body: Buffer | Readable, length = (body as Buffer).length): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${session.url}/api/uploads/${uploadId}`,
      { method: "PUT", agent, headers: { cookie: session.cookie, origin: session.url, "content-type": "application/pdf", "content-length": length } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("error", reject);
        response.on("end", () => (response.statusCode === 201 ? resolve() : reject(new Error(`upload failed: HTTP ${response.statusCode} ${text}`))));
      },
    );
    request.on("error", reject);
    if (Buffer.isBuffer(body)) request.end(body);
    else body.on("error", (error) => request.destroy(error)).pipe(request);
  });
}

/** GETs a document's content and resolves with the number of bytes read. */
export function appGet(session: HttpSession, documentId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${session.url}/api/documents/${documentId}/content`, { agent, headers: { cookie: session.cookie } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return reject(new Error(`download failed: HTTP ${response.statusCode}`));
      }
      let length = 0;
      response.on("data", (chunk: Buffer) => (length += chunk.length));
      response.on("error", reject);
      response.on("end", () => resolve(length));
    });
    request.on("error", reject);
  });
}
