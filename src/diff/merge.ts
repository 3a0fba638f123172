/**
 * Three-way merge of schema models: base × ours × theirs → merged model + conflicts.
 * Generic over engines and kinds. Objects and table members are matched by identity
 * (ids and names, followed through the rename intents each side recorded since the
 * base); a change on one side only is taken, the same change on both sides once, and
 * different changes to one field are a conflict. The merged model is then checked as
 * a whole (semantic conflicts, merge-semantic.ts) and against the model's own schema.
 * Where a conflict is, the result holds ours (or the side that still has the thing),
 * so it is always a model a person can edit into the resolution.
 *
 * @example
 * const { model, conflicts } = mergeModels({ base, ours, theirs, renames: { ours: [], theirs: [] } });
 */
import { canonicalize, filesToModel, FORMAT_VERSION, ModelFileError, modelToFiles, objectPaths, sortById, type DbObject, type Model, type RenameIntent } from '../../unified-model/index.js';
import { RedbError } from '../errors.js';
import type { MergeConflict, MergeResolution } from './conflicts.js';
import { mergeObject, objectSlots } from './merge-objects.js';
import { sideRenames } from './merge-renames.js';
import { semanticConflicts } from './merge-semantic.js';

export interface MergeInput {
  readonly base: Model;
  readonly ours: Model;
  readonly theirs: Model;
  /** Rename intents recorded on each side since the base, oldest first. */
  readonly renames?: { readonly ours: readonly RenameIntent[]; readonly theirs: readonly RenameIntent[] };
  /** Objects or members pinned to one side (`redb merge --resolve`). */
  readonly resolutions?: readonly MergeResolution[];
}

export interface MergeOutcome {
  /** The merged model; where a conflict is, it holds ours (or the side that still has it). */
  readonly model: Model;
  /** Content conflicts first, then semantic ones; empty: a clean merge. */
  readonly conflicts: readonly MergeConflict[];
}

export function mergeModels(input: MergeInput): MergeOutcome {
  const { base, ours, theirs } = input;
  if (ours.dialect !== theirs.dialect) {
    throw new RedbError('E_MERGE_DIALECT', `cannot merge a ${theirs.dialect} schema into a ${ours.dialect} one`, 'merge branches whose schemas come from the same engine family');
  }
  const renames = { ours: sideRenames(base, input.renames?.ours ?? []), theirs: sideRenames(base, input.renames?.theirs ?? []) };
  const { slots, conflicts } = objectSlots(base.objects, ours.objects, theirs.objects, renames);
  const objects: DbObject[] = [];
  for (const slot of slots) {
    const m = mergeObject(slot, renames, input.resolutions ?? []);
    conflicts.push(...m.conflicts);
    if (m.value) objects.push(canonicalize(m.value));
  }
  const model: Model = { formatVersion: FORMAT_VERSION, dialect: ours.dialect, objects: sortById(objects) };
  const content = dedupe(conflicts);
  // a semantic conflict on what a content conflict already names says nothing new
  const named = new Set(content.map((c) => `${c.id}\u0000${c.member ?? ''}`));
  const semantic = [...semanticConflicts(model, { base, ours, theirs }), ...invalidObjects(model)].filter((c) => !named.has(`${c.id}\u0000${c.member ?? ''}`));
  return { model, conflicts: [...content, ...dedupe(semantic)] };
}

/** One conflict per object, member and field (a rename conflict is found by two routes). */
function dedupe(conflicts: readonly MergeConflict[]): MergeConflict[] {
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    const key = `${c.kind}\u0000${c.id}\u0000${c.member ?? ''}\u0000${c.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The merged model through the model's own validation: a merged object the schema refuses is a conflict. */
function invalidObjects(model: Model): MergeConflict[] {
  try {
    filesToModel(modelToFiles(model));
    return [];
  } catch (err) {
    if (!(err instanceof ModelFileError)) throw err;
    const paths = objectPaths(model.objects);
    const obj = model.objects.find((o) => paths.get(o) === err.file);
    return [{ kind: 'semantic', id: obj?.id ?? '(model)', field: '(object)', message: `the merged model is not valid: ${err.message}` }];
  }
}
