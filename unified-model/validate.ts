/** Loading files back: every file is validated and an error names the file and field at fault. */
import { z } from 'zod';
import { dbObject } from './schema.js';
import type { DbObject } from './types.js';
import { ModelFileError } from './model-file-error.js';

export { ModelFileError };

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(file, '', `not valid JSON: ${(err as Error).message}`);
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** Parses and validates one object file. */
export function parseObject(file: string, text: string): DbObject {
  const result = dbObject.safeParse(parseJson(file, text));
  if (result.success) return result.data;
  // a union reports every branch; the deepest issue is the one that names the real fault
  const issues = result.error.issues.flatMap((i) => (i.code === 'invalid_union' ? i.errors.flat() : [i]));
  const worst = issues.sort((a, b) => b.path.length - a.path.length)[0] ?? result.error.issues[0];
  throw new ModelFileError(file, fieldPath(worst.path), worst.message);
}

const header = z.strictObject({ formatVersion: z.number().int(), dialect: z.string() });

/** Parses the model header (`redb.json`), refusing a tree format newer than `latest`, the newest this redb reads. */
export function parseHeader(file: string, text: string, latest: number): { formatVersion: number; dialect: string } {
  const result = header.safeParse(parseJson(file, text));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ModelFileError(file, fieldPath(issue.path), issue.message);
  }
  const { formatVersion, dialect } = result.data;
  if (formatVersion < 1 || formatVersion > latest) {
    throw new ModelFileError(file, 'formatVersion', `format ${formatVersion} is not supported (this redb reads formats 1 to ${latest}); upgrade redb`);
  }
  return { formatVersion, dialect };
}
