/**
 * Portable values (adapters/types.ts `PortableValue`) to and from PostgreSQL's text form.
 *
 * Writing: every value becomes the text the type's input function reads (what COPY and
 * an untyped literal feed it), so a value reaches the column exactly as the server
 * would parse it from a dump; an array becomes an array literal. Reading: the SELECT of
 * data-read.ts casts most columns to text, and `fromRead` turns what the driver gives
 * into the portable value of the column's logical type.
 *
 * @example pgText(['a"b', null]) // {"a\"b",NULL}
 * @example copyField('a\tb') // a\\tb (backslash, t)
 */
import type { PortableValue } from '../types.js';
import type { LogicalType } from '../../unified-model/index.js';

/** PostgreSQL's input text of a portable value; null stays null. */
export function pgText(value: PortableValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (Array.isArray(value)) return arrayLiteral(value);
  throw new TypeError(`not a portable value: ${typeof value}`);
}

/** A number as the float and numeric input functions read it; -0 keeps its sign (String(-0) is '0'). */
function numberText(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** `{"a","b",NULL,{"c"}}`: every element quoted, so no element text needs a rule of its own. */
function arrayLiteral(values: readonly PortableValue[]): string {
  const parts = values.map((v) => {
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = pgText(v);
    return text === null ? 'NULL' : `"${text.replace(/["\\]/g, '\\$&')}"`;
  });
  return `{${parts.join(',')}}`;
}

/** A string holding U+0000, which no PostgreSQL text can hold (the writer names the column). */
export class NulInText extends Error {}

const COPY_SPECIAL = /[\\\n\r\t\0]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of COPY's text format: NULL is `\N`; backslash, newline, CR and tab are escaped. */
export function copyField(value: PortableValue | undefined): string {
  const text = pgText(value);
  if (text === null) return '\\N';
  if (!COPY_SPECIAL.test(text)) return text;
  if (text.includes('\0')) throw new NulInText();
  return text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]);
}

/**
 * A SQL string literal of the text; an E'' literal where it holds a backslash, so it
 * means the same whatever standard_conforming_strings is.
 */
export function sqlLiteral(text: string): string {
  if (text.includes('\0')) throw new NulInText();
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** A SQL literal of a portable value (`NULL` for null), untyped: the column or a cast gives it its type. */
export function sqlValue(value: PortableValue | undefined): string {
  const text = pgText(value);
  return text === null ? 'NULL' : sqlLiteral(text);
}

/**
 * `timestamptz AT TIME ZONE 'UTC'` as text, to the portable form: the UTC time followed
 * by `+00` (before a ` BC` era, where PostgreSQL reads it); `infinity` stays as it is.
 */
export function utcText(text: string): string {
  if (text === 'infinity' || text === '-infinity') return text;
  return text.endsWith(' BC') ? `${text.slice(0, -3)}+00 BC` : `${text}+00`;
}

/** A bytea the driver read (node-postgres: Buffer; PGlite: Uint8Array) as a Buffer. */
function toBuffer(v: Uint8Array): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** `\x0001ff` (bytea's hex output, as an element of a text[]) → Buffer. */
function byteaText(text: string): Buffer {
  if (!text.startsWith('\\x')) throw new TypeError('bytea text is not in hex format (bytea_output must be hex)');
  return Buffer.from(text.slice(2), 'hex');
}

/** A timestamp text ending in an offset (`+05:30`, `-08`, before an era). */
const HAS_OFFSET = /[+-]\d\d(?::\d\d){0,2}(?: BC)?$/;

/** An element of an array read as text[] → its portable value. */
function elementFromText(text: string | null, of: LogicalType): PortableValue {
  if (text === null) return null;
  switch (of.kind) {
    case 'float':
      return Number(text);
    case 'boolean':
      return text === 't' || text === 'true';
    case 'binary':
      return byteaText(text);
    case 'timestamp':
      // a multidimensional array is read with the session's offsets (data-read.ts): kept
      return of.tz && !HAS_OFFSET.test(text) ? utcText(text) : text;
    default:
      return text;
  }
}

/**
 * An array's text output (`{a,"b c",NULL,{1,2}}`, `[0:1]={…}` with bounds) → nested JS
 * arrays of element texts, null for an unquoted NULL.
 */
export function parseArrayLiteral(text: string): unknown[] {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const parse = (): unknown[] => {
    const out: unknown[] = [];
    i++; // {
    if (text[i] === '}') return i++, out;
    for (;;) {
      if (text[i] === '{') out.push(parse());
      else if (text[i] === '"') {
        let value = '';
        for (i++; text[i] !== '"'; i++) value += text[i] === '\\' ? text[++i] : text[i];
        i++;
        out.push(value);
      } else {
        const start = i;
        while (text[i] !== ',' && text[i] !== '}') i++;
        const bare = text.slice(start, i);
        out.push(bare === 'NULL' ? null : bare);
      }
      if (text[i++] === '}') return out;
    }
  };
  if (text[i] !== '{') throw new TypeError('not an array literal');
  return parse();
}

function arrayFromText(value: unknown, of: LogicalType): PortableValue {
  if (value === null) return null;
  if (typeof value === 'string') return arrayFromText(parseArrayLiteral(value), of);
  if (!Array.isArray(value)) throw new TypeError('array column read without an array');
  return value.map((v: unknown) => (Array.isArray(v) ? arrayFromText(v, of) : elementFromText(v as string | null, of)));
}

/** Turns what the driver returned for a column into its portable value. */
export type ReadConverter = (value: unknown) => PortableValue;

const asText: ReadConverter = (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : String(v));

/**
 * How to turn what the driver returned for a column read by `readExpression` into its
 * portable value, or undefined when it is that already (a text-cast column arrives as a
 * string or null: most columns cost nothing per value). Floats, booleans and bytea
 * arrive as the driver parses them.
 */
export function readConverter(logical: LogicalType): ReadConverter | undefined {
  switch (logical.kind) {
    case 'float':
      return (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));
    case 'boolean':
      return (v) => (v === null || v === undefined ? null : typeof v === 'boolean' ? v : v === 't' || v === 'true');
    case 'binary':
      return (v) => (v === null || v === undefined ? null : v instanceof Uint8Array ? toBuffer(v) : byteaText(String(v)));
    case 'timestamp':
      return logical.tz ? (v) => (v === null || v === undefined ? null : utcText(String(v))) : undefined;
    case 'array':
      return (v) => (v === null || v === undefined ? null : arrayFromText(v, logical.of));
    default:
      return undefined;
  }
}

/** The portable value of one value read (tests, and callers with a single value). */
export function fromRead(value: unknown, logical: LogicalType): PortableValue {
  return (readConverter(logical) ?? asText)(value);
}
