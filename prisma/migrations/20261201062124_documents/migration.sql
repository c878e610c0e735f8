-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('LAB_RESULT', 'IMAGING', 'PRESCRIPTION', 'REPORT', 'REFERRAL', 'OTHER');

-- CreateEnum
CREATE TYPE "DocumentState" AS ENUM ('UPLOADING', 'STORED', 'FAILED', 'DELETED');

-- CreateEnum
CREATE TYPE "AnchorKind" AS ENUM ('DOCUMENT', 'GRANT', 'ATTESTATION');

-- CreateEnum
CREATE TYPE "AnchorState" AS ENUM ('PENDING', 'SENT', 'CONFIRMED', 'FAILED');

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "uploader_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "service_date" DATE,
    "note" TEXT NOT NULL DEFAULT '',
    "declared_type" TEXT NOT NULL,
    "declared_size" BIGINT NOT NULL,
    "sniffed_type" TEXT,
    "size" BIGINT,
    "sha256" TEXT,
    "storage_key" TEXT NOT NULL,
    "wrapped_key" TEXT NOT NULL,
    "state" "DocumentState" NOT NULL DEFAULT 'UPLOADING',
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stored_at" TIMESTAMPTZ(3),

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload_sessions" (
    "id" TEXT NOT NULL,
    "document_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upload_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "anchors" (
    "id" UUID NOT NULL,
    "kind" "AnchorKind" NOT NULL,
    "subject_id" UUID NOT NULL,
    "commitment" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "anchor_id" TEXT NOT NULL,
    "state" "AnchorState" NOT NULL DEFAULT 'PENDING',
    "tx_hash" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anchors_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "documents_storage_key_key" ON "documents"("storage_key");

-- CreateIndex
CREATE INDEX "documents_owner_id_state_created_at_idx" ON "documents"("owner_id", "state", "created_at");

-- CreateIndex
CREATE INDEX "upload_sessions_document_id_idx" ON "upload_sessions"("document_id");

-- CreateIndex
CREATE UNIQUE INDEX "anchors_anchor_id_key" ON "anchors"("anchor_id");

-- CreateIndex
CREATE INDEX "anchors_state_created_at_idx" ON "anchors"("state", "created_at");

-- CreateIndex
CREATE INDEX "anchors_kind_subject_id_idx" ON "anchors"("kind", "subject_id");

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "patient_profiles"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_sessions" ADD CONSTRAINT "upload_sessions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
