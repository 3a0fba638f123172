/**
 * The embedded (PGlite) figures come from `bench/embedded.ts`, which another
 * piece of work provides: `runEmbeddedBench(opts)`. Until it exists the report
 * says so instead of failing, so the rest of `npm run bench` still runs.
 */
import { existsSync } from 'node:fs';

export interface EmbeddedOptions {
  runs: number;
  warmup: number;
  /** The bin/redb.js to measure. */
  redb: string;
  keep: boolean;
  reuse: boolean;
  profile?: string;
}

export type EmbeddedResult = { measured: true; markdown: string; result: unknown } | { measured: false; note: string };

export const EMBEDDED_MISSING = 'embedded: not measured (bench/embedded.ts missing)';

/** Runs the embedded bench when its module is there; a missing module is a note, a failing one an error. */
export async function embeddedFigures(opts: EmbeddedOptions): Promise<EmbeddedResult> {
  const file = new URL('./embedded.js', import.meta.url);
  if (!existsSync(file)) return { measured: false, note: EMBEDDED_MISSING };
  // a computed specifier: the module is optional, so the compiler must not insist on it;
  // once it exists, any failure to load it is an error, not a missing module
  const mod = (await import(file.href)) as { runEmbeddedBench?: (o: EmbeddedOptions) => Promise<unknown> };
  if (typeof mod.runEmbeddedBench !== 'function') return { measured: false, note: 'embedded: not measured (bench/embedded.ts exports no runEmbeddedBench)' };
  const result = await mod.runEmbeddedBench(opts);
  return { measured: true, markdown: render(result), result };
}

/** The module's own Markdown when it gives one (a string, or `{ markdown }`), otherwise its result as JSON. */
function render(result: unknown): string {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && typeof (result as { markdown?: unknown }).markdown === 'string') return (result as { markdown: string }).markdown;
  return `\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\``;
}
