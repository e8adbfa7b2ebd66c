-- Status alerts by Web Push (issue 18 item 1): a citizen's consented subscription to one dossier, and its outbox.

-- One row per subscription of a browser to one dossier. The consent (the sentence shown, in the language shown, and its
-- time) is kept with it; `ended_at` + `end_reason` (unsubscribed | gone | finished) record how it stopped.
CREATE TABLE push_subscriptions (
  id text PRIMARY KEY,
  dossier_code text NOT NULL,
  endpoint text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  lang text NOT NULL,
  page text,
  api_base text NOT NULL,
  consent_text text NOT NULL,
  consented_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  end_reason text
);
CREATE INDEX push_subscriptions_dossier ON push_subscriptions (dossier_code) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX push_subscriptions_endpoint ON push_subscriptions (dossier_code, endpoint) WHERE ended_at IS NULL;

-- The messages to send, written in the transaction of the status change (same design as `outbox`).
CREATE TABLE push_outbox (
  id bigserial PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  dossier_code text NOT NULL,
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
CREATE INDEX push_outbox_due ON push_outbox (next_attempt_at) WHERE state = 'pending';
