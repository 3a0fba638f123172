/**
 * Renames recorded in a commit's `Redb-Renames` trailer, read back (no database): a
 * trailer that cannot be read is an error naming the commit and the trailer, never
 * an empty list (a lost rename plans a drop and an add, and loses the column's data).
 */
import { describe, expect, it } from 'vitest';
import { renamesOfCommit } from '../../src/core/renames.js';
import { parseMessage } from '../../src/vcs/trailers.js';

const OID = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const commit = (raw: string) => ({ oid: OID, ...parseMessage(raw) });

describe('Redb-Renames trailers', () => {
  it('reads well-formed trailers, the key in any case', () => {
    expect(renamesOfCommit(commit('v2\n\nRedb-Dialect: postgres\nRedb-Renames: public.users.name=public.users.full_name; public.a=public.b\n'))).toEqual([
      { from: 'public.users.name', to: 'public.users.full_name' },
      { from: 'public.a', to: 'public.b' },
    ]);
    expect(renamesOfCommit(commit('v2\n\nredb-renames: public.a=public.b\n'))).toEqual([{ from: 'public.a', to: 'public.b' }]);
    expect(renamesOfCommit(commit('v2\n\nRedb-Dialect: postgres\n'))).toEqual([]);
  });

  it('a value that is not OLD_ID=NEW_ID names the commit and the trailer', () => {
    expect(() => renamesOfCommit(commit('v2\n\nRedb-Renames: public.users.email\n'))).toThrow(
      'commit a1b2c3d4e5 has a malformed Redb-Renames trailer ("Redb-Renames: public.users.email"): "public.users.email" is not OLD_ID=NEW_ID',
    );
    expect(() => renamesOfCommit(commit('v2\n\nRedb-Renames: ;\n'))).toThrow(/it names no rename/);
  });

  it('a Redb-Renames line outside the trailer block is an error, not ignored', () => {
    const raw = 'v2\n\nRedb-Renames: public.a=public.b\nnot a trailer line\n';
    expect(parseMessage(raw).trailers).toEqual({});
    expect(() => renamesOfCommit(commit(raw))).toThrow(/it is not in the trailer block/);
    expect(() => renamesOfCommit(commit('v2\n\nRedb-Renames: public.a=public.b\n\nRedb-Dialect: postgres\n'))).toThrow(/commit a1b2c3d4e5 .*not in the trailer block/);
  });
});
