/**
 * `dependsOn` for every object, read from pg_depend in one query. A dependency of
 * a part (a column default, a constraint, a trigger, a policy, an index, a view's
 * rewrite rule) is a dependency of the object that holds the part: a table depends
 * on the sequences in its defaults, the tables its foreign keys reference, the
 * types of its columns and the functions its defaults, checks, triggers, policies
 * and indexes call; a view on what its query reads; a routine on its argument and
 * result types. Objects of an extension stand for the extension.
 * The query is not filtered by schema: ids are resolved against the objects read,
 * so anything outside the model drops out there.
 */
export type DepKind = 'rel' | 'type' | 'proc';

export interface DependencyRow {
  owner_kind: DepKind;
  owner: string;
  ref_kind: DepKind;
  ref: string;
  /** Oid of the extension the referenced object belongs to. */
  ext: string | null;
}

/** Objects with lower oids were made by initdb: built-in types and functions are never dependencies. */
const FIRST_NORMAL_OID = 16384;

export const DEPENDENCIES_SQL = `
WITH deps AS (
  SELECT d.classid, d.objid, d.refclassid, d.refobjid
  FROM pg_depend d
  WHERE d.deptype = 'n' AND d.refobjid >= ${FIRST_NORMAL_OID}
    AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
    AND d.classid IN ('pg_class'::regclass, 'pg_rewrite'::regclass, 'pg_attrdef'::regclass, 'pg_constraint'::regclass,
                      'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
), owned AS MATERIALIZED (
  SELECT
    CASE d.classid
      WHEN 'pg_rewrite'::regclass THEN (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = d.objid)
      WHEN 'pg_attrdef'::regclass THEN (SELECT ad.adrelid FROM pg_attrdef ad WHERE ad.oid = d.objid)
      -- parts the model leaves out (clones on partitions, internal triggers) bring no dependencies
      WHEN 'pg_constraint'::regclass THEN (SELECT CASE WHEN co.conrelid <> 0 THEN co.conrelid ELSE co.contypid END FROM pg_constraint co
        WHERE co.oid = d.objid AND NOT (co.contype = 'f' AND co.conparentid <> 0))
      WHEN 'pg_trigger'::regclass THEN (SELECT t.tgrelid FROM pg_trigger t WHERE t.oid = d.objid AND NOT t.tgisinternal AND t.tgparentid = 0)
      WHEN 'pg_policy'::regclass THEN (SELECT p.polrelid FROM pg_policy p WHERE p.oid = d.objid)
      WHEN 'pg_class'::regclass THEN coalesce((SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = d.objid), d.objid)
      ELSE d.objid END AS owner,
    CASE d.classid
      WHEN 'pg_proc'::regclass THEN 'proc'
      WHEN 'pg_type'::regclass THEN 'type'
      WHEN 'pg_constraint'::regclass THEN (SELECT CASE WHEN co.conrelid <> 0 THEN 'rel' ELSE 'type' END FROM pg_constraint co WHERE co.oid = d.objid)
      ELSE 'rel' END AS owner_kind,
    CASE d.refclassid WHEN 'pg_class'::regclass THEN 'rel' WHEN 'pg_proc'::regclass THEN 'proc' ELSE 'type' END AS ref_kind,
    d.refclassid,
    -- an array type stands for its element type
    CASE WHEN d.refclassid = 'pg_type'::regclass
      THEN (SELECT CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END FROM pg_type t WHERE t.oid = d.refobjid)
      ELSE d.refobjid END AS ref
  FROM deps d
)
SELECT DISTINCT o.owner_kind, o.owner::text AS owner, o.ref_kind, o.ref::text AS ref,
  (SELECT e.refobjid::text FROM pg_depend e WHERE e.classid = o.refclassid AND e.objid = o.ref AND e.deptype = 'e' LIMIT 1) AS ext
FROM owned o
WHERE o.owner IS NOT NULL AND o.owner <> o.ref
ORDER BY 1, 2, 3, 4`;

/** Resolves an oid of a kind to the id of a model object, or undefined when it is not in the model. */
export type OidResolver = (kind: DepKind, oid: string) => string | undefined;

/** owner id → ids it depends on (self references and objects outside the model dropped). */
export function dependencyMap(rows: readonly DependencyRow[], owner: OidResolver, ref: OidResolver, extension: (oid: string) => string | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const from = owner(r.owner_kind, r.owner);
    const to = r.ext !== null ? extension(r.ext) : ref(r.ref_kind, r.ref);
    if (!from || !to || from === to) continue;
    const set = out.get(from) ?? new Set<string>();
    set.add(to);
    out.set(from, set);
  }
  return out;
}

/**
 * Column-level dependencies of views, materialized views and routines: PostgreSQL
 * records each column a view's rewrite rule (or a routine's SQL-standard body) reads
 * as a pg_depend row whose refobjsubid is the column number. A relation used only as
 * a whole (its row type, `count(*)`) gets a row with refobjsubid = 0 instead, so it
 * has no row here. Exactly these columns make ALTER TABLE refuse a type change.
 */
export interface ColumnDependencyRow {
  owner_kind: 'rel' | 'proc';
  owner: string;
  ref: string;
  column_name: string;
}

export const COLUMN_DEPENDENCIES_SQL = `
SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'rel' ELSE 'proc' END AS owner_kind,
  (CASE WHEN d.classid = 'pg_rewrite'::regclass THEN r.ev_class ELSE d.objid END)::text AS owner,
  d.refobjid::text AS ref, a.attname::text AS column_name
FROM pg_depend d
LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND NOT a.attisdropped
WHERE d.deptype = 'n' AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.refobjid >= ${FIRST_NORMAL_OID}
  AND d.classid IN ('pg_rewrite'::regclass, 'pg_proc'::regclass)
ORDER BY 1, 2, 3, 4`;

/**
 * `dependsOnColumns` of one object: an entry for every table or view in its `dependsOn`
 * (`isRelation` tells which ids are), with the columns it reads, `[]` for none.
 */
export function columnDependencies(
  dependsOn: readonly string[],
  isRelation: (id: string) => boolean,
  columns: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): { id: string; columns: string[] }[] {
  return dependsOn.filter(isRelation).map((id) => ({ id, columns: [...(columns?.get(id) ?? [])].sort() }));
}

/** owner id → relation id → column names, from the rows (relations and owners outside the model dropped). */
export function columnDependencyMap(rows: readonly ColumnDependencyRow[], owner: OidResolver, relation: (oid: string) => string | undefined): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    const from = owner(r.owner_kind, r.owner);
    const rel = relation(r.ref);
    if (!from || !rel || from === rel) continue;
    const byRel = out.get(from) ?? new Map<string, Set<string>>();
    const cols = byRel.get(rel) ?? new Set<string>();
    cols.add(r.column_name);
    byRel.set(rel, cols);
    out.set(from, byRel);
  }
  return out;
}
