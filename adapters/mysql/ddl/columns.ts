/**
 * Column definitions as CREATE TABLE, ADD COLUMN and MODIFY COLUMN write them, in the
 * order the server's grammar wants: type, charset and collation, generated expression,
 * NULL / NOT NULL, DEFAULT, ON UPDATE, AUTO_INCREMENT, INVISIBLE, COMMENT.
 */
import type { Column } from '../../../unified-model/index.js';
import { defaultSql, lit, q, word } from './quote.js';

/**
 * One column definition. Nullability is always spelled: a TIMESTAMP column without it
 * is NOT NULL on servers where explicit_defaults_for_timestamp is off. A generated
 * column states only NOT NULL (MariaDB takes no NULL after one).
 */
export function columnSql(c: Column): string {
  const parts = [q(c.name), c.type.native];
  if (c.charset) parts.push(`CHARACTER SET ${word(c.charset, 'charset')}`);
  if (c.collation) parts.push(`COLLATE ${word(c.collation, 'collation')}`);
  if (c.generated) {
    parts.push(`GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`);
    if (!c.nullable) parts.push('NOT NULL');
  } else {
    parts.push(c.nullable ? 'NULL' : 'NOT NULL');
    if (c.default !== undefined) parts.push(`DEFAULT ${defaultSql(c.default)}`);
    if (c.onUpdate) parts.push(`ON UPDATE ${c.onUpdate}`);
    if (c.autoIncrement) parts.push('AUTO_INCREMENT');
  }
  if (c.invisible) parts.push('INVISIBLE');
  if (c.comment) parts.push(`COMMENT ${lit(c.comment)}`);
  return parts.join(' ');
}

/** Where a column goes: FIRST, or AFTER the column before it in `order`. */
export function positionSql(order: readonly string[], name: string): string {
  const i = order.indexOf(name);
  return i <= 0 ? 'FIRST' : `AFTER ${q(order[i - 1])}`;
}

const INT_BYTES: Readonly<Record<number, number>> = { 8: 1, 16: 2, 24: 3, 32: 4, 64: 8 };

/** The size a logical type holds, where types of one kind compare by it (undefined: no order). */
function capacity(c: Column): number | undefined {
  const l = c.type.logical;
  switch (l.kind) {
    case 'integer': return INT_BYTES[l.bits] * 2 + (l.unsigned ? 1 : 0);
    case 'string': return l.length;
    case 'text': return l.maxBytes ?? Number.MAX_SAFE_INTEGER;
    case 'binary': return l.length ?? l.maxBytes ?? Number.MAX_SAFE_INTEGER;
    case 'decimal': return l.precision !== undefined ? l.precision * 100 + (l.scale ?? 0) : undefined;
    case 'float': return l.bits;
    case 'timestamp': case 'time': return l.precision ?? 0;
    default: return undefined;
  }
}

/**
 * Whether changing a column's type may lose data: another kind, a smaller size, a
 * signed/unsigned switch, enum or set values removed or moved (the server stores the
 * position), another charset.
 */
export function narrows(from: Column, to: Column): boolean {
  if (from.type.native === to.type.native && from.charset === to.charset) return false;
  const a = from.type.logical;
  const b = to.type.logical;
  if (a.kind !== b.kind) return true;
  if (from.charset !== to.charset) return true;
  if ((a.kind === 'enum' || a.kind === 'set') && (b.kind === 'enum' || b.kind === 'set')) {
    const before = a.values ?? [];
    return !before.every((v, i) => (b.values ?? [])[i] === v);
  }
  if (a.kind === 'integer' && b.kind === 'integer' && !!a.unsigned !== !!b.unsigned) return true;
  if (a.kind === 'decimal' && b.kind === 'decimal' && (b.scale ?? 0) < (a.scale ?? 0)) return true;
  const [x, y] = [capacity(from), capacity(to)];
  return x === undefined || y === undefined || y < x;
}

/** Enum or set values only appended at the end: the server changes the definition only (INSTANT). */
export function appendsValues(from: Column, to: Column): boolean {
  const a = from.type.logical;
  const b = to.type.logical;
  if (a.kind !== b.kind || (a.kind !== 'enum' && a.kind !== 'set') || (b.kind !== 'enum' && b.kind !== 'set')) return false;
  const before = a.values ?? [];
  const after = b.values ?? [];
  return after.length >= before.length && before.every((v, i) => after[i] === v) && from.type.native.replace(/\(.*\)/su, '') === to.type.native.replace(/\(.*\)/su, '');
}
