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

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of COPY's text format: NULL is `\N`; backslash, newline, CR and tab are escaped. */
export function copyField(value: PortableValue | undefined): string {
  const text = pgText(value);
  if (text === null) return '\\N';
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : text;
}

/**
 * A SQL string literal of the text; an E'' literal where it holds a backslash, so it
 * means the same whatever standard_conforming_strings is.
 */
export function sqlLiteral(text: string): string {
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
      return of.tz ? utcText(text) : text;
    default:
      return text;
  }
}

function arrayFromText(value: unknown, of: LogicalType): PortableValue {
  if (value === null) return null;
  if (!Array.isArray(value)) throw new TypeError('array column read without an array');
  return value.map((v: unknown) => (Array.isArray(v) ? arrayFromText(v, of) : elementFromText(v as string | null, of)));
}

/**
 * What the driver returned for a column read by `readExpression` → its portable value.
 * Text-cast columns arrive as strings; floats, booleans and bytea as the driver parses them.
 */
export function fromRead(value: unknown, logical: LogicalType): PortableValue {
  if (value === null || value === undefined) return null;
  switch (logical.kind) {
    case 'float':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 't' || value === 'true';
    case 'binary':
      return value instanceof Uint8Array ? toBuffer(value) : byteaText(String(value));
    case 'timestamp':
      return logical.tz ? utcText(String(value)) : String(value);
    case 'array':
      return arrayFromText(value, logical.of);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}
