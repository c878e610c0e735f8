/**
 * `npm run chain:deploy`: deploys MedAnchor to CHAIN_RPC_URL (chain CHAIN_ID) from ANCHOR_PRIVATE_KEY,
 * which becomes the contract's admin and first anchorer, and prints `CONTRACT_ADDRESS=0x…` for the
 * environment. `npm run chain:deploy -- --check` instead verifies that CONTRACT_ADDRESS holds MedAnchor
 * code and that ANCHOR_PRIVATE_KEY may anchor there (what the first start of deploy/compose.yaml runs).
 * The deployer needs ether: deploy:genesis funds the anchoring key it generates.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPublicClient, defineChain, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { medAnchorAbi } from "../../lib/chain/generated/med-anchor-artifact";
import { deployContract } from "./deploy";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const env = z
  .object({
    CHAIN_RPC_URL: z.url(),
    CHAIN_ID: z.coerce.number().int().positive(),
    ANCHOR_PRIVATE_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
    CONTRACT_ADDRESS: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional()),
  })
  .safeParse(process.env);
if (!env.success) {
  console.error(`chain:deploy: ${env.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; ")}`);
  process.exit(1);
}
const { CHAIN_RPC_URL: rpcUrl, CHAIN_ID: chainId, ANCHOR_PRIVATE_KEY: privateKey, CONTRACT_ADDRESS: configured } = env.data;
const anchorer = privateKeyToAccount(privateKey as `0x${string}`).address;

if (values.check) {
  if (!configured) {
    console.error("chain:deploy --check: CONTRACT_ADDRESS is not set (run npm run chain:deploy first)");
    process.exit(1);
  }
  const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  const client = createPublicClient({ chain, transport: http(rpcUrl) });
  const address = configured as `0x${string}`;
  const [actualChainId, code] = await Promise.all([client.getChainId(), client.getCode({ address })]);
  if (actualChainId !== chainId) fail(`CHAIN_RPC_URL serves chain ${actualChainId}, CHAIN_ID says ${chainId}`);
  if (!code || code === "0x") fail(`no contract code at ${address} on chain ${chainId}`);
  const role = await client.readContract({ address, abi: medAnchorAbi, functionName: "ANCHORER_ROLE" });
  const mayAnchor = await client.readContract({ address, abi: medAnchorAbi, functionName: "hasRole", args: [role, anchorer] });
  if (!mayAnchor) fail(`${anchorer} (ANCHOR_PRIVATE_KEY) lacks ANCHORER_ROLE on ${address}`);
  console.log(`chain:deploy --check: MedAnchor at ${address} on chain ${chainId}; ${anchorer} may anchor`);
  process.exit(0);
}

if (configured) fail(`CONTRACT_ADDRESS is already set (${configured}); use --check, or unset it to deploy a new contract`);
const deployment = await deployContract({ rpcUrl, chainId, privateKey: privateKey as `0x${string}` }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
console.error(`chain:deploy: deployed in block ${deployment.blockNumber} (tx ${deployment.txHash}); admin and anchorer ${anchorer}`);
console.log(`CONTRACT_ADDRESS=${deployment.address}`);
process.exit(0);

function fail(message: string): never {
  console.error(`chain:deploy: ${message}`);
  process.exit(1);
}
