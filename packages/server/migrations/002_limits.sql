-- Limits: each counter keeps its own window length, so that budgets with different windows (look-ups per 10 minutes,
-- look-ups per day, the per-code verification lockout) share the one table and its atomic upsert.
ALTER TABLE rate_limits ADD COLUMN window_seconds integer NOT NULL DEFAULT 600;
CREATE INDEX rate_limits_expiry ON rate_limits (window_start);
-- Counters are short-lived and worth nothing after a crash: an unlogged table writes no WAL, so counting a look-up does
-- not make its transaction wait for a WAL flush (PostgreSQL empties the table after a crash; every budget starts afresh).
ALTER TABLE rate_limits SET UNLOGGED;
