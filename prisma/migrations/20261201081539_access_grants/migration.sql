-- CreateEnum
CREATE TYPE "AnchorAction" AS ENUM ('RECORD', 'REVOKE', 'EXPIRE');

-- CreateEnum
CREATE TYPE "GrantState" AS ENUM ('REQUESTED', 'ACTIVE', 'DENIED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "GrantPermission" AS ENUM ('READ', 'READ_WRITE');

-- DropIndex
DROP INDEX "anchors_anchor_id_key";

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "grant_id" UUID;

-- AlterTable
ALTER TABLE "anchors" ADD COLUMN     "action" "AnchorAction" NOT NULL DEFAULT 'RECORD',
ADD COLUMN     "valid_from" TIMESTAMPTZ(3),
ADD COLUMN     "valid_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "access_grants" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "doctor_id" UUID NOT NULL,
    "appointment_id" UUID,
    "requested_by_id" UUID NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "all_documents" BOOLEAN NOT NULL,
    "permission" "GrantPermission" NOT NULL,
    "state" "GrantState" NOT NULL,
    "duration_days" INTEGER,
    "not_before" TIMESTAMPTZ(3),
    "not_after" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_grant_documents" (
    "grant_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,

    CONSTRAINT "access_grant_documents_pkey" PRIMARY KEY ("grant_id","document_id")
);

-- CreateIndex
CREATE INDEX "access_grants_doctor_id_state_idx" ON "access_grants"("doctor_id", "state");

-- CreateIndex
CREATE INDEX "access_grants_patient_id_state_created_at_idx" ON "access_grants"("patient_id", "state", "created_at");

-- CreateIndex
CREATE INDEX "access_grants_state_not_after_idx" ON "access_grants"("state", "not_after");

-- CreateIndex
CREATE INDEX "access_grant_documents_document_id_idx" ON "access_grant_documents"("document_id");

-- CreateIndex
CREATE UNIQUE INDEX "anchors_anchor_id_action_key" ON "anchors"("anchor_id", "action");

-- AddForeignKey
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patient_profiles"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_doctor_id_fkey" FOREIGN KEY ("doctor_id") REFERENCES "doctor_profiles"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_appointment_id_fkey" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant_documents" ADD CONSTRAINT "access_grant_documents_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "access_grants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grant_documents" ADD CONSTRAINT "access_grant_documents_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: an active grant always has its window, and a window never ends before it starts.
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_window_check" CHECK ("not_before" IS NULL OR "not_after" IS NULL OR "not_after" > "not_before");
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_active_window_check" CHECK ("state" <> 'ACTIVE' OR ("not_before" IS NOT NULL AND "not_after" IS NOT NULL));
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_duration_check" CHECK ("duration_days" IS NULL OR "duration_days" BETWEEN 1 AND 365);
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_not_self_check" CHECK ("patient_id" <> "doctor_id");
