-- Demo mode refuses a database that holds real (not generated) dossiers: counting them scanned every dossier on each
-- demo start. This index holds only real dossiers (none in a demo database), so the count reads an empty index.
CREATE INDEX IF NOT EXISTS dossiers_real ON dossiers (code) WHERE NOT generated;
-- A bulk insert (the demo history: thousands of ratings in one transaction) numbers its ratings itself after taking
-- the numbers with one update of the counter; one update per row made a chain of row versions of the counter that
-- each next update walked (quadratic). Every other insert still takes its number here.
CREATE OR REPLACE FUNCTION ratings_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS NULL THEN
    UPDATE ratings_counter SET value = value + 1 WHERE id = 1 RETURNING value INTO NEW.seq;
  END IF;
  RETURN NEW;
END
$$;
