// PLACEHOLDER: replaced by the replication runner (helper "replicate")
import { RedbError } from '../../errors.js';
import type { Workspace } from '../../core/workspace.js';
import type { RelationshipInfo } from '../relationships.js';
import type { JobRunner } from '../types.js';
export const runReplication: JobRunner = async () => { throw new RedbError('E_UNSUPPORTED', 'replication jobs are not built yet'); };
export async function dropReplicationArtifacts(_ws: Workspace, _rel: RelationshipInfo): Promise<void> {}
