-- The dossier look-up's single statement (routes/context.ts loadDossier: take a slot of each budget, read the dossiers
-- asked for) as a function, so that its plans are kept for the session instead of made again for every batch of
-- look-ups: planning the read (four relations, each asking the file system for its size) was most of what a look-up
-- cost the database, on PGlite more than on PostgreSQL. Generic plans are forced: the batch's codes are a primary-key
-- look-up whatever their number. The slots are still taken atomically with the read (one statement, one transaction;
-- motcua_take_slots is unchanged). The answer is one json value, {"taken": [...], "rows": [...]}: one value to decode
-- instead of twenty typed columns per row.
CREATE OR REPLACE FUNCTION motcua_lookup_dossiers(keys text[], counts int[], windows int[], codes text[]) RETURNS json
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  taken json;
  found json;
BEGIN
  IF cardinality(keys) > 0 THEN
    taken := motcua_take_slots(keys, counts, windows);
  END IF;
  SELECT json_agg(r) INTO found FROM (
    SELECT d.code, d.agency_code, a.data->>'name' AS agency_name, d.procedure_code, d.procedure_name, d.status, d.channel,
      d.result_delivery, d.submitted_at, d.received_at, d.due_at, d.finished_at, d.returned_at, d.pending, d.reason, d.steps,
      d.applicant_name, d.phone, EXISTS (SELECT 1 FROM ratings x WHERE x.dossier_code = d.code) AS rated
    FROM dossiers d LEFT JOIN agencies a ON a.code = d.agency_code
    WHERE d.code = ANY(codes)
  ) r;
  RETURN json_build_object('taken', COALESCE(taken, '[]'::json), 'rows', COALESCE(found, '[]'::json));
END
$$;
