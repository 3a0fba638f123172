/**
 * What differs between the MySQL and MariaDB servers redb reads, by flavour and
 * version: the catalog columns a server has and the object kinds it supports. The
 * introspection asks these, never the flavour itself, so a version that gains a
 * feature needs one line here.
 */

export type MysqlFlavour = 'mysql' | 'mariadb';

export interface MysqlFeatures {
  readonly flavour: MysqlFlavour;
  /** [major, minor, patch] of the server. */
  readonly version: readonly [number, number, number];
  /** CHECK constraints are kept and enforced (MariaDB 10.2, MySQL 8.0.16). */
  readonly checkConstraints: boolean;
  /** information_schema.CHECK_CONSTRAINTS names the table (MariaDB); else joined through TABLE_CONSTRAINTS (MySQL). */
  readonly checkTableInCatalog: boolean;
  /** Indexes the optimizer may be told to ignore: MariaDB `IGNORED` (10.6), MySQL `INVISIBLE` (8.0), both in STATISTICS. */
  readonly ignoredIndexColumn?: 'IGNORED' | 'IS_VISIBLE';
  /** Index keys on expressions, in STATISTICS.EXPRESSION (MySQL 8.0.13). */
  readonly functionalIndexes: boolean;
  /** Descending index keys are stored as such (MariaDB 10.8, MySQL 8.0); before, DESC was parsed and ignored. */
  readonly descendingIndexes: boolean;
  /** information_schema.VIEWS has ALGORITHM (MariaDB); MySQL keeps it only in SHOW CREATE VIEW. */
  readonly viewAlgorithmInCatalog: boolean;
  /** COLUMN_DEFAULT quotes literals and spells NULL (MariaDB 10.2.7); MySQL gives the bare literal and marks expressions DEFAULT_GENERATED. */
  readonly quotedDefaults: boolean;
  /** Sequences are tables of type SEQUENCE (MariaDB 10.3). */
  readonly sequences: boolean;
  /** JSON is an alias of LONGTEXT with a json_valid check (MariaDB); a type of its own on MySQL. */
  readonly jsonIsText: boolean;
}

const atLeast = (v: readonly number[], ...min: number[]): boolean => {
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  return true;
};

/**
 * Parses `SELECT VERSION()` (`10.11.19-MariaDB-0+deb12u1`, `8.0.36`, `5.5.5-10.6.1-MariaDB`).
 *
 * @example parseServerVersion('10.11.19-MariaDB-0+deb12u1') // { flavour: 'mariadb', version: [10, 11, 19] }
 */
export function parseServerVersion(text: string): { flavour: MysqlFlavour; version: [number, number, number] } {
  const flavour: MysqlFlavour = /mariadb/i.test(text) ? 'mariadb' : 'mysql';
  // MariaDB behind some proxies reports `5.5.5-` before its real version
  const m = /(?:^5\.5\.5-)?(\d+)\.(\d+)\.(\d+)/.exec(text);
  const version: [number, number, number] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  return { flavour, version };
}

/** What a server of this flavour and version has. */
export function featuresOf(flavour: MysqlFlavour, version: readonly [number, number, number]): MysqlFeatures {
  const maria = flavour === 'mariadb';
  return {
    flavour,
    version,
    checkConstraints: maria ? atLeast(version, 10, 2) : atLeast(version, 8, 0, 16),
    checkTableInCatalog: maria,
    ...(maria ? (atLeast(version, 10, 6) ? { ignoredIndexColumn: 'IGNORED' as const } : {}) : atLeast(version, 8) ? { ignoredIndexColumn: 'IS_VISIBLE' as const } : {}),
    functionalIndexes: !maria && atLeast(version, 8, 0, 13),
    descendingIndexes: maria ? atLeast(version, 10, 8) : atLeast(version, 8),
    viewAlgorithmInCatalog: maria,
    quotedDefaults: maria && atLeast(version, 10, 2, 7),
    sequences: maria && atLeast(version, 10, 3),
    jsonIsText: maria,
  };
}

/** `MariaDB 10.11.19`: the `Connection.serverVersion` of a server. */
export function versionLabel(flavour: MysqlFlavour, version: readonly number[]): string {
  return `${flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} ${version.join('.')}`;
}

/** The features of a connection from its `serverVersion` and `flavour` (as `connectMysql` sets them). */
export function featuresOfConnection(conn: { readonly serverVersion: string; readonly flavour?: string }): MysqlFeatures {
  const { version } = parseServerVersion(conn.serverVersion);
  return featuresOf(conn.flavour === 'mariadb' || /mariadb/i.test(conn.serverVersion) ? 'mariadb' : 'mysql', version);
}
