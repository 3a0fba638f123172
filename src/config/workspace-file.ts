/**
 * The workspace configuration, `redb.yaml`: databases, repositories and which branch
 * is attached to which database. Users may edit it by hand, so loading validates it
 * and names the field at fault; saving is atomic (temp file + rename).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
// zod/mini: every command reads this file, and the mini build keeps start-up small (docs/performance.md)
import * as z from 'zod/mini';
import { configError } from '../errors.js';

export const CONFIG_FILE = 'redb.yaml';

const nameSchema = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'names use letters, digits, . _ - and start with a letter or digit'));

/**
 * A relationship between two workspace databases, named by database name (never a URL):
 * a one-off migration job, or a replication. See docs/jobs.md.
 */
const relationshipSchema = z.strictObject({
  type: z.enum(['migration', 'replication']),
  source: nameSchema,
  target: nameSchema,
  repo: z.optional(nameSchema),
  branch: z.optional(z.string().check(z.minLength(1))),
  tables: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** TABLE.COLUMN → transform spec; applied per row by the job (identity until the catalogue is wired). */
  transforms: z.optional(z.record(z.string(), z.string())),
  /** source table → target table. */
  map: z.optional(z.record(z.string(), z.string())),
  /** Transforms give the same output for the same input and salt (joins and foreign keys still match). */
  deterministic: z.optional(z.boolean()),
  /** Replication may use REPLICA IDENTITY FULL on source tables without a primary key. */
  replicaIdentityFull: z.optional(z.boolean()),
});

export type RelationshipConfig = z.infer<typeof relationshipSchema>;

const configSchema = z.strictObject({
  version: z.literal(1),
  author: z.optional(z.strictObject({ name: z.string(), email: z.string() })),
  databases: z._default(z.record(nameSchema, z.strictObject({ url: z.string().check(z.minLength(1)) })), {}),
  repos: z._default(z.record(nameSchema, z.strictObject({ attachments: z._default(z.record(z.string(), nameSchema), {}) })), {}),
  relationships: z.optional(z.record(nameSchema, relationshipSchema)),
});

export type WorkspaceConfig = z.infer<typeof configSchema>;

export function emptyConfig(): WorkspaceConfig {
  return { version: 1, databases: {}, repos: {} };
}

/** Validates a name for a database, repository or branch-independent resource. */
export function isValidName(name: string): boolean {
  return nameSchema.safeParse(name).success;
}

export async function loadConfig(file: string): Promise<WorkspaceConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw configError('E_NO_WORKSPACE', `cannot read ${file}`, 'run `redb init` to create a workspace here, or pass --workspace DIR');
  }
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (err) {
    throw configError('E_CONFIG', `${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, `fix ${file} by hand`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || '(top level)';
    throw configError('E_CONFIG', `${file}: field ${field}: ${issue.message}`, `fix ${file} by hand`);
  }
  return result.data;
}

export async function saveConfig(file: string, config: WorkspaceConfig): Promise<void> {
  const header = '# redb workspace: databases, repositories and branch attachments.\n# URLs may use ${ENV_VAR}; passwords given on the command line are kept in .redb/credentials.json.\n';
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, header + stringify(config), 'utf8');
  await rename(tmp, file);
}
