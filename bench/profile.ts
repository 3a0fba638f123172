/**
 * Summarize a V8 .cpuprofile (from `node --cpu-prof`): where the time goes,
 * by module (source file or npm package) and by function, self and total.
 *
 *   node dist/bench/profile.js FILE.cpuprofile [--top 25]
 *
 * "self" is time with the function on top of the stack; "total" is time with
 * it anywhere on the stack (each sample counted once per function, so
 * recursion does not inflate it).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  selfMs: number;
  totalMs: number;
}
export interface ProfileSummary {
  totalMs: number;
  modules: Row[];
  functions: Row[];
}

/** A readable module name: our source file under dist/, an npm package, or a Node/V8 bucket. */
export function moduleOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/(.+)\.js$/.exec(url);
  if (own) return own[1];
  return url.replace(/^file:\/\//, '');
}

function add(map: Map<string, Row>, name: string, self: number, total: number): void {
  const row = map.get(name) ?? { name, selfMs: 0, totalMs: 0 };
  row.selfMs += self;
  row.totalMs += total;
  map.set(name, row);
}

export function summarize(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const modules = new Map<string, Row>();
  const functions = new Map<string, Row>();
  const fnKey = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${moduleOf(f)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  // timeDeltas[i + 1] is the time until the next sample: the time spent in sample i.
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i])!;
    add(modules, moduleOf(leaf.callFrame), ms, 0);
    add(functions, fnKey(leaf.callFrame), ms, 0);
    const seenMod = new Set<string>();
    const seenFn = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName === '(root)') continue;
      const m = moduleOf(f);
      const k = fnKey(f);
      if (!seenMod.has(m)) (seenMod.add(m), add(modules, m, 0, ms));
      if (!seenFn.has(k)) (seenFn.add(k), add(functions, k, 0, ms));
    }
  }
  const bySelf = (a: Row, b: Row) => b.selfMs - a.selfMs;
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    modules: [...modules.values()].sort(bySelf).slice(0, top),
    functions: [...functions.values()].sort(bySelf).slice(0, top),
  };
}

export function renderSummary(s: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1)}%`.padStart(6);
  const rows = (rs: Row[]) => rs.map((r) => `${r.selfMs.toFixed(0).padStart(7)} ms ${pct(r.selfMs)} self ${r.totalMs.toFixed(0).padStart(7)} ms ${pct(r.totalMs)} total  ${r.name}`);
  return [`profile: ${s.totalMs.toFixed(0)} ms`, '', 'by module:', ...rows(s.modules), '', 'by function:', ...rows(s.functions)].join('\n');
}

export function summarizeFile(file: string, top = 25): string {
  return renderSummary(summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, flag, n] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/profile.js FILE.cpuprofile [--top 25]');
    process.exit(64);
  }
  console.log(summarizeFile(file, flag === '--top' ? Number(n) : 25));
}
