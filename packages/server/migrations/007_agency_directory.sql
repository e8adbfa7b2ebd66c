-- The agency directory: every province and commune/ward after the 2025 reorganisation (GSO codes), the pre-merger
-- units each was formed from, and the agency e-ID of its one-stop centre where a deployment serves it.
CREATE TABLE IF NOT EXISTS directory_provinces (
  code text PRIMARY KEY,
  name text NOT NULL,
  formerly text NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS directory_units (
  code text PRIMARY KEY,
  province_code text NOT NULL REFERENCES directory_provinces (code),
  position integer NOT NULL,
  name text NOT NULL,
  formerly jsonb NOT NULL DEFAULT '[]',
  agency_code text UNIQUE
);

CREATE INDEX IF NOT EXISTS directory_units_province ON directory_units (province_code, position);
