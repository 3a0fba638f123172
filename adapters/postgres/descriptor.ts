/**
 * What redb says about the PostgreSQL adapter before loading it: its schemes, words
 * for help and errors, the embedded engine's URLs. Imports nothing, so `redb help`
 * and an unknown-scheme error never load node-postgres, PGlite or the DDL code.
 */
import type { AdapterDescriptor } from '../registry.js';

export const postgresDescriptor: Omit<AdapterDescriptor, 'load'> = {
  dialect: 'postgres',
  schemes: ['postgres', 'postgresql', 'pglite'],
  description: 'PostgreSQL servers (postgres://, postgresql://) and the embedded PGlite (pglite://DIR, pglite://memory)',
  urlExamples: ['postgres://app:${PGPASSWORD}@db.internal:5432/app?sslmode=require', 'pglite://./dev-db'],
  embedded: { name: 'PGlite', url: (path) => `pglite://${path}` },
  // PGlite loads its .wasm and data files from its own folder; pg require()s pg-native when asked to
  unbundled: ['@electric-sql/pglite', 'pg-native'],
};
