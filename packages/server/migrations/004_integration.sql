-- Integration API: API keys, pushed dossier events, ratings export order, webhooks and their outbox.

-- API keys: `mck_<id>_<secret>`; only the SHA-256 of the secret is stored.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL,
  agencies jsonb NOT NULL,
  scopes jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- Pushed dossiers: who set the due date, and the time of the event that set the current status (a late, older event
-- never takes the status back).
ALTER TABLE dossiers ADD COLUMN due_source text;
ALTER TABLE dossiers ADD COLUMN status_at timestamptz;
ALTER TABLE dossiers ADD COLUMN updated_at timestamptz;

-- Every accepted event, by its source id (idempotency: the same id again is a duplicate).
CREATE TABLE dossier_events (
  agency_code text NOT NULL,
  event_id text NOT NULL,
  dossier_code text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  body_hash text NOT NULL,
  status_changed boolean NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_code, event_id)
);

-- Ratings export: `seq` follows the order of commits. Each insert takes the next value from one counter row, whose row
-- lock it holds until its transaction ends, so a later number is only handed out once the earlier one is committed (or
-- rolled back): a reader paging by `seq` never skips a rating committed late. (The transaction id would not do: it is
-- cluster-wide, and any long transaction elsewhere on the server would stall the export.)
CREATE TABLE ratings_counter (id integer PRIMARY KEY, value bigint NOT NULL);
INSERT INTO ratings_counter (id, value) VALUES (1, 0);
ALTER TABLE ratings ADD COLUMN seq bigint;
UPDATE ratings SET seq = x.n FROM (SELECT id, row_number() OVER (ORDER BY received_at, id) AS n FROM ratings) x WHERE x.id = ratings.id;
UPDATE ratings_counter SET value = (SELECT COALESCE(max(seq), 0) FROM ratings);
ALTER TABLE ratings ALTER COLUMN seq SET NOT NULL;
CREATE FUNCTION ratings_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ratings_counter SET value = value + 1 WHERE id = 1 RETURNING value INTO NEW.seq;
  RETURN NEW;
END
$$;
CREATE TRIGGER ratings_seq BEFORE INSERT ON ratings FOR EACH ROW EXECUTE FUNCTION ratings_next_seq();
CREATE INDEX ratings_export ON ratings (agency_code, seq);

CREATE TABLE webhooks (
  id text PRIMARY KEY,
  agency_code text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  events jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX webhooks_agency ON webhooks (agency_code) WHERE removed_at IS NULL;

-- One row per (event, webhook): written in the transaction of the change it reports; the worker delivers it.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  event_id text NOT NULL,
  webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  agency_code text NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  lease text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
