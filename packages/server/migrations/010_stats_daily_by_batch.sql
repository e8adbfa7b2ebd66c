-- Daily totals of pushed event batches once per batch (issue 13's ingest goal): the event ingest (src/dossier-sync.ts,
-- applyEvents) computes the change of the daily counters of the dossiers it writes itself, from their states before
-- (read and locked FOR UPDATE in the same transaction) and after, and adds it to stats_daily in the same statement that
-- writes the dossiers (src/stats-delta.ts: the same moments as stats_dossier_days in 008). It marks its transaction with
-- the setting `motcua.stats_daily_by_caller = on` (transaction-local); the dossiers' statement triggers then leave that
-- transaction's dossier writes to it. Every other writer (seeding, upserts, imports, deletes, direct SQL) is counted by
-- the triggers as before; the ratings' triggers are unchanged; stats_daily_rebuild() still recomputes everything.
CREATE OR REPLACE FUNCTION stats_daily_dossiers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  side constant text := 'SELECT r.agency_code, %s AS k, x.* FROM %I r, LATERAL stats_dossier_days(r.status, r.channel, '
    'r.submitted_at, r.due_at, r.finished_at, r.ended_at) x';
  source text;
BEGIN
  IF current_setting('motcua.stats_daily_by_caller', true) = 'on' THEN
    RETURN NULL;
  END IF;
  source := CASE TG_OP WHEN 'INSERT' THEN format(side, 1, 'new_rows') WHEN 'DELETE' THEN format(side, -1, 'old_rows')
    ELSE format(side, 1, 'new_rows') || ' UNION ALL ' || format(side, -1, 'old_rows') END;
  EXECUTE 'INSERT INTO stats_daily AS t (agency_code, day, received, online, direct, postal, closed, resolved, resolved_good,
    on_time, late, withdrawn, not_accepted, overdue_in, overdue_out, supplement_in, supplement_out)
  SELECT agency_code, day, sum(k * received), sum(k * online), sum(k * direct), sum(k * postal), sum(k * closed),
    sum(k * resolved), sum(k * resolved_good), sum(k * on_time), sum(k * late), sum(k * withdrawn), sum(k * not_accepted),
    sum(k * overdue_in), sum(k * overdue_out), sum(k * supplement_in), sum(k * supplement_out)
  FROM (' || source || ') c
  GROUP BY agency_code, day
  HAVING sum(k * received) <> 0 OR sum(k * online) <> 0 OR sum(k * direct) <> 0 OR sum(k * postal) <> 0
    OR sum(k * closed) <> 0 OR sum(k * resolved) <> 0 OR sum(k * resolved_good) <> 0 OR sum(k * on_time) <> 0
    OR sum(k * late) <> 0 OR sum(k * withdrawn) <> 0 OR sum(k * not_accepted) <> 0 OR sum(k * overdue_in) <> 0
    OR sum(k * overdue_out) <> 0 OR sum(k * supplement_in) <> 0 OR sum(k * supplement_out) <> 0
  ORDER BY agency_code, day
  ON CONFLICT (agency_code, day) DO UPDATE SET
    received = t.received + excluded.received, online = t.online + excluded.online, direct = t.direct + excluded.direct,
    postal = t.postal + excluded.postal, closed = t.closed + excluded.closed, resolved = t.resolved + excluded.resolved,
    resolved_good = t.resolved_good + excluded.resolved_good, on_time = t.on_time + excluded.on_time,
    late = t.late + excluded.late, withdrawn = t.withdrawn + excluded.withdrawn,
    not_accepted = t.not_accepted + excluded.not_accepted, overdue_in = t.overdue_in + excluded.overdue_in,
    overdue_out = t.overdue_out + excluded.overdue_out, supplement_in = t.supplement_in + excluded.supplement_in,
    supplement_out = t.supplement_out + excluded.supplement_out';
  RETURN NULL;
END
$$;
