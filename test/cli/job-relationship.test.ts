/**
 * The job options of a relationship by CLI (no server needed): `--deterministic` and
 * `--replica-identity-full` are stored in redb.yaml, and `relationship delete` cleans the
 * job's artifacts first, stopping (nothing removed) when a database cannot be reached
 * unless `--keep-artifacts`, which deletes anyway and lists what was left behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redb, redbOk, tempDir } from '../support/cli.js';

const ws = join(tempDir('redb-jobrel-'), 'ws');
const names = () => redbOk(ws, ['relationship', 'list', '--json']).json.map((r: { name: string }) => r.name);

describe('relationship job options', () => {
  it('stores --deterministic and --replica-identity-full, and refuses the latter on a migration', () => {
    redbOk(ws, ['init', ws]);
    redbOk(ws, ['database', 'connect', 'src', `sqlite://${join(ws, 'src.db')}?mode=rwc`]);
    redbOk(ws, ['database', 'connect', 'dst', `sqlite://${join(ws, 'dst.db')}?mode=rwc`]);
    // a closed port: the database is named but cannot be reached
    redbOk(ws, ['database', 'connect', 'gone', 'postgres://postgres:s3cret@127.0.0.1:9/none', '--no-verify']);
    const det = redbOk(ws, ['relationship', 'add', 'masked', '--type', 'migration', '--source', 'src', '--target', 'dst', '--transform', 'users.email=email', '--deterministic', '--json']).json;
    expect(det).toMatchObject({ name: 'masked', deterministic: true });
    expect(det.replicaIdentityFull).toBeUndefined();
    const rif = redbOk(ws, ['relationship', 'add', 'rep', '--type', 'replication', '--source', 'src', '--target', 'dst', '--replica-identity-full', '--json']).json;
    expect(rif).toMatchObject({ name: 'rep', replicaIdentityFull: true });
    const yaml = readFileSync(join(ws, 'redb.yaml'), 'utf8');
    expect(yaml).toMatch(/deterministic: true/);
    expect(yaml).toMatch(/replicaIdentityFull: true/);
    expect(redbOk(ws, ['relationship', 'show', 'masked']).stdout).toContain('deterministic transforms');
    expect(redbOk(ws, ['relationship', 'list']).stdout).toContain('rep  replication  src -> dst  (replica identity full)');
    const bad = redb(ws, ['relationship', 'add', 'x', '--type', 'migration', '--source', 'src', '--target', 'dst', '--replica-identity-full', '--json']);
    expect([bad.code, bad.json.error.code]).toEqual([64, 'E_USAGE']);
    expect(bad.json.error.message).toContain('--replica-identity-full is for a replication');
  });

  it('delete of a relationship whose target cannot be reached stops with that error and removes nothing', () => {
    redbOk(ws, ['relationship', 'add', 'lost', '--type', 'replication', '--source', 'src', '--target', 'gone']);
    const r = redb(ws, ['relationship', 'delete', 'lost', '--json']);
    expect([r.code, r.json.error.code]).toEqual([69, 'E_CONNECT']);
    expect(r.json.error.message).toContain('relationship lost was not deleted');
    expect(r.json.error.hint).toContain('--keep-artifacts');
    expect(names()).toContain('lost');
  });

  it('--keep-artifacts deletes it anyway and warns what was left (the slot keeps WAL)', () => {
    const r = redb(ws, ['relationship', 'delete', 'lost', '--keep-artifacts', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.name).toBe('lost');
    expect(r.json.artifactsLeft).toHaveLength(2);
    expect(r.stderr).toContain('warning: could not clean up after lost');
    expect(r.stderr).toMatch(/left behind: the replication slot and publication of lost on src: a replication slot keeps the source's write-ahead log/);
    expect(r.stderr + r.stdout).not.toContain('s3cret');
    expect(names()).not.toContain('lost');
  });

  it('delete of a relationship whose target holds no job removes it', () => {
    expect(redbOk(ws, ['relationship', 'delete', 'masked', '--json']).json.artifactsLeft).toBeUndefined();
    expect(names()).toEqual(['rep']);
  });

  it('job commands name an unknown relationship, and worker needs --queue', () => {
    for (const args of [['job', 'run', 'nope'], ['job', 'status', 'nope'], ['job', 'pause', 'nope'], ['job', 'cancel', 'nope'], ['job', 'resume', 'nope']]) {
      const r = redb(ws, [...args, '--json']);
      expect([r.code, r.json?.error.code], args.join(' ')).toEqual([64, 'E_NO_RELATIONSHIP']);
    }
    const w = redb(ws, ['worker', '--json']);
    expect([w.code, w.json.error.code]).toEqual([64, 'E_USAGE']);
    expect(w.json.error.message).toContain('--queue');
  });
});
