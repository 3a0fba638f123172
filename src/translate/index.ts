/** Schema translation between engines (`redb translate`): see docs/jobs.md, "Translation". */
export { translateModel } from './model.js';
export { parseTypeOverride } from './overrides.js';
export { normalizeOnScratch, type Normalized } from './normalize.js';
export { translateRevision, type TranslateRequest, type TranslateResult } from './run.js';
export type { ReportEntry, TranslateOptions, Translation, TypeOverride } from './types.js';
