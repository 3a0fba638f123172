/** Schemas: CREATE / DROP / ALTER SCHEMA … RENAME TO, comments and grants in place. */
import type { SchemaObj } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { grantChanges } from './grants.js';
import { quoteIdent } from './quote.js';
import { stmt } from './statement.js';

export function createSchema(s: SchemaObj): Statement[] {
  const name = quoteIdent(s.name);
  return [stmt(`CREATE SCHEMA ${name}`, `create schema ${s.id}`), ...commentChange(`SCHEMA ${name}`, undefined, s.comment, `schema ${s.id}`), ...grantChanges(`SCHEMA ${name}`, `schema ${s.id}`, [], s.grants)];
}

export function dropSchema(s: SchemaObj): Statement[] {
  return [stmt(`DROP SCHEMA ${quoteIdent(s.name)}`, `drop schema ${s.id}`)];
}

export function renameSchema(from: SchemaObj, to: SchemaObj): Statement[] {
  return [stmt(`ALTER SCHEMA ${quoteIdent(from.name)} RENAME TO ${quoteIdent(to.name)}`, `rename schema ${from.id} to ${to.id}`)];
}

export function alterSchema(from: SchemaObj, to: SchemaObj): Statement[] {
  const name = quoteIdent(to.name);
  return [...commentChange(`SCHEMA ${name}`, from.comment, to.comment, `schema ${to.id}`), ...grantChanges(`SCHEMA ${name}`, `schema ${to.id}`, from.grants, to.grants)];
}
