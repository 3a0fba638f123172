/** The differ: Model × Model → Change[], generic over engines; renames from intents only. */
export { diffModels } from './models.js';
export { diffTable, constraintsOf } from './table.js';
export { parseRenameIntent, formatRenameIntent, classifyRenames, suggestRenames, reverseRenames, type RenamePlan } from './renames.js';
