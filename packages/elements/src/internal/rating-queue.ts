/**
 * A durable outbox for satisfaction ratings: nothing is lost, nothing is counted twice.
 *
 * - Every rating gets an idempotency key (`crypto.randomUUID()`) when it is made and is written to IndexedDB
 *   (durability `strict`) BEFORE it is sent; it is removed only after the server acknowledges it
 *   (201, or 200 for a replay of the same key).
 * - Sync runs on `online` events and on a timer with exponential backoff and jitter (no Background Sync, which
 *   Safari and Firefox lack); a 429 waits at least its `Retry-After`.
 * - Several tabs (or several widgets in one page) share one queue: the Web Locks API makes one sender at a time,
 *   and each round re-reads the queue, so an entry another tab delivered is not sent again. Without Web Locks a
 *   short `localStorage` lease does the same job; the idempotency key makes an accidental second send harmless.
 * - Entries the server rejects as invalid (4xx other than 408 and 429, including 409 `already_rated` and
 *   `idempotency_conflict`) move to a `rejected` store that staff can see counted. A refused kiosk credential
 *   (`device_required`, `device_invalid`) is not the vote's fault: those votes stay pending until an officer enrols
 *   the kiosk again, then go out.
 * - A round that delivered something starts the backoff afresh, so a device's rate limit (429 with `Retry-After`)
 *   paces a long replay of offline votes instead of stretching it to the maximum delay.
 *
 * Raw IndexedDB is used (about 0.5 KB gz) rather than the `idb` wrapper: the queue needs four operations.
 */
import type { Rating } from '@motcua/sdk/schemas';

export interface QueuedRating {
  /** Idempotency key, sent as the `Idempotency-Key` header. */
  key: string;
  rating: Rating;
  /** Epoch ms when the citizen rated. */
  createdAt: number;
  /** The owner's proof for an online rating of a dossier (short-lived), sent as `Motcua-Owner-Proof`. */
  proof?: string;
}

export interface RejectedRating extends QueuedRating {
  rejectedAt: number;
  status: number;
  /** Problem `code` from the server, e.g. `already_rated`, `invalid_request`. */
  code: string;
}

export interface QueueCounts {
  pending: number;
  rejected: number;
}

export type Outcome = { outcome: 'sent' } | { outcome: 'rejected'; status: number; code: string } | { outcome: 'pending' };

export interface SyncReport extends QueueCounts {
  /** Ratings delivered in this round. */
  sent: number;
  /** What happened to each key this round touched; keys not listed are still pending. */
  outcomes: Map<string, Outcome>;
}

export interface RatingQueueOptions {
  /** Sends one rating; resolves when the server acknowledged it, rejects with the SDK's typed error otherwise. */
  send: (rating: Rating, idempotencyKey: string, proof?: string) => Promise<unknown>;
  /** IndexedDB database name (default `motcua-ratings`). */
  dbName?: string;
  /** First retry delay (default 2 s); doubles after each failed round up to `maxDelayMs` (default 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often to look for entries left by a closed tab while the queue looks empty (default 60 s). */
  idlePollMs?: number;
}

const PENDING = 'pending';
const REJECTED = 'rejected';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(PENDING)) db.createObjectStore(PENDING, { keyPath: 'key' }).createIndex('createdAt', 'createdAt');
    if (!db.objectStoreNames.contains(REJECTED)) db.createObjectStore(REJECTED, { keyPath: 'key' });
  };
  return request(req);
}

/** How a failed send should be treated. */
export function classifySendError(error: unknown): { kind: 'rejected'; status: number; code: string } | { kind: 'retry'; afterMs: number } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    kind?: unknown;
    reason?: unknown;
    status?: unknown;
    retryAfter?: unknown;
    problem?: { code?: unknown };
  };
  // The SDK refused the rating before sending it (it breaks the contract): resending can never succeed.
  if (e.kind === 'input') return { kind: 'rejected', status: 0, code: typeof e.reason === 'string' ? e.reason : 'invalid_input' };
  const status = typeof e.status === 'number' ? e.status : 0;
  const retryAfter = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter * 1000 : 0;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    const code = typeof e.problem?.code === 'string' ? e.problem.code : `http_${status}`;
    // The kiosk's credential was refused, not the vote: keep it until the kiosk is enrolled again.
    if (code.startsWith('device_')) return { kind: 'retry', afterMs: 0 };
    return { kind: 'rejected', status, code };
  }
  return { kind: 'retry', afterMs: retryAfter };
}

const tabId = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());

/** Runs `fn` while holding the cross-tab sync lock; waits for the lock. Falls back to a localStorage lease. */
async function withSyncLock<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const lockName = `${name}-sync`;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) return locks.request(lockName, () => fn());
  const leaseKey = `${lockName}-lease`;
  try {
    const raw = localStorage.getItem(leaseKey);
    const lease = raw ? (JSON.parse(raw) as { owner?: string; until?: number }) : null;
    if (lease && lease.owner !== tabId && (lease.until ?? 0) > Date.now()) return undefined;
    localStorage.setItem(leaseKey, JSON.stringify({ owner: tabId, until: Date.now() + 30_000 }));
  } catch {
    // Storage unavailable (private mode): send anyway; the idempotency key prevents double counting.
  }
  try {
    return await fn();
  } finally {
    try {
      const raw = localStorage.getItem(leaseKey);
      if (raw && (JSON.parse(raw) as { owner?: string }).owner === tabId) localStorage.removeItem(leaseKey);
    } catch {
      // ignore
    }
  }
}

/**
 * The rating outbox. Dispatches `change` events (`CustomEvent<SyncReport>`) after each enqueue and sync round.
 */
export class RatingQueue extends EventTarget {
  private readonly options: Required<Omit<RatingQueueOptions, 'send'>> & Pick<RatingQueueOptions, 'send'>;
  private db?: Promise<IDBDatabase>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private running: Promise<SyncReport> | undefined;
  private again = false;
  private started = false;
  private channel: BroadcastChannel | undefined;
  private readonly onOnline = (): void => {
    this.failures = 0;
    void this.sync();
  };

  constructor(options: RatingQueueOptions) {
    super();
    this.options = { dbName: 'motcua-ratings', baseDelayMs: 2000, maxDelayMs: 300_000, idlePollMs: 60_000, ...options };
  }

  /** Replaces the sender (e.g. when the widget's API changes). */
  set send(send: RatingQueueOptions['send']) {
    this.options.send = send;
  }

  private database(): Promise<IDBDatabase> {
    this.db ??= openDatabase(this.options.dbName);
    return this.db;
  }

  /** Makes a rating durable: gives it an idempotency key and writes it to IndexedDB before anything is sent. */
  async enqueue(rating: Rating, proof?: string): Promise<QueuedRating> {
    const entry: QueuedRating = { key: crypto.randomUUID(), rating, createdAt: Date.now(), ...(proof ? { proof } : {}) };
    const db = await this.database();
    const tx = db.transaction(PENDING, 'readwrite', { durability: 'strict' });
    tx.objectStore(PENDING).add(entry);
    await done(tx);
    this.notify();
    await this.emitCounts(0, new Map());
    return entry;
  }

  /** Pending and rejected counts. */
  async counts(): Promise<QueueCounts> {
    const db = await this.database();
    const tx = db.transaction([PENDING, REJECTED], 'readonly');
    const [pending, rejected] = await Promise.all([request(tx.objectStore(PENDING).count()), request(tx.objectStore(REJECTED).count())]);
    return { pending, rejected };
  }

  /** The ratings the server refused, for staff to inspect. */
  async rejected(): Promise<RejectedRating[]> {
    const db = await this.database();
    return request(db.transaction(REJECTED, 'readonly').objectStore(REJECTED).getAll() as IDBRequest<RejectedRating[]>);
  }

  /** Starts syncing now, on `online` events, and on timers; safe to call twice. */
  start(): void {
    if (this.started) return;
    this.started = true;
    window.addEventListener('online', this.onOnline);
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(this.options.dbName);
      this.channel.onmessage = () => void this.emitCounts(0, new Map());
    }
    void this.sync();
  }

  /** Stops timers and listeners; an in-flight round finishes, then the database is closed. */
  stop(): void {
    this.started = false;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    this.channel?.close();
    this.channel = undefined;
    const db = this.db;
    this.db = undefined;
    void Promise.resolve(this.running)
      .catch(() => undefined)
      .then(() => db?.then((d) => d.close()).catch(() => undefined));
  }

  /** Sends every pending rating (one round under the cross-tab lock). Concurrent calls share one round. */
  sync(): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<SyncReport> {
    const outcomes = new Map<string, Outcome>();
    let sent = 0;
    let retryAfterMs = 0;
    let failed = false;
    try {
      const result = await withSyncLock(this.options.dbName, async () => {
        const db = await this.database();
        const index = db.transaction(PENDING, 'readonly').objectStore(PENDING).index('createdAt');
        const entries = await request(index.getAll() as IDBRequest<QueuedRating[]>);
        for (const entry of entries) {
          try {
            await this.options.send(entry.rating, entry.key, entry.proof);
            const tx = db.transaction(PENDING, 'readwrite', { durability: 'strict' });
            tx.objectStore(PENDING).delete(entry.key);
            await done(tx);
            outcomes.set(entry.key, { outcome: 'sent' });
            sent++;
          } catch (error) {
            const verdict = classifySendError(error);
            if (verdict.kind === 'rejected') {
              // Keep the rating for staff to count, without the free-text comment (it may hold personal details).
              const { comment: _comment, ...rating } = entry.rating;
              const { proof: _proof, ...kept } = entry;
              const rejected: RejectedRating = { ...kept, rating, rejectedAt: Date.now(), status: verdict.status, code: verdict.code };
              const tx = db.transaction([PENDING, REJECTED], 'readwrite', { durability: 'strict' });
              tx.objectStore(REJECTED).put(rejected);
              tx.objectStore(PENDING).delete(entry.key);
              await done(tx);
              outcomes.set(entry.key, { outcome: 'rejected', status: verdict.status, code: verdict.code });
            } else {
              outcomes.set(entry.key, { outcome: 'pending' });
              retryAfterMs = verdict.afterMs;
              failed = true;
              break;
            }
          }
        }
        return true;
      });
      if (result === undefined) failed = true; // another tab holds the lease: try again later
    } catch {
      failed = true; // IndexedDB unavailable or closed: retry later
    }
    if (sent > 0 || outcomes.size > 0) this.notify();
    const report = await this.emitCounts(sent, outcomes).catch(() => ({ pending: 0, rejected: 0, sent, outcomes }));
    if (sent > 0) this.failures = 0;
    this.schedule(failed, retryAfterMs, report.pending);
    return report;
  }

  private schedule(failed: boolean, retryAfterMs: number, pending: number): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    let delay: number;
    if (failed) {
      this.failures++;
      const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (this.failures - 1));
      delay = Math.max(retryAfterMs, ceiling / 2 + Math.random() * (ceiling / 2)); // "equal jitter"
    } else {
      this.failures = 0;
      delay = pending > 0 || this.again ? 0 : this.options.idlePollMs;
    }
    this.again = false;
    this.timer = setTimeout(() => void this.sync(), delay);
  }

  private notify(): void {
    this.channel?.postMessage('changed');
  }

  private async emitCounts(sent: number, outcomes: Map<string, Outcome>): Promise<SyncReport> {
    const report: SyncReport = { ...(await this.counts()), sent, outcomes };
    this.dispatchEvent(new CustomEvent<SyncReport>('change', { detail: report }));
    return report;
  }
}
