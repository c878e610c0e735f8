import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

const resultSchema = z.object({
  documents: z.number(),
  verified: z.number(),
  pending: z.number(),
  failed: z.array(z.object({ documentId: z.string(), step: z.string(), explanation: z.string() })),
});
export type DocumentCheck = z.infer<typeof resultSchema>;

/** Runs scripts/backup/verify-documents.ts against the stack `env` describes and returns its verdict. */
export async function checkEveryDocument(env: Record<string, string>): Promise<DocumentCheck> {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts/backup/verify-documents.ts")], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return resultSchema.parse(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"));
}
