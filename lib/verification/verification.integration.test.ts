/**
 * Verification three ways against the suite's real Postgres, S3 server and anvil: receipts (service and
 * route), the shared verify-receipt steps for single and batched anchors, the server's Verify (which
 * catches a stored object changed behind the app's back and an edited fingerprint in Postgres), the
 * command line, and the read-only RPC proxy.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { encodeFunctionData, type Hex } from "viem";
import { GET as receiptGet } from "@/app/api/documents/[documentId]/receipt/route";
import { POST as rpcPost } from "@/app/api/rpc/route";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { BATCH_MIN_DOCUMENTS } from "@/lib/anchors/chain-calls";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { putObjectStream } from "@/lib/storage/object-storage";
import { createPatient, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { beginRequest } from "@/scripts/test-support/request-scope";
import { getDocumentReceipt, NOT_ANCHORED_MESSAGE } from "./receipt";
import { parseReceipt, type AnchorReceipt } from "./receipt-schema";
import { RPC_BATCH_LIMIT, RPC_BODY_LIMIT_BYTES } from "./rpc-proxy";
import { verifyReceipt } from "./verify-receipt";
import { verifyStoredDocument } from "./verify-stored-document";
import { viemAnchorReader } from "./viem-reader";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

let patient: TestPatient;
let otherPatient: TestPatient;
let workDir: string;

beforeAll(async () => {
  patient = await createPatient();
  otherPatient = await createPatient();
  workDir = await mkdtemp(path.join(tmpdir(), "medanchor-verify-"));
});

afterAll(async () => {
  await deleteTestData();
  await rm(workDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const reader = () => viemAnchorReader(chainPublicClient(), contractAddress());
const statuses = (steps: { id: string; status: string }[]) => Object.fromEntries(steps.map((s) => [s.id, s.status]));

/** One byte changed in the middle: same size, different file. */
function oneByteChanged(bytes: Buffer): Buffer {
  const changed = Buffer.from(bytes);
  const middle = Math.floor(changed.length / 2);
  changed[middle] = changed[middle]! ^ 0x01;
  return changed;
}

async function receiptOf(documentId: string): Promise<AnchorReceipt> {
  const result = await getDocumentReceipt(patient.actor, { documentId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.receipt;
}

describe("receipts", () => {
  it("are refused (409 over the route) until the anchor is confirmed, then download as JSON with no personal data", async () => {
    const bytes = testPdf("receipt");
    const documentId = await storeTestDocument(patient.actor, bytes, { title: "Blood panel: März/2026 \"final\"" });
    expect(await getDocumentReceipt(patient.actor, { documentId })).toEqual({ ok: false, error: { code: "CONFLICT", message: NOT_ANCHORED_MESSAGE } });

    const get = (sessionId: string | undefined) => {
      beginRequest(sessionId);
      return receiptGet(new Request(`http://localhost/api/documents/${documentId}/receipt`), { params: Promise.resolve({ documentId }) });
    };
    expect((await get(patient.sessionId)).status).toBe(409);
    await anchorPending();
    expect((await get(undefined)).status).toBe(401);
    expect((await get(otherPatient.sessionId)).status).toBe(404);

    const response = await get(patient.sessionId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Blood panel_ M_rz_2026 _final_-receipt.json"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const parsed = parseReceipt(text);
    expect(parsed.ok).toBe(true);
    const anchor = await db().anchor.findFirstOrThrow({ where: { subjectId: documentId, kind: "DOCUMENT", action: "RECORD" } });
    expect(JSON.parse(text)).toEqual({
      version: 1,
      chainId: serverEnv().chain.chainId,
      contract: contractAddress(),
      documentId,
      anchorId: anchor.anchorId,
      salt: anchor.salt,
      sha256: sha256(bytes),
      commitment: anchor.commitment,
      txHash: anchor.txHash,
      blockNumber: Number(anchor.blockNumber),
      blockTime: anchor.blockTime!.toISOString(),
      batch: null,
    });
    expect(text).not.toMatch(/Blood|panel|@example/);
    const audited = await db().auditEvent.findFirst({ where: { action: "document.receipt", subjectId: documentId, actorId: patient.user.id } });
    expect(audited?.outcome).toBe("ALLOW");
  });
});

describe("verifyReceipt (the steps shared by server, browser and command line)", () => {
  let single: { bytes: Buffer; receipt: AnchorReceipt };
  let batched: { bytes: Buffer; receipt: AnchorReceipt };

  beforeAll(async () => {
    const bytes = testPdf("single");
    const documentId = await storeTestDocument(patient.actor, bytes, { title: "single" });
    await anchorPending();
    single = { bytes, receipt: await receiptOf(documentId) };

    const many: { bytes: Buffer; id: string }[] = [];
    for (let i = 0; i < BATCH_MIN_DOCUMENTS + 1; i += 1) {
      const doc = testPdf(`batched ${i}`);
      many.push({ bytes: doc, id: await storeTestDocument(patient.actor, doc, { title: `batched ${i}` }) });
    }
    await anchorPending();
    batched = { bytes: many[2]!.bytes, receipt: await receiptOf(many[2]!.id) };
  });

  it("passes every step for a document anchored on its own", async () => {
    expect(single.receipt.batch).toBeNull();
    const report = await verifyReceipt(sha256(single.bytes), single.receipt, reader());
    expect(statuses(report.steps)).toEqual({ fingerprint: "passed", commitment: "passed", chain: "passed", time: "passed" });
    expect(report).toMatchObject({ verified: true, firstProblem: null });
  });

  it("passes every step for a document anchored in a Merkle batch", async () => {
    expect(batched.receipt.batch?.proof.length).toBeGreaterThan(0);
    const report = await verifyReceipt(sha256(batched.bytes), batched.receipt, reader());
    expect(statuses(report.steps)).toEqual({ fingerprint: "passed", commitment: "passed", chain: "passed", time: "passed" });
    expect(report.steps.find((s) => s.id === "chain")!.explanation).toContain(`batch ${batched.receipt.batch!.root}`);
  });

  it("fails at step 1 for a one-byte-changed file, saying so in words, while the receipt's own anchoring still checks out", async () => {
    for (const { bytes, receipt } of [single, batched]) {
      const report = await verifyReceipt(sha256(oneByteChanged(bytes)), receipt, reader());
      expect(report.verified).toBe(false);
      expect(report.firstProblem).toMatchObject({ id: "fingerprint", status: "failed" });
      expect(report.firstProblem!.explanation).toMatch(/^The file's fingerprint does not match the receipt: the file was changed or it is a different file\./);
      expect(statuses(report.steps)).toEqual({ fingerprint: "failed", commitment: "passed", chain: "passed", time: "passed" });
    }
  });

  it("catches an altered receipt: salt, commitment, Merkle proof, anchor id, time, block and chain", async () => {
    const hash = sha256(single.bytes);
    const flip = (hex: Hex): Hex => `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}` as Hex;
    const cases: [Partial<AnchorReceipt>, string, RegExp][] = [
      [{ salt: flip(single.receipt.salt) }, "commitment", /the receipt was altered/],
      [{ commitment: flip(single.receipt.commitment) }, "commitment", /the receipt was altered/],
      [{ anchorId: flip(single.receipt.anchorId) }, "chain", /has no record under id/],
      [{ blockTime: new Date(Date.parse(single.receipt.blockTime) + 60_000).toISOString() }, "time", /but the receipt says/],
      [{ blockNumber: single.receipt.blockNumber + 1_000_000 }, "time", /has no block/],
      [{ chainId: 1 }, "chain", /is for chain 1/],
    ];
    for (const [change, step, explanation] of cases) {
      const report = await verifyReceipt(hash, { ...single.receipt, ...change }, reader());
      const problem = report.steps.find((s) => s.status === "failed");
      expect({ change, step: problem?.id }).toEqual({ change, step });
      expect(problem!.explanation).toMatch(explanation);
    }
    const proof = [...batched.receipt.batch!.proof];
    proof[0] = flip(proof[0]!);
    const report = await verifyReceipt(sha256(batched.bytes), { ...batched.receipt, batch: { root: batched.receipt.batch!.root, proof } }, reader());
    expect(report.firstProblem).toMatchObject({ id: "chain", status: "failed", explanation: expect.stringMatching(/Merkle proof does not lead/) });
  });

  it("says so when the chain cannot be read", async () => {
    const unreachable = viemAnchorReader((await import("viem")).createPublicClient({ transport: (await import("viem")).http("http://127.0.0.1:9", { retryCount: 0, timeout: 2_000 }) }), contractAddress());
    const report = await verifyReceipt(sha256(single.bytes), single.receipt, unreachable);
    expect(statuses(report.steps)).toEqual({ fingerprint: "passed", commitment: "passed", chain: "failed", time: "skipped" });
    expect(report.firstProblem!.explanation).toMatch(/The chain could not be read .*Check the RPC URL/);
  });

  describe("the command line (npm run verify)", () => {
    const cli = async (file: string, receipt: string) => {
      try {
        const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/verify.ts"), file, receipt, "--rpc", serverEnv().chain.rpcUrl], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: "test" } });
        return { code: 0, stdout };
      } catch (error) {
        const failure = error as { code: number; stdout: string; stderr: string };
        return { code: failure.code, stdout: failure.stdout + failure.stderr };
      }
    };

    it("exits 0 when every step passes and 1 naming the failing step", async () => {
      const receiptFile = path.join(workDir, "receipt.json");
      await writeFile(receiptFile, JSON.stringify(batched.receipt, null, 2));
      const good = path.join(workDir, "scan.pdf");
      await writeFile(good, batched.bytes);
      const passed = await cli(good, receiptFile);
      expect(passed.stdout).toContain("VERIFIED: the file is exactly the one anchored on chain.");
      expect(passed.code).toBe(0);
      expect(passed.stdout.match(/^PASS {2}\d\./gm)).toHaveLength(4);

      const changed = path.join(workDir, "changed.pdf");
      await writeFile(changed, oneByteChanged(batched.bytes));
      const failed = await cli(changed, receiptFile);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain("NOT VERIFIED: step 1 (File fingerprint) failed: The file's fingerprint does not match the receipt: the file was changed or it is a different file.");

      const notAReceipt = path.join(workDir, "not-a-receipt.json");
      await writeFile(notAReceipt, JSON.stringify({ hello: "world" }));
      expect((await cli(good, notAReceipt)).code).toBe(2);
    });
  });
});

describe("server Verify (verifyStoredDocument)", () => {
  it("passes for an anchored document, and only chain steps wait before anchoring", async () => {
    const documentId = await storeTestDocument(patient.actor, testPdf("server verify"), { title: "server verify" });
    const before = await verifyStoredDocument(patient.actor, { documentId });
    expect(before.ok && { anchored: before.value.anchored, steps: statuses(before.value.steps) }).toEqual({
      anchored: false,
      steps: { storage: "passed", fingerprint: "passed", commitment: "skipped", chain: "skipped", time: "skipped" },
    });
    await anchorPending();
    const after = await verifyStoredDocument(patient.actor, { documentId });
    expect(after.ok && { verified: after.value.verified, steps: statuses(after.value.steps) }).toEqual({
      verified: true,
      steps: { storage: "passed", fingerprint: "passed", commitment: "passed", chain: "passed", time: "passed" },
    });
    expect(await verifyStoredDocument(otherPatient.actor, { documentId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await verifyStoredDocument(null, { documentId })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("catches a fingerprint edited in Postgres", async () => {
    const documentId = await storeTestDocument(patient.actor, testPdf("edited row"), { title: "edited row" });
    await anchorPending();
    await db().document.update({ where: { id: documentId }, data: { sha256: "ab".repeat(32) } });
    const result = await verifyStoredDocument(patient.actor, { documentId });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.verified).toBe(false);
    expect(statuses(result.value.steps)).toMatchObject({ storage: "passed", fingerprint: "failed", commitment: "failed" });
    expect(result.value.firstProblem!.explanation).toMatch(/does not match the one recorded when it was uploaded .*: the stored file or its record was changed\./);
  });

  it("catches a stored object changed behind the app's back", async () => {
    const documentId = await storeTestDocument(patient.actor, testPdf("changed object"), { title: "changed object" });
    await anchorPending();
    const { storageKey } = await db().document.findUniqueOrThrow({ where: { id: documentId }, select: { storageKey: true } });
    await putObjectStream(storageKey, Buffer.from("not the ciphertext that was stored"));
    const result = await verifyStoredDocument(patient.actor, { documentId });
    expect(result.ok && { verified: result.value.verified, steps: statuses(result.value.steps) }).toEqual({
      verified: false,
      steps: { storage: "failed", fingerprint: "skipped", commitment: "passed", chain: "passed", time: "passed" },
    });
    expect(result.ok && result.value.firstProblem!.explanation).toMatch(/no longer decrypts/);
  });
});

describe("the read-only RPC proxy (/api/rpc)", () => {
  const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    rpcPost(new Request("http://localhost/api/rpc", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
  const call = (method: string, params: unknown[] = [], id: number | string = 1) => ({ jsonrpc: "2.0", id, method, params });

  it("answers eth_call, eth_chainId and bounded eth_getLogs from the chain", async () => {
    const data = encodeFunctionData({ abi: medAnchorAbi, functionName: "getBatch", args: [`0x${"11".repeat(32)}`] });
    const response = await post(call("eth_call", [{ to: contractAddress(), data }, "latest"], "a"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ jsonrpc: "2.0", id: "a", result: `0x${"0".repeat(128)}` });
    expect(await (await post(call("eth_chainId"))).json()).toEqual({ jsonrpc: "2.0", id: 1, result: `0x${serverEnv().chain.chainId.toString(16)}` });
    const logs = (await (await post(call("eth_getLogs", [{ address: contractAddress(), fromBlock: "0x0", toBlock: "latest" }]))).json()) as { result: unknown[] };
    expect(Array.isArray(logs.result)).toBe(true);
  });

  it("refuses transactions, signing and node control with a JSON-RPC error, never reaching the node", async () => {
    const blockBefore = await chainPublicClient().getBlockNumber({ cacheTime: 0 });
    for (const method of ["eth_sendRawTransaction", "eth_sendTransaction", "eth_sign", "personal_sign", "anvil_setBalance", "anvil_mine", "anvil_impersonateAccount", "evm_mine", "evm_snapshot", "evm_revert", "debug_traceTransaction", "admin_peers", "eth_accounts"]) {
      const answer = await (await post(call(method, method === "eth_sendRawTransaction" ? ["0x02f8"] : []))).json();
      expect(answer, method).toEqual({ jsonrpc: "2.0", id: 1, error: { code: -32601, message: expect.stringContaining("read-only") } });
    }
    expect(await chainPublicClient().getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
  });

  it("answers batches in order, refusing only the calls that are not reads", async () => {
    const answers = (await (await post([call("eth_blockNumber", [], 1), call("evm_mine", [], 2), call("eth_chainId", [], 3), { nonsense: true }])).json()) as { id: unknown; result?: string; error?: { code: number } }[];
    expect(answers.map((a) => [a.id, a.result !== undefined ? "result" : a.error!.code])).toEqual([
      [1, "result"],
      [2, -32601],
      [3, "result"],
      [null, -32600],
    ]);
    const tooMany = await (await post(Array.from({ length: RPC_BATCH_LIMIT + 1 }, (_, i) => call("eth_chainId", [], i)))).json();
    expect(tooMany).toMatchObject({ error: { code: -32600 } });
  });

  it("bounds bodies, log ranges and eth_call parameters, and rejects what is not JSON-RPC", async () => {
    const huge = await post(call("eth_call", [{ data: `0x${"00".repeat(RPC_BODY_LIMIT_BYTES)}` }]));
    expect(huge.status).toBe(413);
    expect(await (await post(call("eth_getLogs", [{ fromBlock: "0x0", toBlock: "0xf4240" }]))).json()).toMatchObject({ error: { code: -32005 } });
    expect(await (await post(call("eth_call", [{ to: contractAddress(), data: "0x" }, "latest", { [contractAddress()]: { code: "0x00" } }]))).json()).toMatchObject({ error: { code: -32602 } });
    expect(await (await post("{not json")).json()).toMatchObject({ error: { code: -32700 } });
    expect((await post(call("eth_chainId"), { "content-type": "text/plain" })).status).toBe(415);
  });
});
