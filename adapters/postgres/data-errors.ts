/**
 * A server error while rows were written → `E_DATA_WRITE`, naming the table and, where
 * the server says, the column, with the SQLSTATE and its condition name — never a value.
 * PostgreSQL quotes values in its messages (`invalid input syntax for type integer:
 * "abc"`, `value "99999999999" is out of range for type integer`), and its DETAIL and a
 * COPY error's CONTEXT quote the row: only the message is kept, with every quoted text
 * that is not a name of the table's blanked out.
 */
import { RedbError } from '../../src/errors.js';
import type { Table } from '../../unified-model/index.js';

/** Condition names of the SQLSTATEs a data write meets (PostgreSQL Appendix A). */
const CONDITIONS: Readonly<Record<string, string>> = {
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22004': 'null_value_not_allowed',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '2200N': 'invalid_xml_content',
  '22012': 'division_by_zero',
  '22015': 'interval_field_overflow',
  '22021': 'character_not_in_repertoire',
  '22023': 'invalid_parameter_value',
  '22026': 'string_data_length_mismatch',
  '22P02': 'invalid_text_representation',
  '22P03': 'invalid_binary_representation',
  '22P05': 'untranslatable_character',
  '22030': 'duplicate_json_object_key_value',
  '22032': 'invalid_json_text',
  '23000': 'integrity_constraint_violation',
  '23001': 'restrict_violation',
  '23502': 'not_null_violation',
  '23503': 'foreign_key_violation',
  '23505': 'unique_violation',
  '23514': 'check_violation',
  '23P01': 'exclusion_violation',
  '21000': 'cardinality_violation',
  '25P02': 'in_failed_sql_transaction',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '42501': 'insufficient_privilege',
  '428C9': 'generated_always',
  '42703': 'undefined_column',
  '42804': 'datatype_mismatch',
  '42P01': 'undefined_table',
  '42P10': 'invalid_column_reference',
  '54000': 'program_limit_exceeded',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled',
};

interface ServerError {
  code?: string;
  message?: string;
  column?: string;
  where?: string;
  constraint?: string;
}

/** Whether `err` came from the server (or PGlite): it carries a five-character SQLSTATE. */
export function isServerError(err: unknown): err is ServerError {
  const code = (err as ServerError | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** The message without a value: quoted texts other than the table's names blanked, anything after `: 0x` (bytes) cut. */
export function valueFreeMessage(message: string, names: ReadonlySet<string>): string {
  return message
    .replace(/: 0x[0-9a-f]{2}( 0x[0-9a-f]{2})*/gi, '')
    .replace(/"((?:[^"]|"")*)"/g, (whole, inner: string) => (names.has(inner.replaceAll('""', '"')) ? whole : '"…"'));
}

/** The column a COPY error's CONTEXT names (`COPY t, line 3, column price: "…"`), among the table's columns. */
function copyColumn(where: string | undefined, columns: readonly string[]): string | undefined {
  if (!where) return undefined;
  // the longest name that fits: `column a_b` must not be read as column `a`
  return [...columns].sort((a, b) => b.length - a.length).find((c) => where.includes(`, column ${c}: `) || where.endsWith(`, column ${c}`));
}

/**
 * The column a bad value went to, where the server says: its `column` field (NOT NULL,
 * some checks), the CONTEXT of a COPY, or the one written column of the type the message
 * names (`value too long for type character varying(5)`). The caller may know better: the
 * literal at the error's position.
 */
function columnOfError(e: ServerError, table: Table, written: readonly string[]): string | undefined {
  if (e.column) return e.column;
  const fromCopy = copyColumn(e.where, written);
  if (fromCopy) return fromCopy;
  const type = /for type ([^:"]+?)(?::|$)/.exec(e.message ?? '')?.[1]?.trim();
  if (!type) return undefined;
  const same = table.columns.filter((c) => written.includes(c.name) && (c.type.native === type || c.type.native.replace(/\(.*?\)/, '') === type));
  return same.length === 1 ? same[0].name : undefined;
}

/** `E_DATA_WRITE` for a server error writing rows of `table`; any other error is returned as it is. */
export function dataWriteError(err: unknown, table: Table, written: readonly string[], action: string, columnHint?: string): unknown {
  if (!isServerError(err)) return err;
  const names = new Set<string>([table.schema, table.name, ...table.columns.map((c) => c.name), 'UTF8', 'SQL_ASCII']);
  for (const c of [table.primaryKey, ...(table.uniques ?? []), ...(table.checks ?? []), ...(table.foreignKeys ?? []), ...(table.exclusions ?? [])]) if (c?.name) names.add(c.name);
  for (const i of table.indexes ?? []) names.add(i.name);
  if (err.constraint) names.add(err.constraint);
  const column = columnHint ?? columnOfError(err, table, written);
  const code = err.code ?? '';
  const condition = CONDITIONS[code] ?? 'error';
  const where = column ? `${table.schema}.${table.name}.${column}` : `${table.schema}.${table.name}`;
  return new RedbError(
    'E_DATA_WRITE',
    `cannot ${action} ${where}: ${valueFreeMessage(err.message ?? '', names)} (SQLSTATE ${code} ${condition})`,
    'The value does not fit the target column: check the column types of source and target (redb translate reports what differs), or transform the column.',
  );
}
