/**
 * Batching of concurrent requests into one database round trip: items arriving while a batch is running wait for the
 * next one; an idle server runs each item at once (next tick). `run` returns one result per item, in order.
 * @module
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>, maxBatch = 200): (item: I) => Promise<O> {
  let queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  let running = false;
  let last = 0;
  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      // Under load (the last batch was large), one more turn of the event loop lets the requests already on their way
      // join this batch: fewer, fuller round trips.
      if (last >= 16 && queue.length < last) await new Promise((r) => setImmediate(r));
      const batch = queue.slice(0, maxBatch);
      last = batch.length;
      queue = queue.slice(batch.length);
      try {
        const results = await run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i] as O));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(() => void flush());
      }
    });
}
