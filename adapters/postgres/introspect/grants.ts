/**
 * Grants from ACLs (read with `aclexplode` in each object's query, see `aclOf`).
 *
 * What is left out, so a freshly created object has no grants in its file:
 * - the owner's own privileges (implicit in ownership; `aclOf` drops them);
 * - PUBLIC privileges that PostgreSQL gives every new object of the kind:
 *   EXECUTE on functions and procedures, USAGE on types and domains, and USAGE on
 *   the `public` schema (the initdb grant since PostgreSQL 15).
 * A revoked engine default (e.g. `REVOKE EXECUTE … FROM PUBLIC`) is therefore not
 * visible in the model: the model lists grants, not revocations.
 */
import type { Grant } from '../../../unified-model/index.js';

/** One row of an exploded ACL: grantee, privilege, grantable. */
export interface AclRow {
  readonly g: string;
  readonly p: string;
  readonly o: boolean;
}

/** PUBLIC privileges that are the engine default for an object kind. */
export const PUBLIC_DEFAULTS = {
  routine: ['EXECUTE'],
  type: ['USAGE'],
  publicSchema: ['USAGE'],
  none: [] as string[],
} as const;

interface Acc {
  privileges: Set<string>;
  grantable: Set<string>;
}

function accumulate(rows: readonly AclRow[], publicDefaults: readonly string[]): Map<string, Acc> {
  const by = new Map<string, Acc>();
  for (const r of rows) {
    if (r.g === 'PUBLIC' && publicDefaults.includes(r.p) && !r.o) continue;
    const acc = by.get(r.g) ?? { privileges: new Set(), grantable: new Set() };
    acc.privileges.add(r.p);
    if (r.o) acc.grantable.add(r.p);
    by.set(r.g, acc);
  }
  return by;
}

function toGrant(grantee: string, acc: Acc, columns?: readonly string[]): Grant {
  return {
    grantee,
    privileges: [...acc.privileges].sort(),
    ...(acc.grantable.size ? { grantable: [...acc.grantable].sort() } : {}),
    ...(columns ? { columns } : {}),
  };
}

/** Object-level grants from ACL rows. */
export function grantsFrom(rows: readonly AclRow[] | null | undefined, publicDefaults: readonly string[] = []): Grant[] {
  if (!rows) return [];
  return [...accumulate(rows, publicDefaults)].map(([grantee, acc]) => toGrant(grantee, acc));
}

/**
 * Column-level grants: privileges a grantee holds on the same set of columns are one
 * grant (`GRANT SELECT (a, b) TO r` stays one grant). Columns keep table order.
 */
export function columnGrantsFrom(columns: readonly { name: string; acl: readonly AclRow[] | null }[]): Grant[] {
  // grantee → privilege → grantable? → columns
  const cols = new Map<string, string[]>();
  for (const c of columns) {
    for (const r of c.acl ?? []) {
      const key = JSON.stringify([r.g, r.p, r.o]);
      cols.set(key, [...(cols.get(key) ?? []), c.name]);
    }
  }
  const grouped = new Map<string, { grantee: string; columns: string[]; acc: Acc }>();
  for (const [key, names] of cols) {
    const [grantee, privilege, grantable] = JSON.parse(key) as [string, string, boolean];
    const gk = JSON.stringify([grantee, names]);
    const g = grouped.get(gk) ?? { grantee, columns: names, acc: { privileges: new Set<string>(), grantable: new Set<string>() } };
    g.acc.privileges.add(privilege);
    if (grantable) g.acc.grantable.add(privilege);
    grouped.set(gk, g);
  }
  return [...grouped.values()].map((g) => toGrant(g.grantee, g.acc, g.columns));
}
