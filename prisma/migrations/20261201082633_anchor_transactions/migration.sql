-- CreateEnum
CREATE TYPE "ChainTxState" AS ENUM ('SIGNED', 'SENT', 'CONFIRMED', 'FAILED');

-- AlterTable
ALTER TABLE "anchors" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batch_root" TEXT,
ADD COLUMN     "block_number" BIGINT,
ADD COLUMN     "block_time" TIMESTAMPTZ(3),
ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3),
ADD COLUMN     "proof" JSONB,
ADD COLUMN     "transaction_id" UUID;

-- CreateTable
CREATE TABLE "chain_transactions" (
    "id" UUID NOT NULL,
    "sender" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "state" "ChainTxState" NOT NULL DEFAULT 'SIGNED',
    "tx_hash" TEXT NOT NULL,
    "raw_tx" TEXT NOT NULL,
    "max_fee_per_gas" TEXT NOT NULL,
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "block_number" BIGINT,
    "block_time" TIMESTAMPTZ(3),
    "gas_used" BIGINT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "chain_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_accounts" (
    "address" TEXT NOT NULL,
    "next_nonce" INTEGER NOT NULL,

    CONSTRAINT "chain_accounts_pkey" PRIMARY KEY ("address")
);

-- CreateIndex
CREATE INDEX "chain_transactions_state_created_at_idx" ON "chain_transactions"("state", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "chain_transactions_sender_nonce_key" ON "chain_transactions"("sender", "nonce");

-- CreateIndex
CREATE INDEX "anchors_transaction_id_idx" ON "anchors"("transaction_id");

-- AddForeignKey
ALTER TABLE "anchors" ADD CONSTRAINT "anchors_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "chain_transactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
