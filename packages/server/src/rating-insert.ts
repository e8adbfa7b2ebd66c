/**
 * Group insert of ratings: requests arriving while an insert is running are written together in one statement
 * (one round trip to the database for many ratings), with no added wait when the server is idle.
 * Each rating's outcome is its own: inserted (row returned) or conflicting (undefined: key or dossier already used).
 * @module
 */
import type { Queryable } from './db.js';
import { RATING_OUTBOX_CTE } from './outbox.js';

export interface NewRating {
  id: string;
  idempotency_key: string;
  body_hash: string;
  agency_code: string;
  dossier_code: string | null;
  overall: string;
  channel: string;
  counter_name: string | null;
  officer: string | null;
  criteria: unknown;
  comment: string | null;
  rated_at: string;
  /** The enrolled kiosk that sent it (kiosk ratings). */
  device_id: string | null;
}

export interface InsertedRating {
  id: string;
  idempotency_key: string;
  agency_code: string;
  dossier_code: string | null;
  overall: string;
  rated_at: Date;
  received_at: Date;
  body_hash: string;
}

const MAX_BATCH = 500;

export function createRatingInserter(db: Queryable): { insert(rating: NewRating): Promise<InsertedRating | undefined> } {
  let queue: Array<{ rating: NewRating; resolve: (row: InsertedRating | undefined) => void; reject: (error: unknown) => void }> = [];
  let running = false;

  const flush = async (): Promise<void> => {
    running = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      try {
        const rows = await insertRows(batch.map((b) => b.rating));
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const b of batch) b.resolve(byId.get(b.rating.id));
      } catch (error) {
        if (batch.length === 1) {
          batch[0]?.reject(error);
          continue;
        }
        // One bad row fails the whole statement: insert them one by one, so that each rating gets its own outcome and
        // a poisoned one cannot take the honest ratings next to it down with it.
        for (const b of batch) {
          try {
            b.resolve((await insertRows([b.rating]))[0]);
          } catch (rowError) {
            b.reject(rowError);
          }
        }
      }
    }
    running = false;
  };

  const insertRows = (ratings: NewRating[]): Promise<InsertedRating[]> =>
    db.query<InsertedRating>(
      // One statement with the webhook outbox rows (RATING_OUTBOX_CTE), so both commit together.
      `WITH ins AS (INSERT INTO ratings (id, idempotency_key, body_hash, agency_code, dossier_code, overall, channel, counter_name, officer,
             criteria, comment, rated_at, device_id)
           SELECT id, idempotency_key, body_hash, agency_code, dossier_code, overall, channel, counter_name, officer, criteria, comment,
             rated_at, device_id
           FROM jsonb_to_recordset($1::jsonb) AS x(id text, idempotency_key text, body_hash text, agency_code text, dossier_code text,
             overall text, channel text, counter_name text, officer text, criteria jsonb, comment text, rated_at timestamptz,
             device_id text)
           ON CONFLICT DO NOTHING
           RETURNING *)${RATING_OUTBOX_CTE}
           SELECT id, idempotency_key, agency_code, dossier_code, overall, rated_at, received_at, body_hash FROM ins`,
      [JSON.stringify(ratings)],
    );

  return {
    insert(rating) {
      return new Promise((resolve, reject) => {
        queue.push({ rating, resolve, reject });
        if (!running) {
          running = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}
