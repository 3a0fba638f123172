/** The unified schema model: types, ids, canonical form and the file format. Imports nothing from src/ or adapters/. */
export * from './types.js';
export * from './ids.js';
export * from './canonical.js';
export * from './files.js';
export * from './read-files.js';
export * from './changes.js';
export { ModelFileError, parseObject, parseHeader } from './validate.js';
