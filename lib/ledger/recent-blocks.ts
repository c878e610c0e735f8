import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { contractAddress } from "@/lib/chain/clients";
import { fail, ok, type Result } from "@/lib/result";
import { readRecentBlocks, type RawLedgerEvent } from "./chain-reader";
import type { AnchoredSubjectDto, AnchorActionDto, AnchorKindDto, LedgerEventAnchorDto, LedgerEventDto, RecentBlocksDto } from "./dtos";
import { anchorsForEvents, patientSubjects } from "./ledger-repository";
import { recentBlocksInputSchema } from "./schemas";

export const LEDGER_UNREACHABLE_MESSAGE = "The ledger cannot be reached right now, so the latest blocks are not shown. Try again in a minute.";

/** Which outbox rows an event settles: the contract call each kind of row makes, and its action. */
const EVENT_ROWS: Record<Exclude<LedgerEventDto["name"], "BatchAnchored">, { kinds: AnchorKindDto[]; action: AnchorActionDto }> = {
  // The audit trail's head goes out through anchorDocument like a document.
  DocumentAnchored: { kinds: ["DOCUMENT", "AUDIT_HEAD"], action: "RECORD" },
  GrantSet: { kinds: ["GRANT"], action: "RECORD" },
  GrantRevoked: { kinds: ["GRANT"], action: "REVOKE" },
  DoctorAttested: { kinds: ["ATTESTATION"], action: "RECORD" },
  AttestationRevoked: { kinds: ["ATTESTATION"], action: "REVOKE" },
};

type EventRow = Awaited<ReturnType<typeof anchorsForEvents>>[number];

function rowsOf(event: RawLedgerEvent, rows: EventRow[]): EventRow[] {
  if (event.name === "BatchAnchored") return rows.filter((row) => row.batchRoot?.toLowerCase() === event.key);
  const { kinds, action } = EVENT_ROWS[event.name];
  return rows.filter((row) => row.anchorId.toLowerCase() === event.key && row.action === action && kinds.includes(row.kind));
}

/**
 * The latest blocks with our contract's decoded events, each mapped to the outbox rows it settles.
 * What a row stands for is shown only to who may see it: a patient sees titles and doctor names of
 * their own records (and nothing of others'); an admin sees kinds and ids, never titles.
 */
export async function recentBlocks(actor: Actor | null, input: { count?: string | number; upTo?: string | number | bigint } = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<RecentBlocksDto>> {
  const auth =
    actor?.role === "ADMIN"
      ? await authorize(actor, "audit.read", { type: "ledger" }, context)
      : await authorize(actor, "document.read_access_log", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!auth.ok) return auth;
  const viewer = auth.actor;
  const { count, upTo } = recentBlocksInputSchema.parse(input);
  let chain: Awaited<ReturnType<typeof readRecentBlocks>>;
  try {
    chain = await readRecentBlocks(count, upTo);
  } catch {
    return fail("UNAVAILABLE", LEDGER_UNREACHABLE_MESSAGE);
  }
  const idKeys = chain.events.filter((e) => e.name !== "BatchAnchored").map((e) => e.key);
  const rootKeys = chain.events.filter((e) => e.name === "BatchAnchored").map((e) => e.key);
  const rows = await anchorsForEvents(idKeys, rootKeys);
  const own = viewer.role === "PATIENT" ? await patientSubjects(viewer.id, [...new Set(rows.map((r) => r.subjectId))]) : null;

  const subjectFor = (row: EventRow): AnchoredSubjectDto | null => {
    if (!own) return { type: "id", kind: row.kind, id: row.subjectId };
    if (row.kind === "DOCUMENT" && own.documents.has(row.subjectId)) return { type: "document", id: row.subjectId, title: own.documents.get(row.subjectId)! };
    if (row.kind === "GRANT" && own.grants.has(row.subjectId)) return { type: "grant", id: row.subjectId, doctorName: own.grants.get(row.subjectId)! };
    return null;
  };

  const toEvent = (event: RawLedgerEvent): LedgerEventDto => {
    const settled = rowsOf(event, rows);
    const anchors: LedgerEventAnchorDto[] = [];
    for (const row of settled) {
      const subject = subjectFor(row);
      // Patients learn nothing about rows that are not theirs, not even their kind.
      if (subject || !own) anchors.push({ kind: row.kind, action: row.action, state: row.state, subject });
    }
    return { name: event.name, txHash: event.txHash, logIndex: event.logIndex, key: event.key, count: event.count, recorded: settled.length > 0, anchors, mine: own !== null && anchors.length > 0 };
  };

  const blocks = chain.blocks.map((block) => ({
    number: block.number.toString(),
    hash: block.hash,
    time: new Date(Number(block.timestamp) * 1000),
    transactionCount: block.transactionCount,
    events: chain.events.filter((e) => e.blockNumber === block.number).sort((a, b) => a.logIndex - b.logIndex).map(toEvent),
  }));
  return ok({ chainId: chain.chainId, contractAddress: contractAddress(), head: chain.head.toString(), blocks });
}
