/**
 * Verifies a file against its MedAnchor receipt from the command line, trusting only the chain node:
 *
 *   npm run verify -- <file> <receipt.json> [--rpc <url>]
 *   npm run verify -- --export <archive.zip> [--rpc <url>]
 *
 * The RPC URL defaults to CHAIN_RPC_URL, else the dev stack's anvil on its fixed port 8545.
 * A file: prints each step; exits 0 when all pass, 1 naming the failing step, 2 on a usage error.
 * An export archive: prints one line per file (PASS, FAIL or PENDING: exported before anchoring);
 * exits 0 when no file fails, 1 naming the failing files, 2 on a usage error or an unreadable archive.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { verifyExport } from "../lib/export/verify-export";
import { parseReceipt } from "../lib/verification/receipt-schema";
import { verifyReceipt } from "../lib/verification/verify-receipt";
import { anchorReaderForUrl } from "../lib/verification/viem-reader";
/**
 * The dev stack's anvil (scripts/services/stack.ts DEV_PORTS.chain). Not imported: that module pulls in
 * the service launchers, whose exit hooks overwrite this script's exit code.
 */
const DEV_CHAIN_RPC_URL = "http://127.0.0.1:8545";

const USAGE = "usage: npm run verify -- <file> <receipt.json> [--rpc <url>]\n       npm run verify -- --export <archive.zip> [--rpc <url>]";

type Args = { mode: "file"; file: string; receipt: string; rpc: string } | { mode: "export"; archive: string; rpc: string };

function parseArgs(argv: string[]): Args | null {
  const positional: string[] = [];
  let rpc = process.env.CHAIN_RPC_URL || DEV_CHAIN_RPC_URL;
  let archive: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--rpc" || arg === "--export") {
      const value = argv[(i += 1)];
      if (!value) return null;
      if (arg === "--rpc") rpc = value;
      else archive = value;
    } else if (arg.startsWith("--rpc=")) rpc = arg.slice("--rpc=".length);
    else if (arg.startsWith("--export=")) archive = arg.slice("--export=".length);
    else if (arg.startsWith("-")) return null;
    else positional.push(arg);
  }
  if (archive !== undefined) return archive && positional.length === 0 ? { mode: "export", archive, rpc } : null;
  return positional.length === 2 ? { mode: "file", file: positional[0]!, receipt: positional[1]!, rpc } : null;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

const MARK = { passed: "PASS", failed: "FAIL", skipped: "SKIP" } as const;

async function verifyArchive(args: Extract<Args, { mode: "export" }>): Promise<number> {
  const result = await verifyExport(args.archive, (receipt) => anchorReaderForUrl(args.rpc, receipt.contract));
  if (!result.ok) {
    console.error(result.message);
    return 2;
  }
  const { manifest, verdicts } = result;
  console.log(`Archive   ${args.archive}`);
  console.log(`Exported  ${manifest.createdAt} by a ${manifest.exportedBy.role.toLowerCase()} (${manifest.scope} records), ${manifest.files.length} files`);
  console.log(`Contract  ${manifest.contract} on chain ${manifest.chainId}`);
  console.log(`RPC       ${args.rpc}`);
  console.log("");
  for (const verdict of verdicts) console.log(`${verdict.status.padEnd(7)}  ${verdict.path}  ${verdict.reason}`);
  console.log("");
  const count = (status: string) => verdicts.filter((v) => v.status === status).length;
  const failed = verdicts.filter((v) => v.status === "FAIL");
  if (failed.length === 0) {
    console.log(`VERIFIED: ${count("PASS")} files match their receipts and the chain${count("PENDING") ? `; ${count("PENDING")} not anchored yet when exported` : ""}.`);
    return 0;
  }
  console.log(`NOT VERIFIED: ${failed.length} failed: ${failed.map((v) => v.path).join(", ")}`);
  return 1;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  if (args.mode === "export") return verifyArchive(args);
  let receiptText: string;
  let fileSha256: string;
  try {
    [receiptText, fileSha256] = await Promise.all([readFile(args.receipt, "utf8"), sha256File(args.file)]);
  } catch (error) {
    console.error(`Cannot read input: ${(error as Error).message}`);
    return 2;
  }
  const parsed = parseReceipt(receiptText);
  if (!parsed.ok) {
    console.error(parsed.message);
    return 2;
  }
  const { receipt } = parsed;
  console.log(`File      ${args.file}`);
  console.log(`SHA-256   ${fileSha256}`);
  console.log(`Receipt   chain ${receipt.chainId}, contract ${receipt.contract}, ${receipt.batch ? `batch ${receipt.batch.root}` : `id ${receipt.anchorId}`}`);
  console.log(`RPC       ${args.rpc}`);
  console.log("");
  const report = await verifyReceipt(fileSha256, receipt, anchorReaderForUrl(args.rpc, receipt.contract));
  report.steps.forEach((step, index) => {
    console.log(`${MARK[step.status]}  ${index + 1}. ${step.title}`);
    console.log(`      ${step.explanation}`);
  });
  console.log("");
  if (report.verified) {
    console.log("VERIFIED: the file is exactly the one anchored on chain.");
    return 0;
  }
  const failed = report.firstProblem!;
  console.log(`NOT VERIFIED: step ${report.steps.indexOf(failed) + 1} (${failed.title}) ${failed.status === "failed" ? "failed" : "could not be checked"}: ${failed.explanation}`);
  return 1;
}

process.exitCode = await main();
