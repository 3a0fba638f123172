/** The error of a model file that cannot be loaded (its own module: writing files needs it, and writing must not load the validators). */
/** A model file that cannot be loaded; `file` and `field` say exactly where. */
export class ModelFileError extends Error {
  readonly code = 'E_MODEL_FILE';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}${field ? ` (field ${field})` : ''}: ${reason}`);
    this.name = 'ModelFileError';
  }
}
