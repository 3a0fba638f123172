/** The differ: Model × Model → Change[], generic over engines; renames from intents only. */
export { diffModels } from './models.js';
export { diffTable, constraintsOf, reachedColumnOrder } from './table.js';
export { assertCovered, coveredTable, DERIVED_FIELDS } from './coverage.js';
export { parseRenameIntent, formatRenameIntent, classifyRenames, suggestRenames, suggestedRenames, reverseRenames, type RenamePlan, type RenameSuggestion } from './renames.js';
