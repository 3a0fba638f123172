/**
 * The referee of a PostgreSQL case: `pg_dump --schema-only` of the live databases,
 * independent of redb's introspection and models. W as it was loaded and D are dumped
 * before the plan; W again after the forward plan (it must read as D) and after the
 * rollback (it must read as it was loaded). Dumps are normalized by dump-text.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { diffExcerpt, normalizeDump, sameDump } from './dump-text.js';
import type { Judgement, Referee } from './phases.js';

type Dump = { readonly lines: readonly string[] } | { readonly error: string };

/** Runs pg_dump on `url`; resolves with its text, rejects with its first error line. */
export function pgDump(bin: string, url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--schema-only', '-d', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PGAPPNAME: 'redb-conformance-dump', PGCONNECT_TIMEOUT: '10' },
    });
    const out: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 16_000) stderr += d;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${bin}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(signal ? `pg_dump killed (${signal})` : (stderr.split('\n').find((l) => l.trim()) ?? `pg_dump exited ${code}`)));
    });
  });
}

/**
 * The pg_dump to use for a server of major version `major`: the first of
 * $REDB_PG_DUMP, the Debian/Ubuntu per-version binary and `pg_dump` on PATH whose own
 * major version is the server's (a newer pg_dump prints newer syntax, an older one
 * refuses the server). Undefined when there is none.
 */
export function findPgDump(major: number): string | undefined {
  const candidates = [process.env.REDB_PG_DUMP, `/usr/lib/postgresql/${major}/bin/pg_dump`, 'pg_dump'].filter((c): c is string => !!c);
  for (const bin of candidates) {
    try {
      const version = execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      if (Number(/\b(\d+)(?:\.\d+)?/.exec(version)?.[1]) === major) return bin;
    } catch {
      // not there, or not runnable: try the next
    }
  }
  return undefined;
}

export class DumpReferee implements Referee {
  private desired: Promise<Dump> | undefined;
  private loaded: Promise<Dump> | undefined;

  constructor(
    private readonly bin: string,
    private readonly desiredUrl: string,
    private readonly workUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private dump(url: string): Promise<Dump> {
    return pgDump(this.bin, url, this.timeoutMs).then(
      (text) => ({ lines: normalizeDump(text) }),
      (err: Error) => ({ error: err.message }),
    );
  }

  /** Dumps D and W as loaded; must be awaited before anything changes W. Never rejects. */
  async start(): Promise<void> {
    this.desired = this.dump(this.desiredUrl);
    this.loaded = this.dump(this.workUrl);
    await Promise.all([this.desired, this.loaded]);
  }

  forward(): Promise<Judgement> {
    return this.judge(this.desired, 'D');
  }

  rollback(): Promise<Judgement> {
    return this.judge(this.loaded, 'W as loaded');
  }

  /** Dumps W now and compares it with `expected`. */
  private async judge(expected: Promise<Dump> | undefined, what: string): Promise<Judgement> {
    if (!expected) return { equal: false, diff: ['no dump taken before the plan'] };
    const [want, got] = await Promise.all([expected, this.dump(this.workUrl)]);
    if ('error' in want) return { equal: false, diff: [`pg_dump of ${what}: ${want.error}`] };
    if ('error' in got) return { equal: false, diff: [`pg_dump of W: ${got.error}`] };
    // `-` lines are W's only, `+` lines the expected side's only
    return sameDump(got.lines, want.lines) ? { equal: true } : { equal: false, diff: diffExcerpt(got.lines, want.lines) };
  }
}
