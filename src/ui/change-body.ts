/**
 * What one object's change consists of, before any styling: for a created or dropped
 * object its whole text (a table's members, or its definition and the rest of its
 * canonical JSON), for an altered table its member changes, and for any other altered
 * kind unified hunks of its definition (views, routines) and of the rest of its JSON.
 * `redb diff`'s text (diff-text.ts) and the viewer (viewer/change-lines.ts) style it.
 */
import { canonicalJson, type Change, type DbObject } from '../../unified-model/index.js';
import { memberLines, tableMembers, type Mark } from './diff-members.js';
import { unifiedHunks, type Hunk } from './line-diff.js';

/** A marked line (`+ column email text`), or a hunk of a line diff. */
export type BodyPart = { readonly mark: Mark | ' '; readonly text: string } | { readonly hunk: Hunk };

/** Fields shown as text of their own rather than inside the JSON. */
const TEXT_FIELDS = ['definition', 'body'];
const IDENTITY_FIELDS = ['kind', 'id', 'schema', 'name'];

/** The definition text of a view or routine, if the kind has one. */
const definitionOf = (o: DbObject): string | undefined => ('definition' in o && typeof o.definition === 'string' ? o.definition : undefined);
const isView = (o: DbObject): boolean => o.kind === 'view' || o.kind === 'materialized-view';
const empty = (v: unknown): boolean => v === undefined || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Canonical JSON of an object without the fields shown elsewhere (and without empty ones). */
function restJson(o: DbObject, omit: readonly string[]): string {
  const rest = Object.fromEntries(Object.entries(o).filter(([k, v]) => !omit.includes(k) && !empty(v)));
  return Object.keys(rest).length ? canonicalJson(rest) : '';
}

/** A whole text added or removed: every line marked. */
function wholeText(mark: '+' | '-', text: string): BodyPart[] {
  return text ? text.replace(/\n$/, '').split('\n').map((l) => ({ mark, text: l })) : [];
}

const hunks = (before: string, after: string): BodyPart[] => unifiedHunks(before, after).map((hunk) => ({ hunk }));

/** The body of a created or dropped object. */
function objectBody(mark: '+' | '-', o: DbObject): BodyPart[] {
  if (o.kind === 'table') return tableMembers(o).map((text) => ({ mark, text }));
  const def = definitionOf(o);
  // a view's columns follow from its query: a created or dropped view shows the query alone
  const omit = def === undefined ? IDENTITY_FIELDS : [...IDENTITY_FIELDS, ...TEXT_FIELDS, ...(isView(o) ? ['columns'] : [])];
  return [...wholeText(mark, def ?? ''), ...wholeText(mark, restJson(o, omit))];
}

/** The parts of one change; a rename has none (its header says it). */
export function changeBodyParts(c: Change): BodyPart[] {
  switch (c.type) {
    case 'create':
      return objectBody('+', c.object);
    case 'drop':
      return objectBody('-', c.object);
    case 'rename':
      return [];
    case 'alter-table':
      return c.changes.flatMap(memberLines).map((m) => ({ mark: m.mark, text: m.text }));
    case 'alter': {
      const [a, b] = [definitionOf(c.from), definitionOf(c.to)];
      // a view's columns follow from its query: shown only when the query did not change
      const derived = a !== b && isView(c.to) ? ['columns'] : [];
      const omit = a !== undefined || b !== undefined ? [...TEXT_FIELDS, ...derived] : [];
      return [...hunks(a ?? '', b ?? ''), ...hunks(restJson(c.from, omit), restJson(c.to, omit))];
    }
  }
}
