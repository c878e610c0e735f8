-- AlterTable
ALTER TABLE "anchors" ADD COLUMN     "block_hash" TEXT;

-- CreateIndex
CREATE INDEX "anchors_block_number_idx" ON "anchors"("block_number");
