import { readFileSync } from 'node:fs';
const { sqliteAdapter } = await import('./dist/adapters/sqlite/index.js');
const { filesToModel, modelToFiles } = await import('./dist/unified-model/index.js');
const cases = readFileSync('/work/shared/corpus/_pairs/sqlite.jsonl','utf8').trim().split('\n').map(JSON.parse);
let ok=0, bad=0;
for (const c of cases) for (const side of ['current','desired']) {
  const sql = [c.setup, side==='desired'?c.desired_setup:'', c[side]].filter(Boolean).join('\n');
  const conn = await sqliteAdapter.connect('sqlite::memory:');
  try { await conn.exec(sql); } catch (e) { console.log('LOADFAIL', c.id, side, e.message); await conn.close(); continue; }
  try {
    const m = await sqliteAdapter.introspect(conn);
    filesToModel(modelToFiles(m));
    const s = JSON.stringify(m);
    if (/"expression":""|"definition":""|"body":""|"name":""/.test(s)) { console.log('EMPTY', c.id, side, s.slice(0,300)); bad++; } else ok++;
    if (process.env.SHOW === c.id) console.log(JSON.stringify(m, null, 1));
  } catch (e) { console.log('FAIL', c.id, side, e.message.slice(0, 400)); bad++; }
  await conn.close();
}
console.log({ ok, bad });
