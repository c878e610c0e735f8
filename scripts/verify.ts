/**
 * Verifies a file against its MedAnchor receipt from the command line, trusting only the chain node:
 *
 *   npm run verify -- <file> <receipt.json> [--rpc <url>]
 *
 * The RPC URL defaults to CHAIN_RPC_URL, else the dev stack's anvil on its fixed port 8545.
 * Prints each step; exits 0 when all pass, 1 naming the failing step, 2 on a usage error.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { parseReceipt } from "../lib/verification/receipt-schema";
import { verifyReceipt } from "../lib/verification/verify-receipt";
import { anchorReaderForUrl } from "../lib/verification/viem-reader";
/**
 * The dev stack's anvil (scripts/services/stack.ts DEV_PORTS.chain). Not imported: that module pulls in
 * the service launchers, whose exit hooks overwrite this script's exit code.
 */
const DEV_CHAIN_RPC_URL = "http://127.0.0.1:8545";

const USAGE = "usage: npm run verify -- <file> <receipt.json> [--rpc <url>]";

function parseArgs(argv: string[]): { file: string; receipt: string; rpc: string } | null {
  const positional: string[] = [];
  let rpc = process.env.CHAIN_RPC_URL || DEV_CHAIN_RPC_URL;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--rpc") {
      const value = argv[(i += 1)];
      if (!value) return null;
      rpc = value;
    } else if (arg.startsWith("--rpc=")) rpc = arg.slice("--rpc=".length);
    else if (arg.startsWith("-")) return null;
    else positional.push(arg);
  }
  return positional.length === 2 ? { file: positional[0]!, receipt: positional[1]!, rpc } : null;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

const MARK = { passed: "PASS", failed: "FAIL", skipped: "SKIP" } as const;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
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
