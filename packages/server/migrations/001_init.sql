-- motcua reference server: initial schema. Plain SQL, the same for PGlite and PostgreSQL.
CREATE TABLE agencies (
  code text PRIMARY KEY,
  position integer NOT NULL DEFAULT 0,
  data jsonb NOT NULL
);

CREATE TABLE procedures (
  code text PRIMARY KEY,
  name text NOT NULL,
  sector_code text NOT NULL,
  sector_name text NOT NULL,
  online_service text NOT NULL,
  detailed boolean NOT NULL,
  -- folded name (lower-case, unaccented) for search
  search text NOT NULL,
  summary jsonb NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX procedures_search_trgm ON procedures USING gin (search gin_trgm_ops);

CREATE TABLE agency_procedures (
  agency_code text NOT NULL REFERENCES agencies (code) ON DELETE CASCADE,
  procedure_code text NOT NULL REFERENCES procedures (code) ON DELETE CASCADE,
  PRIMARY KEY (agency_code, procedure_code)
);
CREATE INDEX agency_procedures_procedure ON agency_procedures (procedure_code);

CREATE TABLE dossiers (
  code text PRIMARY KEY,
  agency_code text NOT NULL,
  procedure_code text NOT NULL,
  procedure_name text NOT NULL,
  status text NOT NULL,
  channel text NOT NULL,
  result_delivery text NOT NULL,
  submitted_at timestamptz NOT NULL,
  received_at timestamptz,
  due_at timestamptz,
  finished_at timestamptz,
  returned_at timestamptz,
  ended_at timestamptz,
  pending jsonb,
  reason text,
  steps jsonb NOT NULL,
  applicant_name text NOT NULL,
  phone text NOT NULL,
  demo boolean NOT NULL DEFAULT false,
  generated boolean NOT NULL DEFAULT true
);
CREATE INDEX dossiers_agency_submitted ON dossiers (agency_code, submitted_at);

CREATE TABLE ratings (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  body_hash text NOT NULL,
  agency_code text NOT NULL,
  dossier_code text UNIQUE,
  overall text NOT NULL,
  channel text NOT NULL,
  counter_name text,
  officer text,
  criteria jsonb,
  comment text,
  rated_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ratings_agency_rated ON ratings (agency_code, rated_at);

-- failed look-ups and verifications per client address, shared by all instances
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count integer NOT NULL
);

CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
