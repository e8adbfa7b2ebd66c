-- Limits: each counter keeps its own window length, so that budgets with different windows (look-ups per 10 minutes,
-- look-ups per day, the per-code verification lockout) share the one table and its atomic upsert.
ALTER TABLE rate_limits ADD COLUMN window_seconds integer NOT NULL DEFAULT 600;
CREATE INDEX rate_limits_expiry ON rate_limits (window_start);
