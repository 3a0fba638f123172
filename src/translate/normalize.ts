/**
 * A translated model in the target engine's own normal form: built on a scratch database
 * of the target engine (the embedded one, or a scratch database on a server the user
 * names) and read back, as Atlas normalizes through a dev database. The result is what
 * a deploy of it will find when it verifies, and building it proves it deploys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedAdapters } from '../../adapters/registry.js';
import { readSchema } from '../../adapters/read-schema.js';
import type { Adapter } from '../../adapters/types.js';
import type { Model } from '../../unified-model/index.js';
import { applySteps } from '../deploy/apply.js';
import { RedbError } from '../errors.js';
import { createPlan } from '../plan/index.js';
import { modelTreeOid } from '../vcs/index.js';

export interface Normalized {
  readonly model: Model;
  /** Where it was built, in the adapter's words (`ScratchDatabase.description`); absent when it was not. */
  readonly on?: string;
}

/**
 * Builds `model` on a scratch database next to `serverUrl` (or the target's embedded
 * engine when no URL is given) and reads it back. Without either, the model is
 * returned as translated (`on` absent).
 */
export async function normalizeOnScratch(adapter: Adapter, model: Model, serverUrl?: string): Promise<Normalized> {
  const embedded = embeddedAdapters().find((a) => a.dialect === adapter.dialect)?.embedded;
  if (!adapter.ddl || !adapter.deploy || (!serverUrl && !embedded)) return { model };
  const dir = serverUrl ? undefined : mkdtempSync(join(tmpdir(), 'redb-translate-'));
  const scratch = await adapter.deploy.scratch(serverUrl ?? embedded!.url(dir as string));
  try {
    const empty = await readSchema(adapter, scratch.conn);
    const plan = createPlan({ from: empty, to: model, source: { tree: modelTreeOid(empty) }, target: { tree: modelTreeOid(model) }, ddl: adapter.ddl, transactionalDdl: adapter.capabilities.transactionalDdl, options: { serverVersion: scratch.conn.serverVersion, ...(scratch.conn.flavour ? { flavour: scratch.conn.flavour } : {}) } });
    try {
      await applySteps(scratch.conn, plan.steps, { preamble: plan.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    } catch (err) {
      throw new RedbError('E_TRANSLATE', `the translated schema could not be built on ${scratch.description}: ${(err as Error).message}`, 'set the column\'s type on the target with --type TABLE.COLUMN=TYPE, or report it as a bug of redb translate');
    }
    return { model: await readSchema(adapter, scratch.conn), on: scratch.description };
  } finally {
    await scratch.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
