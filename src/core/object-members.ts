/**
 * The named members of an object's file — a table's columns, primary key, foreign keys,
 * uniques, checks, exclusions, indexes, triggers, policies — found generically: every
 * top-level field that is a named thing or a list of named things. A field the model
 * gains later is covered without touching this.
 */
import { canonicalJson } from '../../unified-model/index.js';
import type { ObjectJson } from './object-history.js';

export interface Member {
  /** The object's field it is in (`columns`, `indexes`, `primaryKey` …). */
  readonly field: string;
  /** What it is, in words: `column`, `index`, `primary key` … */
  readonly kind: string;
  readonly name: string;
  /** Its canonical JSON: equal text, unchanged member. */
  readonly json: string;
}

const KIND: Readonly<Record<string, string>> = {
  columns: 'column',
  primaryKey: 'primary key',
  foreignKeys: 'foreign key',
  uniques: 'unique',
  checks: 'check',
  exclusions: 'exclusion',
  indexes: 'index',
  triggers: 'trigger',
  policies: 'policy',
};

const named = (v: unknown): v is { name: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { name?: unknown }).name === 'string';

/** Every named member of the object, in the file's order. */
export function membersOf(object: ObjectJson): Member[] {
  const out: Member[] = [];
  for (const [field, value] of Object.entries(object)) {
    const items = Array.isArray(value) ? value.filter(named) : named(value) ? [value] : [];
    for (const item of items) out.push({ field, kind: KIND[field] ?? field, name: item.name, json: canonicalJson(item) });
  }
  return out;
}

/** The members named `name` (a column and an index may share a name): their JSON together, or undefined when there is none. */
export function memberJson(object: ObjectJson | undefined, name: string, field?: string): string | undefined {
  if (!object) return undefined;
  const found = membersOf(object).filter((m) => m.name === name && (field === undefined || m.field === field));
  return found.length ? found.map((m) => `${m.field}:${m.json}`).join('\n') : undefined;
}
