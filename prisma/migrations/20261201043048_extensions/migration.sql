-- Hand-written: extensions the schema relies on. btree_gist lets an exclusion constraint combine
-- equality on a doctor id with overlap on a time range (double booking impossible by construction).
CREATE EXTENSION IF NOT EXISTS btree_gist;
