/**
 * Model fields PostgreSQL has no way to express (other engines fill them: MySQL
 * AUTO_INCREMENT, inline trigger bodies, a table's character set …). The PostgreSQL
 * introspection never produces them; a model from another engine that carries one is
 * refused by name rather than deployed without it.
 */
import { RedbError } from '../../../src/core/errors.js';

/** The error for one field of one object that PostgreSQL cannot have. */
export function unsupported(field: string, object: string, why: string): RedbError {
  return new RedbError(
    'E_UNSUPPORTED',
    `PostgreSQL has no ${why}: field ${field} of ${object} cannot be deployed`,
    `remove ${field} from ${object} (or translate it: see "Model for every engine" in docs/concepts.md), then plan again`,
  );
}
