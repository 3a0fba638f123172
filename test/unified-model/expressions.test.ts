/** Text pasted verbatim into DDL is refused at load time unless it is exactly one expression / statement. */
import { describe, expect, it } from 'vitest';
import { clauseProblem, expressionProblem, queryProblem, routineDefinitionProblem, statementProblem } from '../../unified-model/expressions.js';
import { lexSql, SqlLexError } from '../../unified-model/sql-lexer.js';
import { filesToModel, modelToFiles, ModelFileError, type DbObject, type Model, type Table } from '../../unified-model/index.js';

describe('SQL lexer', () => {
  const words = (text: string, backslashEscapes = false) => lexSql(text, { backslashEscapes }).filter((t) => t.type !== 'quoted').map((t) => t.text);

  it('skips quoted runs, comments and dollar quotes, keeping words, brackets and semicolons', () => {
    expect(words(`a 'x;y' "b;""c" /* ; */ -- ;\n $q$ ; $q$ $$;$$ (d) ;`)).toEqual(['a', '(', 'd', ')', ';']);
    expect(words(`'it''s' ; x`)).toEqual([';', 'x']);
  });

  it("reads E'…' with backslash escapes, '…' only when asked", () => {
    expect(words(String.raw`E'\'' ; x`)).toEqual(['E', ';', 'x']);
    expect(words(String.raw`'\' ; x`)).toEqual([';', 'x']);
    expect(() => lexSql(String.raw`'\' ; x`, { backslashEscapes: true })).toThrow(SqlLexError);
    // an identifier ending in e is no E prefix
    expect(words(String.raw`note'\' ; x`)).toEqual(['note', ';', 'x']);
  });

  it('keeps $ inside identifiers and positional parameters out of dollar quoting', () => {
    expect(words('a$b$ ; $1')).toEqual(['a$b$', ';', '1']);
  });

  it('refuses what does not end', () => {
    for (const text of ["'open", '"open', '/* open', 'x -- to the end', '$tag$ open', '$a$ x $b$', '/* a /* nested */ */']) {
      expect(() => lexSql(text, { backslashEscapes: false }), text).toThrow(SqlLexError);
    }
  });
});

describe('expressions', () => {
  it('accepts what the engine writes', () => {
    for (const text of [
      "'abc'", '"x"', '$$a;b$$',
      '0', "'abc'::text", "nextval('app.users_id_seq'::regclass)", '(price > (0)::numeric)', "'{}'::integer[]",
      "((status)::text = ANY ((ARRAY['a'::character varying, 'b;c'::character varying])::text[]))", 'now()',
      "'^\\d+$'::text", `"Mixed ""Name"" col" IS NOT NULL`, "E'\\\\'::text", 'x -- a note\n',
    ]) expect(expressionProblem(text), text).toBeUndefined();
  });

  it('refuses hostile text, saying what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['0; CREATE ROLE x', /';' at character 2 ends it/],
      ['0;', /';' at character 2/],
      ['(0; CREATE ROLE x)', /';'/],
      ['0) , y int DEFAULT (1', /unbalanced '\)'/],
      ['(0', /never closed/],
      ['(0]', /unbalanced '\]'/],
      ["'0", /unterminated string/],
      ['0 -- NOT NULL', /-- comment that runs to the end/],
      ['0 /* swallow', /unterminated \/\* comment/],
      ["$q$ x $q$; CREATE ROLE x", /';'/],
      // sound when a backslash is a plain character, a second statement when it escapes the quote
      [String.raw`'a\' || '; CREATE ROLE x; --'`, /when a backslash escapes a quote/],
      ['', /is empty/],
      ['   ', /is empty/],
    ];
    for (const [text, reason] of cases) expect(expressionProblem(text), text).toMatch(reason);
  });

  it('clauses follow the same rule (type names, bounds)', () => {
    expect(clauseProblem('character varying(20)')).toBeUndefined();
    expect(clauseProblem("FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')")).toBeUndefined();
    expect(clauseProblem('integer; DROP TABLE t')).toMatch(/';'/);
  });
});

describe('statements', () => {
  it('a view body is one query, with one optional trailing semicolon', () => {
    expect(queryProblem(' SELECT a.x\n   FROM app.a;')).toBeUndefined();
    expect(queryProblem('(SELECT 1) UNION SELECT 2')).toBeUndefined();
    expect(queryProblem(' SELECT 1; CREATE ROLE x;')).toMatch(/';' at character 10/);
    expect(queryProblem('CREATE ROLE x')).toMatch(/must start with SELECT or WITH/);
  });

  it('an index or trigger definition is one CREATE statement', () => {
    expect(statementProblem('CREATE INDEX i ON public.t USING btree (lower(email)) WHERE (x > 0)')).toBeUndefined();
    expect(statementProblem('CREATE INDEX i ON t (x); CREATE ROLE r')).toMatch(/';'/);
    expect(statementProblem('DROP TABLE t')).toMatch(/must start with CREATE/);
  });

  it('a routine definition may hold semicolons inside its quoted body or a BEGIN ATOMIC body, nowhere else', () => {
    const plpgsql = 'CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$ begin return 1; end; $function$\n';
    expect(routineDefinitionProblem(plpgsql)).toBeUndefined();
    const atomic = 'CREATE OR REPLACE FUNCTION public.g(a integer)\n RETURNS integer\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n SELECT 2;\nEND';
    expect(routineDefinitionProblem(atomic)).toBeUndefined();
    expect(routineDefinitionProblem(`${atomic}; CREATE ROLE x`)).toMatch(/';'/);
    // the body closes its dollar quote early and smuggles a statement after it
    expect(routineDefinitionProblem('CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $function$ select 1 $function$; CREATE ROLE x')).toMatch(/';'/);
    // a routine named begin opens no atomic body
    expect(routineDefinitionProblem('CREATE FUNCTION begin() RETURNS int LANGUAGE sql AS $$ select 1 $$; CREATE ROLE x')).toMatch(/';'/);
  });
});

describe('loading a model file', () => {
  const table = (column: Record<string, unknown>): Table => ({
    kind: 'table', id: 'public.t', schema: 'public', name: 't',
    columns: [{ name: 'c', type: { native: 'integer', logical: { kind: 'integer', bits: 32 } }, nullable: true, ...column } as Table['columns'][number]],
  });
  const files = (t: Table) => modelToFiles({ formatVersion: 1, dialect: 'postgres', objects: [t] } as Model);

  it('names the file and field of a smuggled statement', () => {
    const error = (() => { try { filesToModel(files(table({ default: '0; CREATE ROLE x' }))); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).file).toBe('schemas/public/tables/t.json');
    expect((error as ModelFileError).field).toBe('columns[0].default');
    expect((error as ModelFileError).message).toMatch(/not a single SQL expression: a ';' at character 2/);
  });

  it('refuses sequence-like parameters that are not numbers', () => {
    expect(() => filesToModel(files(table({ identity: { generation: 'always', start: '1 CYCLE; CREATE ROLE x' } })))).toThrow(/columns\[0\]\.identity\.start.*whole number/);
  });

  it('loads sound expressions', () => {
    expect(filesToModel(files(table({ default: "'a;b'::text" }))).objects[0]).toMatchObject({ columns: [{ default: "'a;b'::text" }] });
  });
});

describe('every field pasted into DDL is checked at load', () => {
  const bad = '1); CREATE ROLE x; --\n';
  const int = { native: 'integer', logical: { kind: 'integer', bits: 32 } } as const;
  const base: Table = { kind: 'table', id: 'public.t', schema: 'public', name: 't', columns: [{ name: 'c', type: int, nullable: true }] };
  const index = { name: 'i', unique: false, method: 'btree', keys: [{ column: 'c' }], definition: 'CREATE INDEX i ON public.t USING btree (c)' };
  const trigger = { name: 'tr', timing: 'before', events: ['insert'], level: 'row', function: 'public.f()', definition: 'CREATE TRIGGER tr BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.f()' };
  const cases: [string, DbObject, string][] = [
    ['generated column', { ...base, columns: [{ name: 'c', type: int, nullable: true, generated: { expression: bad, stored: true } }] }, 'columns[0].generated.expression'],
    ['column type', { ...base, columns: [{ name: 'c', type: { ...int, native: `integer${bad}` }, nullable: true }] }, 'columns[0].type.native'],
    ['check', { ...base, checks: [{ name: 'k', expression: bad }] }, 'checks[0].expression'],
    ['index predicate', { ...base, indexes: [{ ...index, predicate: bad }] }, 'indexes[0].predicate'],
    ['index key expression', { ...base, indexes: [{ ...index, keys: [{ expression: bad }] }] }, 'indexes[0].keys[0].expression'],
    ['index definition', { ...base, indexes: [{ ...index, definition: `${index.definition}; CREATE ROLE x` }] }, 'indexes[0].definition'],
    ['trigger when', { ...base, triggers: [{ ...trigger, when: bad }] }, 'triggers[0].when'],
    ['trigger definition', { ...base, triggers: [{ ...trigger, definition: `${trigger.definition}; CREATE ROLE x` }] }, 'triggers[0].definition'],
    ['policy using', { ...base, policies: [{ name: 'p', command: 'all', permissive: true, roles: ['PUBLIC'], using: bad }] }, 'policies[0].using'],
    ['policy with check', { ...base, policies: [{ name: 'p', command: 'all', permissive: true, roles: ['PUBLIC'], withCheck: bad }] }, 'policies[0].withCheck'],
    ['partition bound', { ...base, partitionOf: { parent: 'public.p', bound: `FOR VALUES IN (1)${bad}` } }, 'partitionOf.bound'],
    ['option value', { ...base, options: { fillfactor: `70${bad}` } }, 'options.fillfactor'],
    ['view body', { kind: 'view', id: 'public.v', schema: 'public', name: 'v', definition: ' SELECT 1; CREATE ROLE x;', columns: [] }, 'definition'],
    ['materialized view body', { kind: 'materialized-view', id: 'public.m', schema: 'public', name: 'm', definition: ' SELECT 1); CREATE ROLE x;', columns: [] }, 'definition'],
    ['domain default', { kind: 'domain', id: 'public.d', schema: 'public', name: 'd', type: int, nullable: true, default: bad }, 'default'],
    ['sequence start', { kind: 'sequence', id: 'public.s', schema: 'public', name: 's', type: int, start: '1; CREATE ROLE x', increment: '1', min: '1', max: '10', cache: '1', cycle: false }, 'start'],
    ['routine definition', {
      kind: 'function', id: 'public.f()', schema: 'public', name: 'f', signature: '', arguments: [], returns: 'integer', language: 'sql', body: 'select 1',
      definition: 'CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $function$select 1$function$; CREATE ROLE x',
    }, 'definition'],
  ];
  for (const [what, obj, field] of cases) {
    it(`${what}: ${field}`, () => {
      const files = modelToFiles({ formatVersion: 1, dialect: 'postgres', objects: [obj] });
      const error = (() => { try { filesToModel(files); } catch (e) { return e; } })() as ModelFileError;
      expect(error).toBeInstanceOf(ModelFileError);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/is not a single|whole number/);
    });
  }
});
