/** Transformers that blank or hide a value: null, fixed, redact, keep-first-char, random-string. */
import { rngFor } from './random.js';
import { asText, type Transformer } from './types.js';

const fill = { name: 'fill', type: 'string', default: '*', description: 'the character that replaces hidden characters' } as const;

/** Characters as the user sees them (a code point each), so lengths stay the same. */
const chars = (text: string) => Array.from(text);

export const nullTransformer: Transformer = {
  name: 'null',
  summary: 'Replaces every value with NULL.',
  options: [],
  replacesNull: true,
  create: () => () => null,
};

export const fixed: Transformer = {
  name: 'fixed',
  summary: 'Replaces every value (NULL too) with the same value.',
  options: [{ name: 'value', type: 'string', description: 'the value written instead' }],
  replacesNull: true,
  create: (opts) => () => opts.value,
};

export const redact: Transformer = {
  name: 'redact',
  summary: 'Hides characters with a fill character, keeping N of them; the length is kept.',
  options: [
    { name: 'keep', type: 'integer', default: 0, description: 'how many characters stay visible' },
    { name: 'at', type: 'string', default: 'end', choices: ['start', 'end'], description: 'where the visible characters are' },
    fill,
  ],
  create: (opts) => (value) => {
    const c = chars(asText(value));
    const keep = Math.min(opts.keep as number, c.length);
    const hidden = String(opts.fill).repeat(c.length - keep);
    return opts.at === 'start' ? c.slice(0, keep).join('') + hidden : hidden + c.slice(c.length - keep).join('');
  },
};

export const keepFirstChar: Transformer = {
  name: 'keep-first-char',
  summary: 'Keeps the first character and hides the others (Alice → A****).',
  options: [fill],
  create: (opts) => (value) => {
    const c = chars(asText(value));
    return c.slice(0, 1).join('') + String(opts.fill).repeat(Math.max(0, c.length - 1));
  },
};

const CHARSETS: Record<string, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  hex: '0123456789abcdef',
};

export const randomString: Transformer = {
  name: 'random-string',
  summary: 'A random string of the same length.',
  options: [{ name: 'charset', type: 'string', default: 'alnum', choices: Object.keys(CHARSETS), description: 'the characters to draw from' }],
  create: (opts, ctx) => (value) => {
    const length = chars(asText(value)).length;
    const rng = rngFor('random-string', value, ctx);
    const set = CHARSETS[String(opts.charset)];
    return Array.from({ length }, () => set[rng.int(set.length)]).join('');
  },
};
