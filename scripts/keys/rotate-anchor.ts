/**
 * `npm run keys:rotate-anchor -- --new-key-file <file>`: lets a new anchoring key anchor. With the
 * contract admin's key (CHAIN_ADMIN_PRIVATE_KEY, by default ANCHOR_PRIVATE_KEY: the deployer is admin),
 * it grants ANCHORER_ROLE to the new key's address and sends it gas money if it has none. It refuses
 * while anchoring transactions are in flight: the worker re-signs a stuck transaction with whatever key
 * it has, so stop the worker and let the outbox drain first (README "Rotating the anchoring key").
 * `npm run keys:rotate-anchor -- --revoke <address>` removes an old key's role afterwards.
 * Runs under `--conditions=react-server` (package.json), like the worker, for the `server-only` guard.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPublicClient, createWalletClient, defineChain, http, parseEther, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { db } from "../../lib/db/client";
import { medAnchorAbi } from "../../lib/chain/generated/med-anchor-artifact";

const GAS_MONEY = parseEther("1");
const hexKey = z.string().trim().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex key");

function fail(message: string): never {
  console.error(`keys:rotate-anchor: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({ options: { "new-key-file": { type: "string" }, revoke: { type: "string" } } });
const env = z
  .object({
    CHAIN_RPC_URL: z.url(),
    CHAIN_ID: z.coerce.number().int().positive(),
    CONTRACT_ADDRESS: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    ANCHOR_PRIVATE_KEY: hexKey,
    CHAIN_ADMIN_PRIVATE_KEY: hexKey.optional(),
  })
  .safeParse(process.env);
if (!env.success) fail(env.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; "));
if (!values["new-key-file"] === !values.revoke) fail("pass either --new-key-file <file> or --revoke <address>");

const { CHAIN_RPC_URL: rpcUrl, CHAIN_ID: chainId } = env.data;
const contract = env.data.CONTRACT_ADDRESS as `0x${string}`;
const admin = privateKeyToAccount((env.data.CHAIN_ADMIN_PRIVATE_KEY ?? env.data.ANCHOR_PRIVATE_KEY) as Hex);
const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 500 });
const wallet = createWalletClient({ account: admin, chain, transport: http(rpcUrl) });
const role = await publicClient.readContract({ address: contract, abi: medAnchorAbi, functionName: "ANCHORER_ROLE" });
const adminRole = await publicClient.readContract({ address: contract, abi: medAnchorAbi, functionName: "DEFAULT_ADMIN_ROLE" });
if (!(await publicClient.readContract({ address: contract, abi: medAnchorAbi, functionName: "hasRole", args: [adminRole, admin.address] }))) {
  fail(`${admin.address} is not the contract's admin: set CHAIN_ADMIN_PRIVATE_KEY to the deployer's key`);
}

async function confirmed(hash: Hex, what: string) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") fail(`${what} failed (tx ${hash})`);
  console.log(`keys:rotate-anchor: ${what} (block ${receipt.blockNumber}, tx ${hash})`);
}

if (values.revoke) {
  const old = z.string().regex(/^0x[0-9a-fA-F]{40}$/).safeParse(values.revoke);
  if (!old.success) fail("--revoke takes a 0x address");
  await confirmed(await wallet.writeContract({ address: contract, abi: medAnchorAbi, functionName: "revokeRole", args: [role, old.data as `0x${string}`] }), `revoked ANCHORER_ROLE from ${old.data}`);
  process.exit(0);
}

const inFlight = await db().chainTransaction.count({ where: { state: { in: ["SIGNED", "SENT"] } } });
await db().$disconnect();
if (inFlight > 0) fail(`${inFlight} anchoring transactions are still in flight: let the worker confirm them, then stop it and run this again`);

const newKey = hexKey.safeParse(await readFile(values["new-key-file"]!, "utf8").catch(() => fail(`cannot read ${values["new-key-file"]}`)));
if (!newKey.success) fail(`${values["new-key-file"]} ${newKey.error.issues[0]!.message}`);
const anchorer = privateKeyToAccount(newKey.data as Hex).address;
if (await publicClient.readContract({ address: contract, abi: medAnchorAbi, functionName: "hasRole", args: [role, anchorer] })) {
  console.log(`keys:rotate-anchor: ${anchorer} already holds ANCHORER_ROLE`);
} else {
  await confirmed(await wallet.writeContract({ address: contract, abi: medAnchorAbi, functionName: "grantRole", args: [role, anchorer] }), `granted ANCHORER_ROLE to ${anchorer}`);
}
if ((await publicClient.getBalance({ address: anchorer })) === 0n) {
  await confirmed(await wallet.sendTransaction({ to: anchorer, value: GAS_MONEY }), `sent 1 ether of gas money to ${anchorer}`);
}
console.log(`keys:rotate-anchor: now set ANCHOR_PRIVATE_KEY to the new key, restart the app and the worker, then revoke the old key with --revoke ${privateKeyToAccount(env.data.ANCHOR_PRIVATE_KEY as Hex).address} (CHAIN_ADMIN_PRIVATE_KEY set to the admin's key)`);
// The pg pool behind Prisma can hold the event loop for seconds after disconnect.
process.exit(0);
