-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "object_removed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "documents_state_object_removed_at_idx" ON "documents"("state", "object_removed_at");
