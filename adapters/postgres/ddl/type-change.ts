/**
 * What changing a column's type costs: whether PostgreSQL rewrites the table (it
 * does not when the old type is binary-coercible to the new one: varchar(n) →
 * varchar(m ≥ n) or text, numeric(p,s) → numeric(p' ≥ p, s) …) and whether the cast
 * can lose data (a shorter string, fewer digits, a coarser time, a float to an integer).
 */
import type { ColumnType, LogicalType } from '../../../unified-model/index.js';

export interface TypeChangeCost {
  /** The table (and its indexes) are rewritten, and the cast can fail on existing rows. */
  readonly rewrite: boolean;
  /** The cast can silently lose information (truncation, rounding). */
  readonly narrowing: boolean;
}

/** `character varying(20)` → ['character varying', [20]] */
function parts(native: string): [string, number[]] {
  const m = /^(.*?)\(([\d,\s]+)\)(.*)$/s.exec(native);
  return m ? [`${m[1]}${m[3]}`.trim(), m[2].split(',').map((x) => Number(x))] : [native, []];
}

/** A bound that is absent means "unlimited". */
const widens = (a: number | undefined, b: number | undefined) => b === undefined || (a !== undefined && b >= a);

const VARLENA_TEXT = new Set(['text', 'character varying']);
const PRECISION_TYPES = new Set(['timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone', 'interval', 'bit varying']);

function binaryCoercible(from: string, to: string): boolean {
  const [fb, fm] = parts(from);
  const [tb, tm] = parts(to);
  if (VARLENA_TEXT.has(fb) && VARLENA_TEXT.has(tb)) return tb === 'text' || (fb === 'character varying' && widens(fm[0], tm[0])) || (fb === 'text' && tm[0] === undefined);
  if (fb === 'numeric' && tb === 'numeric') return tm.length === 0 || (fm.length > 0 && tm[0] >= fm[0] && (tm[1] ?? 0) === (fm[1] ?? 0));
  if (fb === tb && PRECISION_TYPES.has(fb)) return widens(fm[0], tm[0]);
  return from === 'cidr' && to === 'inet';
}

function loses(a: LogicalType, b: LogicalType): boolean {
  if (b.kind === 'string' && b.length !== undefined) return !(a.kind === 'string' && a.length !== undefined && b.length >= a.length);
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    if (b.precision === undefined) return false;
    return a.precision === undefined || b.precision - (b.scale ?? 0) < a.precision - (a.scale ?? 0) || (b.scale ?? 0) < (a.scale ?? 0);
  }
  if ((a.kind === 'decimal' || a.kind === 'float') && b.kind === 'integer') return true;
  if (a.kind === 'decimal' && b.kind === 'float') return true;
  if (a.kind === 'float' && b.kind === 'float') return b.bits < a.bits;
  if ((a.kind === 'timestamp' || a.kind === 'time') && b.kind === a.kind) return b.precision !== undefined && (a.precision === undefined || b.precision < a.precision);
  if (a.kind === 'timestamp' && (b.kind === 'date' || b.kind === 'time')) return true;
  return false;
}

/** The cost of `ALTER COLUMN … TYPE to USING col::to` on a column of type `from`. */
export function typeChange(from: ColumnType, to: ColumnType): TypeChangeCost {
  if (from.native === to.native) return { rewrite: false, narrowing: false };
  return { rewrite: !binaryCoercible(from.native, to.native), narrowing: loses(from.logical, to.logical) };
}
