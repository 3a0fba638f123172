/**
 * `redb relationship add|list|show|delete` by CLI: relationships live
 * in redb.yaml by database name (no URL, no secret), and bad input names the flag at fault.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redb, redbOk, tempDir } from '../support/cli.js';

const ws = join(tempDir('redb-rel-'), 'ws');

describe('redb relationship', () => {
  it('adds, lists, shows and deletes a migration, keeping only database names in redb.yaml', () => {
    redbOk(ws, ['init', ws]);
    redbOk(ws, ['repo', 'add', 'app']);
    redbOk(ws, ['database', 'connect', 'src', `sqlite://${join(ws, 'src.db')}?mode=rwc`]);
    redbOk(ws, ['database', 'connect', 'dst', `sqlite://${join(ws, 'dst.db')}?mode=rwc`]);
    const added = redbOk(ws, ['relationship', 'add', 'copy', '--type', 'migration', '--source', 'src', '--target', 'dst', '--repo', 'app', '--branch', 'main', '--tables', 'users, posts', '--transform', 'users.email=email:keep-domain=true', '--map', 'users=accounts', '--json']).json;
    expect(added).toEqual({ name: 'copy', type: 'migration', source: 'src', target: 'dst', repo: 'app', branch: 'main', tables: ['users', 'posts'], transforms: { 'users.email': 'email:keep-domain=true' }, map: { users: 'accounts' } });
    const yaml = readFileSync(join(ws, 'redb.yaml'), 'utf8');
    expect(yaml).toContain('relationships:');
    expect(yaml.split('relationships:')[1]).not.toMatch(/sqlite:|\.db/);
    redbOk(ws, ['relationship', 'add', 'rep', '--type', 'replication', '--source', 'dst', '--target', 'src']);
    expect(redbOk(ws, ['relationship', 'list', '--json']).json.map((r: { name: string }) => r.name)).toEqual(['copy', 'rep']);
    expect(redbOk(ws, ['relationship', 'list']).stdout).toContain('copy  migration  src -> dst');
    expect(redbOk(ws, ['relationship', 'show', 'copy']).stdout).toContain('transform  users.email=email:keep-domain=true');
    expect(redbOk(ws, ['relationship', 'delete', 'rep', '--json']).json.name).toBe('rep');
    expect(redbOk(ws, ['relationship', 'list', '--json']).json.map((r: { name: string }) => r.name)).toEqual(['copy']);
  });

  it('refuses a taken name, unknown databases, bad pairs and an unknown relationship', () => {
    const taken = redb(ws, ['relationship', 'add', 'copy', '--type', 'migration', '--source', 'src', '--target', 'dst', '--json']);
    expect([taken.code, taken.json.error.code]).toEqual([64, 'E_EXISTS']);
    const nodb = redb(ws, ['relationship', 'add', 'x', '--type', 'migration', '--source', 'nope', '--target', 'dst', '--json']);
    expect([nodb.code, nodb.json.error.code]).toEqual([64, 'E_NO_DATABASE']);
    const same = redb(ws, ['relationship', 'add', 'x', '--type', 'migration', '--source', 'src', '--target', 'src', '--json']);
    expect([same.code, same.json.error.code]).toEqual([64, 'E_USAGE']);
    const bad = redb(ws, ['relationship', 'add', 'x', '--type', 'migration', '--source', 'src', '--target', 'dst', '--transform', 'email=lowercase', '--json']);
    expect([bad.code, bad.json.error.code, bad.json.error.message]).toEqual([64, 'E_USAGE', '--transform email=lowercase is not of the form TABLE.COLUMN=SPEC']);
    const unknown = redb(ws, ['relationship', 'add', 'x', '--type', 'migration', '--source', 'src', '--target', 'dst', '--transform', 'users.email=lowercase', '--json']);
    expect([unknown.code, unknown.json.error.code]).toEqual([64, 'E_TRANSFORM_UNKNOWN']);
    const missing = redb(ws, ['relationship', 'show', 'nope', '--json']);
    expect([missing.code, missing.json.error.code]).toEqual([64, 'E_NO_RELATIONSHIP']);
  });

  it('a hand-edited relationship of an unknown type is a config error naming the field', () => {
    const file = join(ws, 'redb.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('type: migration', 'type: mirror'));
    const r = redb(ws, ['relationship', 'list', '--json']);
    writeFileSync(file, before);
    expect([r.code, r.json.error.code]).toEqual([78, 'E_CONFIG']);
    expect(r.json.error.message).toContain('field relationships.copy.type');
  });
});
