-- AlterEnum
ALTER TYPE "AnchorKind" ADD VALUE 'AUDIT_HEAD';

-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "integrity_failed_at" TIMESTAMPTZ(3),
ADD COLUMN     "integrity_problem" TEXT,
ADD COLUMN     "scrubbed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "documents_state_scrubbed_at_idx" ON "documents"("state", "scrubbed_at");
