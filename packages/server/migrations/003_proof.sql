-- Ratings need proof (issue 12): enrolled kiosk devices, and which device sent each kiosk rating.
CREATE TABLE devices (
  id text PRIMARY KEY,
  agency_code text NOT NULL,
  name text NOT NULL,
  -- sha256 (hex) of the normalised credential; the credential itself is shown once by `devices enrol` and never stored
  secret_hash text NOT NULL UNIQUE,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz,
  -- token bucket of the per-device rating limit (refilled continuously, see devices.ts)
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_agency ON devices (agency_code);

ALTER TABLE ratings ADD COLUMN device_id text;
