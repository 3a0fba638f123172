/**
 * Values of a pgoutput stream in portable form (adapters/types.ts, PortableValue). pgoutput
 * sends each value in its type's text output; the stream's session runs with ISO dates,
 * UTC and full float digits (changes-stream.ts), so the text already is the portable
 * spelling for numbers, dates and times. Only booleans, floats, bytea and arrays need work;
 * domains take their base type's form.
 */
import type { Connection, PortableValue } from '../types.js';

export type TextToPortable = (text: string) => PortableValue;

const BOOL = 16;
const BYTEA = 17;
const FLOATS = new Set([700, 701]);

interface PgType {
  typtype: string;
  base: number;
  elem: number;
  category: string;
  delim: string;
}

const asText: TextToPortable = (t) => t;
const asBool: TextToPortable = (t) => t === 't';
const asFloat: TextToPortable = (t) => Number(t);
const asBytes: TextToPortable = (t) => (t.startsWith('\\x') ? Buffer.from(t.slice(2), 'hex') : Buffer.from(unescapeBytea(t), 'latin1'));

/** The old `escape` output of bytea (bytea_output = escape): `\\` and `\ooo` octal escapes. */
function unescapeBytea(t: string): string {
  return t.replace(/\\(\\|[0-7]{3})/g, (_m, e: string) => (e === '\\' ? '\\' : String.fromCharCode(parseInt(e, 8))));
}

/** Parses an array literal `{a,"b c",NULL,{1,2}}` into nested arrays, each element through `el`. */
export function parseArray(text: string, el: TextToPortable, delim = ','): PortableValue {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0; // `[0:2]={…}`: explicit bounds are dropped
  const parse = (): PortableValue[] => {
    const out: PortableValue[] = [];
    i++; // `{`
    while (i < text.length) {
      const c = text[i];
      if (c === '}') { i++; return out; }
      if (c === delim) { i++; continue; }
      if (c === '{') { out.push(parse()); continue; }
      if (c === '"') {
        let s = '';
        i++;
        while (text[i] !== '"') { if (text[i] === '\\') i++; s += text[i++]; }
        i++;
        out.push(el(s));
        continue;
      }
      let end = i;
      while (text[end] !== delim && text[end] !== '}') end++;
      const raw = text.slice(i, end).trim();
      out.push(raw === 'NULL' ? null : el(raw));
      i = end;
    }
    return out;
  };
  return parse();
}

/** Converters by type oid for one source database, read once from its catalog. */
export class PortableTypes {
  private readonly cache = new Map<number, TextToPortable>();
  private constructor(private readonly types: Map<number, PgType>) {}

  static async load(conn: Pick<Connection, 'query'>): Promise<PortableTypes> {
    const rows = await conn.query<{ oid: number; typtype: string; base: number; elem: number; category: string; delim: string }>(
      'SELECT oid::int AS oid, typtype, typbasetype::int AS base, typelem::int AS elem, typcategory AS category, typdelim AS delim FROM pg_catalog.pg_type',
    );
    return new PortableTypes(new Map(rows.map((r) => [Number(r.oid), { ...r, base: Number(r.base), elem: Number(r.elem) }])));
  }

  converter(oid: number): TextToPortable {
    let c = this.cache.get(oid);
    if (!c) {
      c = this.build(oid, 0);
      this.cache.set(oid, c);
    }
    return c;
  }

  private build(oid: number, depth: number): TextToPortable {
    if (oid === BOOL) return asBool;
    if (oid === BYTEA) return asBytes;
    if (FLOATS.has(oid)) return asFloat;
    const t = this.types.get(oid);
    if (!t || depth > 10) return asText;
    if (t.typtype === 'd') return this.build(t.base, depth + 1);
    if (t.category === 'A' && t.elem) {
      const el = this.build(t.elem, depth + 1);
      return (text) => parseArray(text, el, t.delim);
    }
    return asText;
  }
}
