/** The adapter that plans for a model's dialect, or an error saying the engine cannot be changed yet. */
import { adapterForDialect } from '../../adapters/registry.js';
import type { Adapter, DdlGenerator } from '../../adapters/types.js';
import { RedbError } from '../errors.js';

export async function plannerFor(dialect: string): Promise<Adapter & { ddl: DdlGenerator }> {
  const adapter = await adapterForDialect(dialect);
  if (!adapter) throw new RedbError('E_DIALECT', `redb has no adapter for ${dialect} schemas`, 'this repository was written by a newer redb, or by hand');
  // an adapter without a DDL generator can be read (status, commit, log, show) but not planned for
  if (!adapter.ddl) {
    throw new RedbError('E_UNSUPPORTED', `redb can read ${dialect} databases but cannot plan changes for them yet (the ${dialect} adapter has no DDL)`, `status, commit, log and show work on ${dialect} databases; diff, plan and deploy need a later redb`);
  }
  return adapter as Adapter & { ddl: DdlGenerator };
}
