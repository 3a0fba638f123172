/** Kept for callers written before the errors became a leaf module: import from `src/errors.ts`. */
export * from '../errors.js';
