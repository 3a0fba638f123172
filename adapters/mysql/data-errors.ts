/**
 * `E_DATA_WRITE` from what MySQL/MariaDB said about a write: a refused statement (strict
 * mode makes most bad values errors) or a warning (a value the server would have
 * changed). The message names table.column but never the value: MariaDB quotes values
 * in its messages (`Incorrect uuid value: '…' for column …`), so they are cut out here.
 */
import { RedbError } from '../../src/errors.js';

const HINT =
  'The target refused a value or would have stored it changed: widen the column (e.g. `redb translate … --type TABLE.COLUMN=TYPE`), fix the source row, or transform the column.';

/** A value the target refused or would change: names the table and column, never the value. */
export class DataWriteError extends RedbError {
  constructor(
    readonly table: string,
    readonly column: string | undefined,
    reason: string,
  ) {
    super('E_DATA_WRITE', `cannot write ${column ? `${table}.${column}` : table}: ${reason}`, HINT);
  }
}

/** What the server said, about one row of one statement. */
export interface ServerComplaint {
  readonly code?: string | number;
  readonly message: string;
}

// where a server message names the column (MySQL quotes it, MariaDB gives `db`.`t`.`c`)
const COLUMN_PATTERNS = [/for column `[^`]*`\.`[^`]*`\.`((?:[^`]|``)+)`/, /for column '([^']+)'/, /^Column '([^']+)' cannot be null/, /CONSTRAINT `[^`.]*\.((?:[^`]|``)+)` failed/, /in value for column '[^'.]*\.([^']+)'/];

/**
 * Server text with the values cut out: `value: '…' for column`, `entry '…' for key`,
 * `Invalid JSON text: "…"` — and, in case a message of another shape quotes one, every
 * remaining quoted string that is not one of the table's own names.
 */
export function scrubValues(message: string, names: ReadonlySet<string>): string {
  return message
    .replace(/ value: '[\s\S]*' for column /, ' value for column ')
    .replace(/^Duplicate entry '[\s\S]*' for key /, 'Duplicate entry for key ')
    .replace(/Invalid JSON text: "[\s\S]*?" at /, 'Invalid JSON text at ')
    .replace(/'((?:[^'\\]|\\.|'')*)'/g, (all, inner: string) => (names.has(inner) ? all : "'…'"))
    .replace(/\s+at row \d+\s*$/, '');
}

/** The column a server message names, when it is one of the table's columns. */
export function columnNamed(message: string, columns: readonly string[]): string | undefined {
  for (const re of COLUMN_PATTERNS) {
    const m = re.exec(message);
    const name = m?.[1]?.replace(/``/g, '`');
    if (name && columns.includes(name)) return name;
  }
  return undefined;
}

/**
 * The error for a complaint about a statement holding rows `first`… of the caller's batch.
 * `at row N` of the statement becomes the row of the batch (a position, not a value).
 */
export function complaintError(table: string, columns: readonly string[], names: ReadonlySet<string>, c: ServerComplaint, first: number): DataWriteError {
  const row = /at row (\d+)\s*$/.exec(c.message);
  const where = row ? ` (row ${first + Number(row[1])} of the batch)` : '';
  const code = c.code !== undefined ? ` [${c.code}]` : '';
  return new DataWriteError(table, columnNamed(c.message, columns), `${scrubValues(c.message, names)}${where}${code}`);
}

/**
 * The error for the warnings of a statement: the first that names one of the columns
 * (MariaDB warns of `json_valid` before the CHECK that names the column), else the first.
 */
export function warningsError(table: string, columns: readonly string[], names: ReadonlySet<string>, shown: readonly { Code: number; Message: string }[], first: number): DataWriteError | undefined {
  const w = shown.find((x) => columnNamed(x.Message, columns) !== undefined) ?? shown[0];
  return w ? complaintError(table, columns, names, { code: w.Code, message: w.Message }, first) : undefined;
}

/** A driver error that is the server refusing the statement (mysql2 sets `sqlMessage`), else undefined. */
export function serverComplaint(err: unknown): ServerComplaint | undefined {
  const e = err as { sqlMessage?: string; code?: string };
  return typeof e?.sqlMessage === 'string' ? { code: e.code, message: e.sqlMessage } : undefined;
}
