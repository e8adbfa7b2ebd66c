-- The rate-limit upsert of every dossier look-up (rate-limit.ts TAKE_SLOTS_SQL, the same statement) as a function: a
-- PL/pgSQL function keeps its statement's plan for the session, so a look-up no longer parses and plans the upsert each
-- time (that was most of what the limits cost an honest look-up). Called inside the look-up's single statement, so the
-- slots are still taken atomically with the read.
CREATE OR REPLACE FUNCTION motcua_take_slots(keys text[], counts int[], windows int[]) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  result json;
BEGIN
  WITH taken AS (
    INSERT INTO rate_limits AS r (key, window_start, count, window_seconds)
    SELECT k.key, now(), k.n, k.window_seconds FROM unnest(keys, counts, windows) AS k(key, n, window_seconds)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.window_start <= now() - make_interval(secs => r.window_seconds) THEN excluded.count
                   ELSE r.count + excluded.count END,
      window_start = CASE WHEN r.window_start <= now() - make_interval(secs => r.window_seconds) THEN now() ELSE r.window_start END,
      window_seconds = excluded.window_seconds
    RETURNING r.key, r.count,
      extract(epoch FROM (r.window_start + make_interval(secs => r.window_seconds) - now()))::float8 AS remaining)
  SELECT json_agg(taken) INTO result FROM taken;
  RETURN result;
END
$$;
