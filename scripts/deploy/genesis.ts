/**
 * `npm run deploy:genesis -- [--chain-id 1337] [--out deploy/besu/network] [--force]`: generates the
 * keys and genesis of deploy/compose.yaml's Besu network: four QBFT validator keys (one directory per
 * node), the nodes' shared config.toml (bootnodes by enode id), an anchoring key funded at genesis (it deploys the contract
 * and anchors), and genesis.json whose extraData names the four validators. Keys are secrets: the output
 * directory is git-ignored (deploy/.gitignore); back it up with the rest of the deployment's secrets.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { besuConfigToml, qbftGenesis } from "./qbft-genesis";

const VALIDATORS = 4;
const ROOT = path.resolve(import.meta.dirname, "../..");

const { values } = parseArgs({ options: { "chain-id": { type: "string", default: "1337" }, out: { type: "string", default: "deploy/besu/network" }, force: { type: "boolean", default: false } } });
const chainId = z.coerce.number().int().positive().parse(values["chain-id"]);
const out = path.resolve(ROOT, values.out!);
if (existsSync(path.join(out, "genesis.json")) && !values.force) {
  console.error(`deploy:genesis: ${path.relative(ROOT, out)}/genesis.json exists; a new genesis is a new chain (pass --force to replace it)`);
  process.exit(1);
}

const validatorKeys = Array.from({ length: VALIDATORS }, () => generatePrivateKey());
const anchorKey = generatePrivateKey();
const anchor = privateKeyToAccount(anchorKey);

const validators: `0x${string}`[] = [];
const enodeIds: string[] = [];
for (const [index, key] of validatorKeys.entries()) {
  const account = privateKeyToAccount(key);
  const dir = path.join(out, `validator${index + 1}`);
  await mkdir(dir, { recursive: true });
  // Besu reads the node key file as 0x-prefixed hex; the enode id is the uncompressed public key without its 0x04 prefix.
  await writeFile(path.join(dir, "key"), key, { mode: 0o600 });
  enodeIds.push(account.publicKey.slice(4));
  validators.push(account.address);
}
await writeFile(path.join(out, "anchor.key"), `${anchorKey}\n`, { mode: 0o600 });
await writeFile(path.join(out, "config.toml"), besuConfigToml(enodeIds));
await writeFile(path.join(out, "genesis.json"), `${JSON.stringify(qbftGenesis({ chainId, validators, funded: [anchor.address] }), null, 2)}\n`);

console.log(`deploy:genesis: chain ${chainId}, validators ${validators.join(", ")}`);
console.log(`deploy:genesis: wrote ${path.relative(ROOT, out)}/{genesis.json, config.toml, validator1..${VALIDATORS}/key, anchor.key}`);
console.log(`deploy:genesis: ${anchor.address} is funded at genesis: put ${path.relative(ROOT, out)}/anchor.key into ANCHOR_PRIVATE_KEY (deploy/.env), then npm run chain:deploy`);
