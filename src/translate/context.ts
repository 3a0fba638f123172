/**
 * What every step of a translation shares: both engines' translation support, the
 * mapping of schemas, the names already taken on the target, and the report.
 */
import { objectId, splitId, type EnumType, type Model } from '../../unified-model/index.js';
import type { NamespaceMapping, TranslationSupport } from '../../adapters/types.js';
import { usageError } from '../errors.js';
import type { ReportEntry, TranslateOptions, TypeOverride } from './types.js';

/** The target engine as a translation sees it. */
export interface TargetEngine {
  readonly dialect: string;
  readonly namespaces: NamespaceMapping;
  readonly translation: TranslationSupport;
}

export class TranslationContext {
  readonly report: ReportEntry[] = [];
  /** Enum types the target gets (named enums made from inline ones), by id. */
  readonly newEnums = new Map<string, EnumType>();
  /** Source sequences that became a column's counter (identity, auto-increment). */
  readonly consumedSequences = new Set<string>();
  /** Names of relations, indexes and constraints taken in each target schema (`schema\0name`). */
  private readonly taken = new Set<string>();
  /** The source schemas translated, and the target schema each goes into. */
  readonly schemas: ReadonlyMap<string, string>;

  constructor(
    readonly source: Model,
    readonly from: TranslationSupport,
    readonly target: TargetEngine,
    readonly options: TranslateOptions,
  ) {
    this.schemas = schemaMapping(source, target, options.schema);
  }

  get to(): TranslationSupport {
    return this.target.translation;
  }

  note(entry: ReportEntry): void {
    this.report.push(entry);
  }

  /** Whether an object of this source schema is translated. */
  inScope(schema: string): boolean {
    return this.schemas.has(schema);
  }

  /** A source id with its schema replaced by the target's. */
  mapId(id: string): string {
    const [schema, ...rest] = splitId(id);
    return objectId(this.schemas.get(schema) ?? schema, ...rest);
  }

  /**
   * Reserves `name` in a target schema, or the first of `alt`, `alt_2`, … that is free.
   * Two spaces, each the union of both engines' rules: `relation` for tables, types,
   * indexes and the keys that are indexes (some engines name indexes per schema),
   * `foreign-key` for foreign keys (some name them per database).
   */
  claim(schema: string, name: string, alt: string, space: 'relation' | 'foreign-key' = 'relation'): string {
    for (let i = 0; ; i++) {
      const candidate = i === 0 ? name : i === 1 ? alt : `${alt}_${i}`;
      const key = `${space}\0${schema}\0${candidate.toLowerCase()}`;
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }

  override(table: string, column: string): TypeOverride | undefined {
    return this.options.overrides?.find((o) => o.table === table && o.column === column);
  }
}

/** Schemas that hold something other than the schema object itself. */
function usedSchemas(model: Model): string[] {
  return [...new Set(model.objects.filter((o) => o.kind !== 'schema' && o.kind !== 'extension').map((o) => ('schema' in o ? o.schema : '')))].sort();
}

/**
 * Source schema → target schema. Into one namespace (a database that is its own schema): exactly one
 * source schema, picked by `--schema` when there are several. Into schemas: a source
 * with one namespace goes into `--schema` or the engine's default schema; schemas keep
 * their names otherwise (or only `--schema` is translated).
 */
function schemaMapping(source: Model, target: TargetEngine, picked: string | undefined): Map<string, string> {
  const used = usedSchemas(source);
  if (picked !== undefined && target.namespaces.kind === 'database' && !used.includes(picked)) {
    throw usageError('E_USAGE', `the source has no schema ${picked}`, `its schemas: ${used.join(', ') || '(none)'}`);
  }
  if (target.namespaces.kind === 'database') {
    if (picked === undefined && used.length > 1) {
      throw usageError('E_USAGE', `the source has ${used.length} schemas (${used.join(', ')}) and a ${target.dialect} database is one namespace`, `pick one with --schema ${used[0]} (translate each schema into a database of its own)`);
    }
    return new Map([[picked ?? used[0] ?? target.namespaces.name, target.namespaces.name]]);
  }
  if (used.length === 1 && source.objects.every((o) => o.kind === 'schema' || o.kind === 'extension' || o.schema === used[0])) {
    const into = picked ?? target.translation.defaultSchema ?? used[0];
    return new Map([[used[0], into]]);
  }
  if (picked !== undefined) {
    if (!used.includes(picked)) throw usageError('E_USAGE', `the source has no schema ${picked}`, `its schemas: ${used.join(', ')}`);
    return new Map([[picked, picked]]);
  }
  return new Map(used.map((s) => [s, s]));
}
