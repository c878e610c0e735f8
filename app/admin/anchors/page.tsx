import type { Metadata } from "next";
import { formatUtc } from "@/components/admin/format";
import { RecentBlocksList } from "@/components/ledger/recent-blocks-list";
import { ChainHealthCard, FailedAnchorsTable, LagNote, QueueHealthCards } from "@/components/ledger/queue-health";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeading } from "@/components/ui/card";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { anchorQueueHealth } from "@/lib/ledger/anchor-queue-health";
import { recentBlocks } from "@/lib/ledger/recent-blocks";

export const metadata: Metadata = { title: "Anchoring" };

export default async function AnchoringPage() {
  await requireAdminWithMfa();
  const actor = await currentActor();
  const context = await requestContext();
  const [health, blocks] = await Promise.all([anchorQueueHealth(actor, context), recentBlocks(actor, {}, context)]);
  if (!health.ok) return <Alert tone="error">{health.error.message}</Alert>;
  const { value } = health;
  return (
    <>
      <PageHeading title="Anchoring" description={`The outbox that anchors documents, grants and attestations on chain, and the chain it writes to. As of ${formatUtc(value.checkedAt)}.`} />
      <div className="space-y-6">
        {value.chain.status === "down" ? <Alert tone="error" title="The chain cannot be reached">Anchors wait in the queue until it is back. {value.chain.error}</Alert> : null}
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading" className="mb-3 text-lg font-semibold text-slate-900">
            Queue
          </h2>
          <QueueHealthCards health={value} />
          <LagNote health={value} />
        </section>
        <Card title="Chain">
          <ChainHealthCard chain={value.chain} />
        </Card>
        <Card title="Failed anchors" description="The latest 20 rows the worker gave up on. Titles are never shown here: ids only.">
          <FailedAnchorsTable rows={value.failed} />
        </Card>
        <Card title="Latest blocks" description="Our contract's events in the newest blocks, mapped to outbox rows by id or batch root.">
          {blocks.ok ? <RecentBlocksList blocks={blocks.value.blocks} viewer="admin" /> : <Alert tone="warning">{blocks.error.message}</Alert>}
        </Card>
      </div>
    </>
  );
}
