/**
 * What redb says about the SQLite adapter before loading it: its scheme, words for help
 * and errors, the URL of an embedded database. Imports nothing, so `redb help` and an
 * unknown-scheme error never load better-sqlite3 or the DDL code.
 */
import type { AdapterDescriptor } from '../registry.js';

export const sqliteDescriptor: Omit<AdapterDescriptor, 'load'> = {
  dialect: 'sqlite',
  schemes: ['sqlite'],
  description: 'SQLite database files (sqlite://PATH, an existing file; ?mode=rwc creates one) and in-memory databases (sqlite::memory:)',
  urlExamples: ['sqlite://./app.db'],
  // a database kept at `path` is made there when missing (connect refuses a missing file otherwise)
  embedded: { name: 'SQLite', url: (path) => `sqlite://${path}?mode=rwc` },
  // a native addon, found through its own package folder
  unbundled: ['better-sqlite3'],
};
