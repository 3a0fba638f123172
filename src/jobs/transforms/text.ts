/** Transformers that rewrite text by rule: regexp-replace, dictionary. */
import { readFileSync } from 'node:fs';
import { usageError } from '../../errors.js';
import { asText, TransformFailure, type Transformer } from './types.js';

export const regexpReplace: Transformer = {
  name: 'regexp-replace',
  summary: 'Replaces what a regular expression matches ($1… refer to groups).',
  options: [
    { name: 'pattern', type: 'string', description: 'the regular expression (JavaScript syntax)' },
    { name: 'replacement', type: 'string', default: '', description: 'the replacement text' },
    { name: 'flags', type: 'string', default: 'g', description: 'regular expression flags (g, i, m, s, u)' },
  ],
  create: (opts) => {
    let re: RegExp;
    try {
      re = new RegExp(String(opts.pattern), String(opts.flags));
    } catch (err) {
      throw usageError('E_TRANSFORM_OPTION', `regexp-replace: the pattern or flags are not a valid regular expression (${(err as Error).message})`, 'fix pattern= or flags= (JavaScript syntax; a comma in the pattern is written \\,)');
    }
    return (value) => asText(value).replace(re, String(opts.replacement));
  },
};

/** `a:b|c:d` (a `\` escapes `:` `|` and itself) into a map. */
function parseInline(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const parts: string[][] = [[]];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) cur += text[++i];
    else if (ch === ':' && parts[parts.length - 1].length === 0) { parts[parts.length - 1].push(cur); cur = ''; }
    else if (ch === '|') { parts[parts.length - 1].push(cur); parts.push([]); cur = ''; }
    else cur += ch;
  }
  parts[parts.length - 1].push(cur);
  for (const p of parts) {
    if (p.length !== 2) throw usageError('E_TRANSFORM_OPTION', 'dictionary: map= must be pairs FROM:TO separated by |', 'e.g. map=red:blue|green:grey');
    map.set(p[0], p[1]);
  }
  return map;
}

function readFile(path: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    // the parser's message would quote the file: it may hold the real values
    const why = (err as NodeJS.ErrnoException).code ? `cannot be read (${(err as NodeJS.ErrnoException).code})` : 'is not valid JSON';
    throw usageError('E_TRANSFORM_OPTION', `dictionary: file ${path} ${why}`, 'give file= a JSON object {"from": "to", …}');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    throw usageError('E_TRANSFORM_OPTION', `dictionary: file ${path} is not a JSON object of strings`, 'give file= a JSON object {"from": "to", …}');
  }
  return new Map(Object.entries(raw as Record<string, string>));
}

export const dictionary: Transformer = {
  name: 'dictionary',
  summary: 'Maps values through a dictionary (inline map= or a JSON file=).',
  options: [
    { name: 'map', type: 'string', default: '', description: 'inline pairs FROM:TO|FROM:TO' },
    { name: 'file', type: 'string', default: '', description: 'a JSON file {"from": "to", …}' },
    { name: 'missing', type: 'string', default: 'fail', choices: ['fail', 'keep', 'null'], description: 'a value not in the dictionary: stop the job, keep it, or write NULL' },
  ],
  create: (opts) => {
    if (!opts.map === !opts.file) throw usageError('E_TRANSFORM_OPTION', 'dictionary: give exactly one of map= and file=', 'e.g. dictionary:map=red:blue|green:grey');
    const map = opts.map ? parseInline(String(opts.map)) : readFile(String(opts.file));
    return (value) => {
      const key = asText(value);
      const to = map.get(key);
      if (to !== undefined) return to;
      if (opts.missing === 'keep') return value;
      if (opts.missing === 'null') return null;
      throw new TransformFailure('met a value that is not in the dictionary (missing=keep or missing=null lets such values through)');
    };
  },
};
