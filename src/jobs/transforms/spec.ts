/**
 * `TABLE.COLUMN=NAME:opt=value,…` as the user types it after `--transform`, checked
 * against the catalogue before any row is read: an unknown transformer (with a did-you-
 * mean), an unknown option, or a value of the wrong type is a usage error.
 */
import { closest } from '../../cli/command-names.js';
import { usageError } from '../../errors.js';
import type { OptionSpec, Options, Transformer } from './types.js';

export interface TransformSpec {
  table: string;
  column: string;
  name: string;
  options: Options;
}

const FORMAT = 'write TABLE.COLUMN=TRANSFORMER[:option=value,…], e.g. users.email=email:keep-domain=false';
const INTERVAL_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `90m`, `45s`, `500ms`, `2w` in milliseconds. */
export function parseInterval(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  return m ? Number(m[1]) * INTERVAL_UNITS[m[2]] : undefined;
}

/** Splits on a separator that is not escaped with `\`; `\,` stays `\,` for the next step. */
function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) cur += text[i] + text[++i];
    else if (text[i] === sep) { out.push(cur); cur = ''; }
    else cur += text[i];
  }
  out.push(cur);
  return out;
}

/** `\,` → `,` (the only escape the spec itself needs); other escapes are the option's. */
const unescapeComma = (text: string) => text.replace(/\\,/g, ',');

function optionValue(transformer: string, spec: OptionSpec, raw: string): string | number | boolean {
  const bad = (what: string) => usageError('E_TRANSFORM_OPTION', `${transformer}: option ${spec.name} must be ${what}`, `e.g. ${spec.name}=${spec.default ?? '…'}`);
  switch (spec.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(raw)) throw bad('a whole number');
      const n = Number(raw);
      if (n < 0) throw bad('zero or more');
      return n;
    }
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw bad('a number, zero or more');
      return n;
    }
    case 'boolean':
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw bad('true or false');
    case 'interval': {
      const ms = parseInterval(raw);
      if (ms === undefined) throw bad('an interval such as 30d, 12h, 90m, 45s');
      return ms;
    }
    default:
      if (spec.choices && !spec.choices.includes(raw)) throw bad(`one of ${spec.choices.join(', ')}`);
      if (spec.name === 'fill' && Array.from(raw).length !== 1) throw bad('a single character');
      return raw;
  }
}

/** The options given, checked and typed, with the defaults of those not given. */
export function resolveOptions(t: Transformer, given: Record<string, string>): Options {
  const out: Options = {};
  for (const name of Object.keys(given)) {
    if (!t.options.some((o) => o.name === name)) {
      const names = t.options.map((o) => o.name);
      const guess = closest(name, names);
      throw usageError(
        'E_TRANSFORM_OPTION',
        `${t.name} has no option ${JSON.stringify(name)}${guess ? ` (did you mean ${guess}?)` : ''}`,
        names.length ? `its options: ${names.join(', ')} (redb transformation list)` : `${t.name} takes no options`,
      );
    }
  }
  for (const o of t.options) {
    if (o.name in given) out[o.name] = optionValue(t.name, o, given[o.name]);
    else if (o.default === undefined) throw usageError('E_TRANSFORM_OPTION', `${t.name} needs option ${o.name} (${o.description})`, `add :${o.name}=…`);
    else out[o.name] = o.type === 'interval' ? (parseInterval(String(o.default)) as number) : o.default;
  }
  return out;
}

export function parseTransformSpec(text: string, catalogue: readonly Transformer[]): TransformSpec {
  const eq = text.indexOf('=');
  if (eq < 0) throw usageError('E_TRANSFORM_SPEC', `--transform ${JSON.stringify(text)} has no "=TRANSFORMER"`, FORMAT);
  const target = text.slice(0, eq).trim();
  const dot = target.lastIndexOf('.');
  if (dot <= 0 || dot === target.length - 1) throw usageError('E_TRANSFORM_SPEC', `--transform ${JSON.stringify(target)} does not name TABLE.COLUMN`, FORMAT);
  const rest = text.slice(eq + 1);
  const colon = rest.indexOf(':');
  const name = (colon < 0 ? rest : rest.slice(0, colon)).trim();
  const t = catalogue.find((c) => c.name === name);
  if (!t) {
    const guess = closest(name, catalogue.map((c) => c.name));
    throw usageError('E_TRANSFORM_UNKNOWN', `no transformer named ${JSON.stringify(name)}${guess ? ` (did you mean ${guess}?)` : ''}`, '`redb transformation list` shows the catalogue');
  }
  const given: Record<string, string> = {};
  if (colon >= 0 && rest.slice(colon + 1) !== '') {
    for (const pair of splitUnescaped(rest.slice(colon + 1), ',')) {
      const at = pair.indexOf('=');
      if (at <= 0) throw usageError('E_TRANSFORM_SPEC', `${name}: ${JSON.stringify(pair)} is not option=value`, FORMAT);
      const key = pair.slice(0, at).trim();
      if (key in given) throw usageError('E_TRANSFORM_SPEC', `${name}: option ${key} is given twice`, 'give each option once');
      given[key] = unescapeComma(pair.slice(at + 1));
    }
  }
  return { table: target.slice(0, dot), column: target.slice(dot + 1), name, options: resolveOptions(t, given) };
}
