/** Long synchronous loops (thousands of small files) hand control back to the event loop now and then. */

/** Items handled between two yields. */
export const BATCH = 256;

/** Lets other work run (timers, rendering, I/O callbacks). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Maps `fn` over `items` in order, yielding to the event loop every `BATCH` items. */
export async function mapInBatches<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % BATCH === 0) await yieldToLoop();
    out.push(fn(items[i]));
  }
  return out;
}
