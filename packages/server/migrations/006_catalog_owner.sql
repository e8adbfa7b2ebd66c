-- Procedures a commune publishes itself through the integration API (catalog:write) belong to that agency: only it may
-- replace them, and nobody may overwrite a national procedure through the API. NULL: the national catalog.
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS owner_agency text;
