/**
 * The layering rules of docs/design-choices.md ("Layering"), checked on the sources:
 * - src/ (shared code) never names an engine, not even in a comment, and writes no
 *   SQL: no string or template literal holds a statement (SQL is the adapters' job);
 * - src/plan, src/deploy and src/config do not import src/core; src/errors.ts is a
 *   leaf; adapters import nothing from src/ but the errors;
 * - the registry loads no adapter code until one is used: `redb version` and
 *   `redb help` load none.
 * Literals are found with the TypeScript parser, so `commit` as a word in code or in
 * a message is fine; only statement shapes in literals count.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from './support/cli.js';

const ENGINE = /postgres|pglite|psql|mysql|mariadb|sqlite|mssql|oracle|mongo/i;

/** Statement shapes in a literal: how SQL starts or reads, never a lone English word. */
const SQL: readonly RegExp[] = [
  /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|START TRANSACTION)\b/,
  /\bSET\s+[A-Za-z_]+/, // SET lock_timeout, SET NOT NULL, SET search_path
  /\bSELECT\s/,
  /\bselect\s+[\w*"(][\s\S]*\bfrom\s/,
  /\b(INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\S+\s+SET)\b/i,
  /\b(ALTER|CREATE|DROP)\s+(TABLE|INDEX|VIEW|SCHEMA|SEQUENCE|TYPE|FUNCTION|TRIGGER|DATABASE)\b/i,
  /\bCREATE\s+(UNIQUE\s+)?INDEX\b/i,
  /\bNOT\s+VALID\b|\bCONCURRENTLY\b/,
  /\bTRUNCATE\s+(TABLE\s+)?\S/,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const SRC = resolve(PROJECT_DIR, 'src');
const ADAPTERS = resolve(PROJECT_DIR, 'adapters');
const rel = (file: string) => relative(PROJECT_DIR, file);

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every string and template literal piece of a file, with its line. */
function literals(source: ts.SourceFile): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // an import's module path is not text of the program
      if (!(node.parent && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)))) {
        out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The resolved files a module imports or re-exports, static and dynamic. */
function importsOf(source: ts.SourceFile): { target: string; line: number; dynamic: boolean }[] {
  const out: { target: string; line: number; dynamic: boolean }[] = [];
  const add = (spec: ts.Expression, dynamic: boolean) => {
    if (!ts.isStringLiteralLike(spec) || !spec.text.startsWith('.')) return;
    out.push({ target: resolve(dirname(source.fileName), spec.text.replace(/\.js$/, '.ts')), line: source.getLineAndCharacterOfPosition(spec.getStart()).line + 1, dynamic });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node.moduleSpecifier, false);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) add(node.arguments[0], true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const within = (file: string, dir: string) => !relative(dir, file).startsWith('..');

describe('src/ names no engine and writes no SQL', () => {
  const files = filesUnder(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no engine name anywhere in src/ (code, strings, comments)', () => {
    const hits = files.flatMap((f) =>
      readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (ENGINE.test(line) ? [`${rel(f)}:${i + 1}: ${line.trim().slice(0, 140)}`] : [])),
    );
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it('no SQL statement in a string or template literal of src/', () => {
    const hits = files.flatMap((f) =>
      literals(parse(f)).flatMap(({ text, line }) => {
        const rule = SQL.find((r) => r.test(text));
        return rule ? [`${rel(f)}:${line}: ${JSON.stringify(text.slice(0, 120))} (matches ${rule})`] : [];
      }),
    );
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it('the SQL rules catch SQL and let words through', () => {
    const isSql = (t: string) => SQL.some((r) => r.test(t));
    for (const t of ['BEGIN', 'COMMIT;', 'ROLLBACK', 'SET lock_timeout = 0', 'SELECT 1', 'select count(*) as n from t', 'ALTER TABLE t ADD c int', 'CREATE UNIQUE INDEX i ON t (c)', 'drop table x', 'INSERT INTO t VALUES (1)']) {
      expect(isSql(t), t).toBe(true);
    }
    for (const t of ['commit', 'commit first: redb commit -m MSG', 'rollback to the previous deploy', 'a change that drops a column', 'begin', 'the selected rows', 'E_NO_COMMITS']) {
      expect(isSql(t), t).toBe(false);
    }
  });
});

describe('layers import downwards only', () => {
  const all = [...filesUnder(SRC), ...filesUnder(ADAPTERS)].map((f) => ({ file: f, imports: importsOf(parse(f)) }));
  const CORE = join(SRC, 'core');
  const ERRORS = join(SRC, 'errors.ts');

  it('src/plan, src/deploy and src/config do not import src/core', () => {
    const lower = ['plan', 'deploy', 'config'].map((d) => join(SRC, d));
    const hits = all
      .filter(({ file }) => lower.some((d) => within(file, d)))
      .flatMap(({ file, imports }) => imports.filter((i) => within(i.target, CORE)).map((i) => `${rel(file)}:${i.line} imports ${rel(i.target)}`));
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it('src/errors.ts is a leaf: it imports nothing', () => {
    const errors = all.find((f) => f.file === ERRORS);
    expect(errors, 'src/errors.ts exists').toBeDefined();
    expect(errors!.imports).toEqual([]);
  });

  it('adapters import nothing from src/ but the errors', () => {
    const hits = all
      .filter(({ file }) => within(file, ADAPTERS))
      .flatMap(({ file, imports }) => imports.filter((i) => within(i.target, SRC) && i.target !== ERRORS).map((i) => `${rel(file)}:${i.line} imports ${rel(i.target)}`));
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it("the registry imports adapters' code only lazily (descriptors statically)", () => {
    const registry = all.find((f) => f.file === join(ADAPTERS, 'registry.ts'))!;
    const eager = registry.imports.filter((i) => !i.dynamic && dirname(i.target) !== ADAPTERS && !i.target.endsWith('/descriptor.ts'));
    expect(eager.map((i) => rel(i.target))).toEqual([]);
    expect(registry.imports.some((i) => i.dynamic), 'adapters are loaded with import()').toBe(true);
    // a descriptor is read without loading its adapter: it imports types only
    for (const d of registry.imports.filter((i) => i.target.endsWith('/descriptor.ts'))) {
      const source = parse(d.target);
      const valueImports = source.statements.filter((s) => ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly);
      expect(valueImports.map((s) => s.getText()), rel(d.target)).toEqual([]);
    }
  });
});

describe('start-up loads no adapter', () => {
  // a module hook in the spawned process reports every module it resolves (the built CLI: npm run build first)
  const hook = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('MODULE ' + r.url + '\\n'); return r; }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const modulesOf = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, ...args], { cwd: PROJECT_DIR, encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
    expect(r.status, r.stderr).toBe(0);
    return r.stderr.split('\n').filter((l) => l.startsWith('MODULE ')).map((l) => l.slice(7));
  };
  // tsc's output (dist/adapters/NAME/…) or the CLI bundle's entry per adapter (dist/cli/adapters/NAME/index.js)
  const adapterCode = (mods: string[]) => mods.filter((m) => /\/dist\/(cli\/)?adapters\/[^/]+\//.test(m) && !m.endsWith('/descriptor.js'));

  for (const args of [['version'], ['help'], ['database', 'connect', '--help']]) {
    it(`redb ${args.join(' ')}`, () => {
      const mods = modulesOf([join(PROJECT_DIR, 'bin/redb.js'), ...args]);
      // the hook works: it sees redb's own modules (with the oclif manifest, `--help` needs no command file)
      expect(mods.some((m) => m.includes('/dist/cli/')), 'the hook sees redb load').toBe(true);
      expect(adapterCode(mods)).toEqual([]);
    });
  }

  it("import … from 'redb'", () => {
    const mods = modulesOf(['--input-type=module', '-e', "const redb = await import('redb'); if (!redb.Workspace) process.exit(1);"]);
    expect(mods.some((m) => m.endsWith('/dist/src/index.js')), 'the package resolves to its build').toBe(true);
    expect(adapterCode(mods)).toEqual([]);
  });

  it('the bundled CLI loads an adapter when a URL of its scheme is used (the hook would see one at start-up)', () => {
    const ws = mkdtempSync(join(tmpdir(), 'redb-layering-'));
    const bin = join(PROJECT_DIR, 'bin/redb.js');
    modulesOf([bin, 'init', ws]);
    const mods = modulesOf([bin, '--workspace', ws, 'database', 'connect', 'mem', 'sqlite::memory:']);
    expect(adapterCode(mods).filter((m) => m.includes('/dist/cli/adapters/sqlite/'))).not.toEqual([]);
  });

  it('a used scheme loads its adapter (the hook would see it)', () => {
    const mods = modulesOf(['--input-type=module', '-e', "const redb = await import('redb'); await redb.adapterForUrl('pglite://memory');"]);
    expect(adapterCode(mods).length).toBeGreaterThan(0);
  });
});
