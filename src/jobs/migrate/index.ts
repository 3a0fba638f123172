// PLACEHOLDER: replaced by the migration runner (helper "migrate")
import { RedbError } from '../../errors.js';
import type { JobRunner } from '../types.js';
export const runMigration: JobRunner = async () => { throw new RedbError('E_UNSUPPORTED', 'migration jobs are not built yet'); };
