/** The differ: Model × Model → Change[], generic over engines; renames from intents only. */
export { diffModels } from './models.js';
export { diffTable, constraintsOf, reachedColumnOrder } from './table.js';
export { assertCovered, coveredTable, DERIVED_FIELDS } from './coverage.js';
export { parseRenameIntent, formatRenameIntent, classifyRenames, suggestRenames, suggestedRenames, reverseRenames, type RenamePlan, type RenameSuggestion } from './renames.js';
export { mergeModels, type MergeInput, type MergeOutcome } from './merge.js';
export { conflictTarget, type MergeConflict, type MergeResolution, type MergeSide } from './conflicts.js';
export { sideRenames, renamesOntoOurs, type SideRenames, type Has } from './merge-renames.js';
export { semanticConflicts } from './merge-semantic.js';
