/**
 * The catalog queries of a MySQL/MariaDB introspection: one bulk query per object kind
 * over information_schema, filtered to the connected database (`DATABASE()`), never
 * one per table. Which columns a query reads depends on the server's features
 * (features.ts), never on how many objects there are.
 *
 * Every column is aliased in lower case: servers differ in the case they return
 * information_schema names in.
 */
import type { Connection } from '../../types.js';
import type { MysqlFeatures } from '../features.js';
import type { PartitionRow } from './partitions.js';

export interface TableRow { name: string; type: string; engine: string | null; collation: string | null; create_options: string | null; comment: string | null }
export interface ColumnRow {
  tbl: string; name: string; pos: number; dflt: string | null; nullable: string; data_type: string; column_type: string;
  charset: string | null; collation: string | null; extra: string; comment: string; generation: string | null;
}
export interface IndexKeyRow {
  tbl: string; idx: string; non_unique: number | string; seq: number; col: string | null; collation: string | null;
  sub_part: number | string | null; index_type: string; comment: string; ignored?: number | string | null; expression?: string | null;
}
export interface ForeignKeyRow {
  tbl: string; name: string; col: string; pos: number; ref_schema: string; ref_table: string; ref_col: string;
  update_rule: string; delete_rule: string; match_option: string; same_schema: number | string;
}
export interface CheckRow { tbl: string; name: string; clause: string; level: string; enforced?: string | null }
export interface ViewRow { db: string; name: string; definition: string | null; check_option: string; security: string; algorithm?: string | null; definer?: string | null }
export interface RoutineRow {
  name: string; type: string; returns: string | null; body: string | null; is_deterministic: string; data_access: string;
  security: string; sql_mode: string; comment: string; definer?: string | null;
}
export interface ParameterRow { routine: string; type: string; pos: number; mode: string | null; name: string | null; dtd: string }
export interface TriggerRow {
  name: string; tbl: string; event: string; timing: string; action_order: number; statement: string; sql_mode: string; definer?: string | null;
}
export interface EventRow {
  name: string; definer: string | null; time_zone: string | null; body: string; type: string; execute_at: string | null;
  interval_value: string | null; interval_field: string | null; sql_mode: string | null; starts: string | null; ends: string | null;
  status: string; on_completion: string; comment: string | null;
}
/** Who reads the schema (`CURRENT_USER()`, `user@host` as DEFINER columns spell it). */
export interface SessionRow { reader: string }

/** The raw catalog rows, one array per query. */
export interface Catalog {
  tables: TableRow[];
  columns: ColumnRow[];
  indexKeys: IndexKeyRow[];
  foreignKeys: ForeignKeyRow[];
  checks: CheckRow[];
  views: ViewRow[];
  routines: RoutineRow[];
  parameters: ParameterRow[];
  triggers: TriggerRow[];
  partitions: PartitionRow[];
  /** Absent in catalogs recorded before events were read. */
  events?: EventRow[];
  session?: SessionRow[];
}

const TABLES_SQL = `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, ENGINE AS engine, TABLE_COLLATION AS collation,
  CREATE_OPTIONS AS create_options, TABLE_COMMENT AS comment
FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`;

const COLUMNS_SQL = `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, ORDINAL_POSITION AS pos, COLUMN_DEFAULT AS dflt,
  IS_NULLABLE AS nullable, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type, CHARACTER_SET_NAME AS charset,
  COLLATION_NAME AS collation, EXTRA AS extra, COLUMN_COMMENT AS comment, GENERATION_EXPRESSION AS generation
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`;

function indexKeysSql(f: MysqlFeatures): string {
  // 1 when the optimizer is told to leave the index alone: MariaDB IGNORED = 'YES', MySQL IS_VISIBLE = 'NO'
  const ignored = f.ignoredIndexColumn ? `, (${f.ignoredIndexColumn} = '${f.ignoredIndexColumn === 'IGNORED' ? 'YES' : 'NO'}') AS ignored` : '';
  const expression = f.functionalIndexes ? ', EXPRESSION AS expression' : '';
  return `SELECT TABLE_NAME AS tbl, INDEX_NAME AS idx, NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS seq, COLUMN_NAME AS col,
  COLLATION AS collation, SUB_PART AS sub_part, INDEX_TYPE AS index_type, INDEX_COMMENT AS comment${ignored}${expression}
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;
}

const FOREIGN_KEYS_SQL = `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.ORDINAL_POSITION AS pos,
  k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_col,
  r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule, r.MATCH_OPTION AS match_option,
  (k.REFERENCED_TABLE_SCHEMA = k.TABLE_SCHEMA) AS same_schema
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

function checksSql(f: MysqlFeatures): string | undefined {
  if (!f.checkConstraints) return undefined;
  if (f.checkTableInCatalog) {
    return `SELECT TABLE_NAME AS tbl, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause, LEVEL AS level
FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME`;
  }
  return `SELECT tc.TABLE_NAME AS tbl, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause, 'Table' AS level, tc.ENFORCED AS enforced
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA = DATABASE() ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;
}

function viewsSql(f: MysqlFeatures): string {
  return `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, VIEW_DEFINITION AS definition, CHECK_OPTION AS check_option, SECURITY_TYPE AS security, DEFINER AS definer${f.viewAlgorithmInCatalog ? ', ALGORITHM AS algorithm' : ''}
FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`;
}

const ROUTINES_SQL = `SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DTD_IDENTIFIER AS returns, ROUTINE_DEFINITION AS body,
  IS_DETERMINISTIC AS is_deterministic, SQL_DATA_ACCESS AS data_access, SECURITY_TYPE AS security, SQL_MODE AS sql_mode,
  ROUTINE_COMMENT AS comment, DEFINER AS definer
FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME`;

const PARAMETERS_SQL = `SELECT SPECIFIC_NAME AS routine, ROUTINE_TYPE AS type, ORDINAL_POSITION AS pos, PARAMETER_MODE AS mode,
  PARAMETER_NAME AS name, DTD_IDENTIFIER AS dtd
FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = DATABASE() AND ORDINAL_POSITION > 0
ORDER BY ROUTINE_TYPE, SPECIFIC_NAME, ORDINAL_POSITION`;

const TRIGGERS_SQL = `SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl, EVENT_MANIPULATION AS event, ACTION_TIMING AS timing,
  ACTION_ORDER AS action_order, ACTION_STATEMENT AS statement, SQL_MODE AS sql_mode, DEFINER AS definer
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`;

const PARTITIONS_SQL = `SELECT TABLE_NAME AS tbl, PARTITION_NAME AS name, SUBPARTITION_NAME AS sub, PARTITION_METHOD AS method,
  SUBPARTITION_METHOD AS sub_method, PARTITION_EXPRESSION AS expression, SUBPARTITION_EXPRESSION AS sub_expression,
  PARTITION_DESCRIPTION AS description
FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`;

// times as text (not the driver's Date, which would move them into the client's zone)
const EVENTS_SQL = `SELECT EVENT_NAME AS name, DEFINER AS definer, TIME_ZONE AS time_zone, EVENT_DEFINITION AS body,
  EVENT_TYPE AS type, CAST(EXECUTE_AT AS CHAR) AS execute_at, CAST(INTERVAL_VALUE AS CHAR) AS interval_value,
  INTERVAL_FIELD AS interval_field, SQL_MODE AS sql_mode, CAST(STARTS AS CHAR) AS starts, CAST(ENDS AS CHAR) AS ends,
  STATUS AS status, ON_COMPLETION AS on_completion, EVENT_COMMENT AS comment
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME`;

const SESSION_SQL = 'SELECT CURRENT_USER() AS reader';

/** The queries for a server: the same list whatever the number of tables. */
export function catalogQueries(f: MysqlFeatures): { readonly [K in keyof Catalog]?: string } {
  const checks = checksSql(f);
  return {
    tables: TABLES_SQL,
    columns: COLUMNS_SQL,
    indexKeys: indexKeysSql(f),
    foreignKeys: FOREIGN_KEYS_SQL,
    ...(checks ? { checks } : {}),
    views: viewsSql(f),
    routines: ROUTINES_SQL,
    parameters: PARAMETERS_SQL,
    triggers: TRIGGERS_SQL,
    partitions: PARTITIONS_SQL,
    events: EVENTS_SQL,
    session: SESSION_SQL,
  };
}

/** Runs the catalog queries one after another on the connection (one session: one view of the schema). */
export async function readCatalog(conn: Connection, f: MysqlFeatures): Promise<Catalog> {
  const queries = catalogQueries(f);
  const out = { tables: [], columns: [], indexKeys: [], foreignKeys: [], checks: [], views: [], routines: [], parameters: [], triggers: [], partitions: [], events: [], session: [] } as Catalog;
  for (const key of Object.keys(queries) as (keyof Catalog)[]) {
    (out[key] as unknown[]) = await conn.query(queries[key] as string);
  }
  return out;
}
