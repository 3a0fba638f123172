/** What every convertor shares: the context it gets and a small builder for statements. */
import { canonicalJson, type Model } from '../../../unified-model/index.js';
import type { DdlOptions, Hazard, Statement } from '../../types.js';

/** The whole models before and after, and the options of the plan. */
export interface DdlContext {
  readonly from: Model;
  readonly to: Model;
  readonly options: DdlOptions;
}

/** One statement; hazards are listed only when there are some, and `not-transactional` follows `transactional: false`. */
export function stmt(sql: string, comment: string, hazards: readonly Hazard[] = [], transactional = true): Statement {
  const all = new Set<Hazard>(hazards);
  if (!transactional) all.add('not-transactional');
  return {
    sql,
    comment,
    ...(all.size ? { hazards: [...all] } : {}),
    ...(transactional ? {} : { transactional: false }),
  };
}

const indexes = new WeakMap<Model, Map<string, Model['objects'][number]>>();

/** The object of a model with an id (of one of `kinds`, when given), if any; models are indexed once. */
export function findObject<K extends Model['objects'][number]['kind']>(model: Model, id: string, ...kinds: K[]): Extract<Model['objects'][number], { kind: K }> | undefined {
  let byId = indexes.get(model);
  if (!byId) indexes.set(model, (byId = new Map(model.objects.map((o) => [o.id, o]))));
  const o = byId.get(id);
  return o && (kinds.length === 0 || (kinds as string[]).includes(o.kind)) ? (o as Extract<Model['objects'][number], { kind: K }>) : undefined;
}

/** Equality in canonical form: key order, unordered collections and empty optional fields do not matter. */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}
