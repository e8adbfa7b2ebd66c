-- Pre-computed daily totals for the service statistics (GET /agencies/{agency}/stats, GET /provinces/{code}/stats):
-- per agency and Vietnam calendar day (UTC+7), the counters the statistics sum (src/stats.ts). They are kept by
-- statement-level triggers on dossiers and ratings, in the same transaction as every write (seeding, upserts, events,
-- imports, ratings, deletes), so they cannot drift; stats_daily_rebuild() recomputes them from the source rows
-- (`motcua-server stats rebuild`).
--
-- A dossier adds to the day of each of its moments:
--   submitted (received, by channel; supplement_in when it waits for a supplement),
--   closed = the earlier of finished/ended (closed; supplement_out),
--   finished (resolved, resolved_good = finished by the due time, late, on_time = by the due time on its last day),
--   ended (withdrawn / not accepted),
--   due (overdue_in: due and not waiting for a supplement) and closed after due (overdue_out).
-- "In progress at T" is then the sum before T of received - closed, "overdue" of overdue_in - overdue_out, "waiting for
-- a supplement" of supplement_in - supplement_out. Dossiers finished or ended before they were submitted (possible in
-- pushed data) are not counted here: src/stats.ts counts those few from the dossiers table (dossiers_irregular).
CREATE TABLE stats_daily (
  agency_code text NOT NULL,
  day date NOT NULL,
  received integer NOT NULL DEFAULT 0,
  online integer NOT NULL DEFAULT 0,
  direct integer NOT NULL DEFAULT 0,
  postal integer NOT NULL DEFAULT 0,
  closed integer NOT NULL DEFAULT 0,
  resolved integer NOT NULL DEFAULT 0,
  resolved_good integer NOT NULL DEFAULT 0,
  on_time integer NOT NULL DEFAULT 0,
  late integer NOT NULL DEFAULT 0,
  withdrawn integer NOT NULL DEFAULT 0,
  not_accepted integer NOT NULL DEFAULT 0,
  overdue_in integer NOT NULL DEFAULT 0,
  overdue_out integer NOT NULL DEFAULT 0,
  supplement_in integer NOT NULL DEFAULT 0,
  supplement_out integer NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  very_satisfied integer NOT NULL DEFAULT 0,
  satisfied integer NOT NULL DEFAULT 0,
  not_satisfied integer NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_code, day)
);
-- A small table: starting parallel workers costs more than scanning it.
ALTER TABLE stats_daily SET (parallel_workers = 0);

-- The few dossiers the daily totals leave out (finished or ended before submitted), and the moments of today's
-- dossiers (the statistics "as of now" count the current day's changes from the rows).
-- The statistics object lets the planner see how few irregular dossiers there are (a default guess of a third of the
-- table made PostgreSQL start parallel workers to count none).
CREATE INDEX dossiers_irregular ON dossiers (agency_code) WHERE (least(finished_at, ended_at) < submitted_at) IS TRUE;
CREATE STATISTICS dossiers_irregular_share ON (least(finished_at, ended_at) < submitted_at) FROM dossiers;
CREATE INDEX dossiers_finished ON dossiers (finished_at);
CREATE INDEX dossiers_ended ON dossiers (ended_at);
CREATE INDEX dossiers_due ON dossiers (due_at);

-- The Vietnam calendar day of an instant, independent of the session time zone.
CREATE FUNCTION stats_vn_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((t AT TIME ZONE 'UTC') + interval '7 hours')::date
$$;

-- The daily counters one dossier adds to (one row per moment; none for an irregular dossier).
CREATE FUNCTION stats_dossier_days(status text, channel text, s timestamptz, due timestamptz, f timestamptz, e timestamptz)
RETURNS TABLE (day date, received integer, online integer, direct integer, postal integer, closed integer, resolved integer,
  resolved_good integer, on_time integer, late integer, withdrawn integer, not_accepted integer, overdue_in integer,
  overdue_out integer, supplement_in integer, supplement_out integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v.* FROM (VALUES
    (stats_vn_day(s), 1, (channel = 'online')::int, (channel = 'direct')::int, (channel = 'postal')::int, 0, 0, 0, 0, 0, 0, 0,
      0, 0, (status = 'supplement_requested')::int, 0),
    (stats_vn_day(least(f, e)), 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (status = 'supplement_requested')::int),
    (stats_vn_day(f), 0, 0, 0, 0, 0, 1, COALESCE(f <= due, false)::int,
      COALESCE(f <= due AND stats_vn_day(f) = stats_vn_day(due), false)::int, COALESCE(f > due, false)::int, 0, 0, 0, 0, 0, 0),
    (CASE WHEN status IN ('withdrawn', 'not_accepted') THEN stats_vn_day(e) END, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      (status = 'withdrawn')::int, (status = 'not_accepted')::int, 0, 0, 0, 0),
    (CASE WHEN status <> 'supplement_requested' AND due IS NOT NULL THEN stats_vn_day(greatest(s, due)) END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    (CASE WHEN status <> 'supplement_requested' AND due IS NOT NULL AND least(f, e) IS NOT NULL
      THEN stats_vn_day(greatest(s, due, least(f, e))) END,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0)
  ) v (day, received, online, direct, postal, closed, resolved, resolved_good, on_time, late, withdrawn, not_accepted,
       overdue_in, overdue_out, supplement_in, supplement_out)
  WHERE v.day IS NOT NULL AND (least(f, e) < s) IS NOT TRUE
$$;

-- Adds the dossier rows of the statement (new rows +1, old rows -1) to the daily counters. Groups whose counters do
-- not change (an update of steps or contact details) are not written.
CREATE FUNCTION stats_daily_dossiers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  side constant text := 'SELECT r.agency_code, %s AS k, x.* FROM %I r, LATERAL stats_dossier_days(r.status, r.channel, '
    'r.submitted_at, r.due_at, r.finished_at, r.ended_at) x';
  source text := CASE TG_OP WHEN 'INSERT' THEN format(side, 1, 'new_rows') WHEN 'DELETE' THEN format(side, -1, 'old_rows')
    ELSE format(side, 1, 'new_rows') || ' UNION ALL ' || format(side, -1, 'old_rows') END;
BEGIN
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

-- The same for ratings (rated, by overall satisfaction, on the day of rated_at).
CREATE FUNCTION stats_daily_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  side constant text := 'SELECT agency_code, stats_vn_day(rated_at) AS day, overall, %s AS k FROM %I';
  source text := CASE TG_OP WHEN 'INSERT' THEN format(side, 1, 'new_rows') WHEN 'DELETE' THEN format(side, -1, 'old_rows')
    ELSE format(side, 1, 'new_rows') || ' UNION ALL ' || format(side, -1, 'old_rows') END;
BEGIN
  EXECUTE 'INSERT INTO stats_daily AS t (agency_code, day, rated, very_satisfied, satisfied, not_satisfied)
  SELECT agency_code, day, sum(k), sum(k * (overall = ''very_satisfied'')::int), sum(k * (overall = ''satisfied'')::int),
    sum(k * (overall = ''not_satisfied'')::int)
  FROM (' || source || ') c
  GROUP BY agency_code, day
  HAVING sum(k) <> 0 OR sum(k * (overall = ''very_satisfied'')::int) <> 0 OR sum(k * (overall = ''satisfied'')::int) <> 0
    OR sum(k * (overall = ''not_satisfied'')::int) <> 0
  ORDER BY agency_code, day
  ON CONFLICT (agency_code, day) DO UPDATE SET
    rated = t.rated + excluded.rated, very_satisfied = t.very_satisfied + excluded.very_satisfied,
    satisfied = t.satisfied + excluded.satisfied, not_satisfied = t.not_satisfied + excluded.not_satisfied';
  RETURN NULL;
END
$$;

CREATE TRIGGER stats_daily_dossiers_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_dossiers();
CREATE TRIGGER stats_daily_dossiers_update AFTER UPDATE ON dossiers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_dossiers();
CREATE TRIGGER stats_daily_dossiers_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_dossiers();
CREATE TRIGGER stats_daily_ratings_insert AFTER INSERT ON ratings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_ratings();
CREATE TRIGGER stats_daily_ratings_update AFTER UPDATE ON ratings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_ratings();
CREATE TRIGGER stats_daily_ratings_delete AFTER DELETE ON ratings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_ratings();

-- A truncated source empties its counters (TRUNCATE fires no row-set triggers).
CREATE FUNCTION stats_daily_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_daily_rebuild();
  RETURN NULL;
END
$$;

-- Recomputes every counter from the dossiers and ratings (after a bulk load that bypassed the triggers, or to check).
-- The source tables are locked against writes meanwhile, so no write is missed or counted twice.
CREATE FUNCTION stats_daily_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  LOCK TABLE dossiers, ratings IN SHARE MODE;
  DELETE FROM stats_daily;
  INSERT INTO stats_daily (agency_code, day, received, online, direct, postal, closed, resolved, resolved_good, on_time, late,
    withdrawn, not_accepted, overdue_in, overdue_out, supplement_in, supplement_out, rated, very_satisfied, satisfied, not_satisfied)
  SELECT agency_code, day, sum(received), sum(online), sum(direct), sum(postal), sum(closed), sum(resolved), sum(resolved_good),
    sum(on_time), sum(late), sum(withdrawn), sum(not_accepted), sum(overdue_in), sum(overdue_out), sum(supplement_in),
    sum(supplement_out), sum(rated), sum(very_satisfied), sum(satisfied), sum(not_satisfied)
  FROM (
    SELECT d.agency_code, x.*, 0 AS rated, 0 AS very_satisfied, 0 AS satisfied, 0 AS not_satisfied FROM dossiers d,
      LATERAL stats_dossier_days(d.status, d.channel, d.submitted_at, d.due_at, d.finished_at, d.ended_at) x
    UNION ALL
    SELECT agency_code, stats_vn_day(rated_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (overall = 'very_satisfied')::int,
      (overall = 'satisfied')::int, (overall = 'not_satisfied')::int
    FROM ratings
  ) c
  GROUP BY agency_code, day;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;

CREATE TRIGGER stats_daily_dossiers_truncate AFTER TRUNCATE ON dossiers FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_truncated();
CREATE TRIGGER stats_daily_ratings_truncate AFTER TRUNCATE ON ratings FOR EACH STATEMENT EXECUTE FUNCTION stats_daily_truncated();

SELECT stats_daily_rebuild();
