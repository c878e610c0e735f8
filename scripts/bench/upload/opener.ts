/**
 * Child-process entry of the upload benchmark (forked by open-uploads.ts with `--conditions=react-server`
 * and the isolated stack's environment): opens uploads with the real openUpload service, for the signed-in
 * demo patient, until the parent disconnects. There is no HTTP entry for the control plane of an upload yet.
 */
import { register } from "node:module";
import type { OpenerReply, OpenerRequest } from "./open-uploads";

/** As in ../booking/worker.ts: lib/auth/current-actor imports `next/navigation`; use its server build. */
const NEXT_NAVIGATION_FOR_SERVER = `export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier === "next/navigation" ? "next/dist/client/components/navigation.react-server.js" : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(NEXT_NAVIGATION_FOR_SERVER)}`);

const { db } = await import("@/lib/db/client");
const { openSession } = await import("@/lib/auth/sessions");
const { loadActor } = await import("@/lib/auth/current-actor");
const { openUpload } = await import("@/lib/documents/open-upload");

const reply = (message: OpenerReply) => {
  if (process.connected) process.send?.(message);
};

async function open({ id, email, size }: OpenerRequest): Promise<OpenerReply> {
  const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, sessionVersion: true } });
  const actor = await loadActor(await openSession(user.id, user.sessionVersion));
  // The benchmark's sizes go past the default 50 MiB limit; the data plane enforces the declared size.
  const opened = await openUpload(actor, { title: `bench ${size}`, kind: "OTHER", declaredType: "application/pdf", declaredSize: size }, undefined, { maxBytes: size });
  return opened.ok ? { id, uploadId: opened.value.uploadId, documentId: opened.value.documentId } : { id, error: opened.error.message };
}

process.on("message", (request: OpenerRequest) => {
  void open(request).then(reply, (error: unknown) => reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }));
});
process.on("disconnect", () => process.exit(0));
reply({ id: -1, ready: true });
