/**
 * The development SMTP server: accepts every mail (smtp-server from npm) and keeps it as an .eml file,
 * so nothing leaves the machine. A small HTTP listing next to it serves /dev/inbox and the tests:
 *   GET  /messages         received mails, newest first, parsed by mailparser
 *   POST /refuse?code=451  answer every following mail with that SMTP code (no code: accept again),
 *                          so tests can watch the sender back off.
 * Runs in the process that starts the stack: it is a few sockets, not worth a child process.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { assertPortFree } from "./net";
import type { RunningService } from "./service-error";

const COMPONENT = "mail";
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface MailCatcherOptions {
  dataDir: string;
  smtpPort: number;
  httpPort: number;
}

export interface RunningMailCatcher extends RunningService {
  /** The HTTP listing (DEV_INBOX_URL). */
  readonly inboxUrl: string;
}

/** What GET /messages returns for each mail; lib/mail/dev-inbox.ts parses the same shape. */
export interface CaughtMail {
  id: string;
  receivedAt: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export async function startMailCatcher({ dataDir, smtpPort, httpPort }: MailCatcherOptions): Promise<RunningMailCatcher> {
  await Promise.all([assertPortFree(COMPONENT, smtpPort), assertPortFree(COMPONENT, httpPort)]);
  await mkdir(dataDir, { recursive: true });
  let refuseWith: number | null = null;

  const smtp = new SMTPServer({
    // A local catcher: no TLS to negotiate (nodemailer would reject its self-signed certificate) and any login accepted.
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: "dev" }),
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuseWith !== null) return callback(Object.assign(new Error("refused by the dev catcher"), { responseCode: refuseWith }));
        const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`;
        writeFile(path.join(dataDir, name), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(smtpPort, "127.0.0.1", () => resolve());
  });

  const http: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://catcher");
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && url.pathname === "/messages") {
      listMessages(dataDir).then((messages) => reply(200, messages), (error: unknown) => reply(500, { error: String(error) }));
    } else if (request.method === "POST" && url.pathname === "/refuse") {
      const code = url.searchParams.get("code");
      refuseWith = code && /^[45]\d\d$/.test(code) ? Number(code) : null;
      reply(200, { refuseWith });
    } else {
      reply(404, { error: "not found" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(httpPort, "127.0.0.1", () => resolve());
  });

  return {
    component: COMPONENT,
    url: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async stop() {
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => http.close(() => resolve()))]);
    },
  };
}

async function listMessages(dataDir: string): Promise<CaughtMail[]> {
  const names = (await readdir(dataDir)).filter((name) => name.endsWith(".eml")).sort().reverse();
  return Promise.all(
    names.map(async (name) => {
      const parsed = await simpleParser(await readFile(path.join(dataDir, name)));
      const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((group) => group.value.map((a) => a.address ?? ""));
      return {
        id: name.replace(/\.eml$/, ""),
        receivedAt: (parsed.date ?? new Date()).toISOString(),
        messageId: parsed.messageId ?? null,
        from: parsed.from?.text ?? "",
        to,
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : null,
      };
    }),
  );
}
