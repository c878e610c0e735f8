/**
 * What the anchor worker did, read from the two places that matter, for the fault tests and the anchor
 * benchmark: outbox rows put straight into Postgres (documents without S3 objects: the worker only needs
 * the row), and every anchoring transaction the chain actually holds, decoded from its calldata. The
 * contract treats a repeated anchor as a silent no-op, so counting events alone would hide a duplicate
 * transaction; counting transactions per id (or batch root) does not.
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { createPublicClient, decodeFunctionData, defineChain, http, type Hex, type PublicClient } from "viem";
import { medAnchorAbi } from "../../lib/chain/generated/med-anchor-artifact";

const randomHex32 = (): Hex => `0x${randomBytes(32).toString("hex")}`;

export interface InsertedRow {
  id: string;
  anchorId: Hex;
}

/**
 * Inserts `count` PENDING document rows (kind DOCUMENT, action RECORD, random id, commitment and salt)
 * in one committed transaction and returns them.
 */
export async function insertPendingDocuments(client: pg.ClientBase | pg.Pool, count: number): Promise<InsertedRow[]> {
  const rows = Array.from({ length: count }, () => ({ id: randomUUID(), subjectId: randomUUID(), anchorId: randomHex32(), commitment: randomHex32(), salt: randomHex32() }));
  if (rows.length === 0) return [];
  const values: string[] = [];
  const params: string[] = [];
  for (const row of rows) {
    const at = params.length;
    values.push(`($${at + 1}::uuid, 'DOCUMENT', $${at + 2}::uuid, $${at + 3}, $${at + 4}, $${at + 5}, 'RECORD', 'PENDING')`);
    params.push(row.id, row.subjectId, row.commitment, row.salt, row.anchorId);
  }
  await client.query(`INSERT INTO anchors (id, kind, subject_id, commitment, salt, anchor_id, action, state) VALUES ${values.join(", ")}`, params);
  return rows.map(({ id, anchorId }) => ({ id, anchorId }));
}

export interface RowState {
  id: string;
  anchorId: Hex;
  state: string;
  transactionId: string | null;
  txHash: Hex | null;
  batchRoot: Hex | null;
  createdAt: Date;
  confirmedAt: Date | null;
}

export async function rowStates(client: pg.ClientBase | pg.Pool, ids: readonly string[]): Promise<RowState[]> {
  const { rows } = await client.query<RowState>(
    `SELECT id, anchor_id AS "anchorId", state::text AS state, transaction_id AS "transactionId", tx_hash AS "txHash", batch_root AS "batchRoot", created_at AS "createdAt", confirmed_at AS "confirmedAt"
     FROM anchors WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

export interface StoredTransaction {
  id: string;
  nonce: number;
  state: string;
  txHash: Hex;
  attempts: { hash: Hex; maxFeePerGas: string }[];
}

export async function storedTransactions(client: pg.ClientBase | pg.Pool): Promise<StoredTransaction[]> {
  const { rows } = await client.query<StoredTransaction>(`SELECT id, nonce, state::text AS state, tx_hash AS "txHash", attempts FROM chain_transactions ORDER BY nonce`);
  return rows;
}

export function ledgerClient(rpcUrl: string, chainId: number): PublicClient {
  const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  return createPublicClient({ chain, transport: http(rpcUrl, { batch: { batchSize: 50 } }), pollingInterval: 50 }) as PublicClient;
}

export interface AnchoringTransaction {
  hash: Hex;
  nonce: number;
  blockNumber: bigint;
  method: string;
  /** The id (single calls) or Merkle root (anchorBatch) the call anchors. */
  key: Hex;
}

export interface ChainLedger {
  /** Every transaction from `sender` to the contract, in chain order. */
  transactions: AnchoringTransaction[];
  /** Transactions per id or batch root. */
  transactionsByKey: Map<Hex, AnchoringTransaction[]>;
  /** Events per id or batch root (DocumentAnchored, BatchAnchored, GrantSet, ...). */
  eventsByKey: Map<Hex, number>;
}

/** Reads every block (the test and benchmark chains are short) and the contract's events. */
export async function readChainLedger(client: PublicClient, contract: Hex, sender: Hex): Promise<ChainLedger> {
  const latest = await client.getBlockNumber();
  const transactions: AnchoringTransaction[] = [];
  const chunk = 50n;
  for (let from = 0n; from <= latest; from += chunk) {
    const numbers: bigint[] = [];
    for (let n = from; n < from + chunk && n <= latest; n += 1n) numbers.push(n);
    const blocks = await Promise.all(numbers.map((blockNumber) => client.getBlock({ blockNumber, includeTransactions: true })));
    for (const block of blocks) {
      for (const tx of block.transactions) {
        if (tx.from.toLowerCase() !== sender.toLowerCase() || tx.to?.toLowerCase() !== contract.toLowerCase()) continue;
        const { functionName, args } = decodeFunctionData({ abi: medAnchorAbi, data: tx.input });
        transactions.push({ hash: tx.hash, nonce: tx.nonce, blockNumber: block.number, method: functionName, key: (args as readonly unknown[])[0] as Hex });
      }
    }
  }
  const transactionsByKey = new Map<Hex, AnchoringTransaction[]>();
  for (const tx of transactions) transactionsByKey.set(tx.key, [...(transactionsByKey.get(tx.key) ?? []), tx]);
  const eventsByKey = new Map<Hex, number>();
  const logs = await client.getContractEvents({ address: contract, abi: medAnchorAbi, fromBlock: 0n });
  for (const log of logs) {
    const args = log.args as { id?: Hex; root?: Hex };
    const key = args.id ?? args.root;
    if (key && log.eventName !== "RoleGranted" && log.eventName !== "RoleRevoked" && log.eventName !== "RoleAdminChanged") eventsByKey.set(key, (eventsByKey.get(key) ?? 0) + 1);
  }
  return { transactions, transactionsByKey, eventsByKey };
}

/** The key under which a confirmed row was anchored: its batch's root, or its own id. */
export const ledgerKey = (row: Pick<RowState, "anchorId" | "batchRoot">): Hex => row.batchRoot ?? row.anchorId;

/** Ids or roots of `rows` carried by more than one transaction, or announced by more than one event. */
export function duplicatedKeys(ledger: ChainLedger, rows: readonly Pick<RowState, "anchorId" | "batchRoot">[]): Hex[] {
  const keys = new Set(rows.map(ledgerKey));
  return [...keys].filter((key) => (ledger.transactionsByKey.get(key)?.length ?? 0) > 1 || (ledger.eventsByKey.get(key) ?? 0) > 1);
}
