-- The documents page's default order (date of service, undated last, then upload date) for one owner,
-- read straight from the index: the first page of a patient with 10,000 documents costs 20 index
-- entries instead of a sort of all of them. NULLS LAST cannot be written in schema.prisma, hence raw SQL.
CREATE INDEX "documents_owner_service_date_order_idx" ON "documents" ("owner_id", "service_date" DESC NULLS LAST, "created_at" DESC, "id");
