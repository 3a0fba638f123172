import { FORMAT_VERSION, type Model } from '../../../unified-model/index.js';
import type { Connection } from '../../types.js';

export async function introspectSqlite(_conn: Connection): Promise<Model> {
  return { formatVersion: FORMAT_VERSION, dialect: 'sqlite', objects: [] };
}
