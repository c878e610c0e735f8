-- CreateIndex
CREATE INDEX "documents_state_integrity_failed_at_idx" ON "documents"("state", "integrity_failed_at");
