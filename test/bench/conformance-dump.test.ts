/**
 * The normalization of `pg_dump --schema-only` text for the conformance referee
 * (bench/conformance/dump-text.ts), on dumps as pg_dump 15.20 prints them: two dumps
 * of equal schemas normalize equal (random `\restrict` key, version banner), and every
 * real difference survives, including the ones that look like what is taken out (a
 * `--` line or a blank line inside a function body or a string, a `SET` after the
 * preamble).
 */
import { describe, expect, it } from 'vitest';
import { diffExcerpt, normalizeDump, sameDump } from '../../bench/conformance/dump-text.js';

/** A dump in pg_dump's layout; `key` is the `\restrict` key, `version` the banner's, `body` the statements. */
const dump = (body: string, key = 'PSW7x98uobxliNwbQVWEcHQN1loAfdN2eCQiXaXnMbJvdy7bzied8PpkNasEx4e', version = '15.20 (Debian 15.20-0+deb12u1)') => `--
-- PostgreSQL database dump
--

\\restrict ${key}

-- Dumped from database version ${version}
-- Dumped by pg_dump version ${version}

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET row_security = off;

${body}
--
-- PostgreSQL database dump complete
--

\\unrestrict ${key}
`;

const table = (type: string) => `SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: t; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.t (
    a ${type}
);


ALTER TABLE public.t OWNER TO postgres;

`;

const fn = (body: string) => `--
-- Name: f(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.f() RETURNS integer
    LANGUAGE plpgsql
    AS $$
${body}
end$$;


ALTER FUNCTION public.f() OWNER TO postgres;

`;

const same = (a: string, b: string) => sameDump(normalizeDump(a), normalizeDump(b));

describe('normalizeDump', () => {
  it('keeps only the statements after the preamble, each line as printed', () => {
    expect(normalizeDump(dump(table('integer')))).toEqual([
      "SET default_tablespace = '';",
      'SET default_table_access_method = heap;',
      'CREATE TABLE public.t (',
      '    a integer',
      ');',
      'ALTER TABLE public.t OWNER TO postgres;',
    ]);
  });

  it('makes two dumps of one schema equal whatever their restrict keys and versions', () => {
    expect(same(dump(table('integer'), 'aaaa1111'), dump(table('integer'), 'ZZZZ9999', '15.14'))).toBe(true);
  });

  it('keeps a changed column type, and the diff shows both lines', () => {
    const w = normalizeDump(dump(table('integer')));
    const d = normalizeDump(dump(table('bigint')));
    expect(sameDump(w, d)).toBe(false);
    expect(diffExcerpt(w, d)).toEqual(['@@ line 4 @@', ' CREATE TABLE public.t (', '-    a integer', '+    a bigint', ' );']);
  });

  it('keeps comment lines and blank lines inside a function body', () => {
    const plain = dump(fn('begin\n  return 1;'));
    const commented = dump(fn('begin\n  -- a comment\n  return 1;'));
    const spaced = dump(fn('begin\n\n  return 1;'));
    expect(same(plain, commented)).toBe(false);
    expect(same(plain, spaced)).toBe(false);
    expect(normalizeDump(commented)).toContain('  -- a comment');
  });

  it('keeps a string literal over several lines, even a line of it that starts with --', () => {
    const comment = (text: string) => `${table('integer')}COMMENT ON TABLE public.t IS 'first\n${text}\nlast';\n\n`;
    expect(same(dump(comment('-- middle')), dump(comment('-- other')))).toBe(false);
    expect(same(dump(comment('')), dump(comment(' ')))).toBe(false);
  });

  it('ends a statement only outside quotes: a dollar-quoted body with semicolons, E strings with escaped quotes', () => {
    const body = (x: string) => dump(`${fn(`begin\n  perform E'it\\'s;';\n  return ${x};`)}-- Name: later\n\n`);
    const lines = normalizeDump(body('1'));
    expect(lines).toContain('end$$;');
    expect(lines).not.toContain('-- Name: later');
    expect(same(body('1'), body('2'))).toBe(false);
  });

  it('keeps a SET after the preamble: the access method of a table is schema', () => {
    expect(same(dump(table('integer')), dump(table('integer').replace('= heap;', '= columnar;')))).toBe(false);
    expect(same(dump(table('integer')), dump(table('integer').replace("SET default_tablespace = '';\n\n", '')))).toBe(false);
  });

  it('keeps a \\restrict-looking line inside a statement, and anything after an unterminated one', () => {
    const inside = (key: string) => dump(`${fn(`begin\n\\restrict ${key}\n  return 1;`)}`);
    expect(same(inside('a1'), inside('b2'))).toBe(false);
    expect(normalizeDump('CREATE TABLE t (\n\n-- tail')).toEqual(['CREATE TABLE t (', '', '-- tail']);
  });
});

describe('diffExcerpt', () => {
  it('is empty for equal dumps', () => {
    expect(diffExcerpt(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('shows a moved line as removed and added, in order', () => {
    expect(diffExcerpt(['x', 'a', 'b', 'c'], ['x', 'b', 'c', 'a'])).toEqual(['@@ line 2 @@', ' x', '-a', ' b', ' c', '+a']);
  });

  it('is cut after maxLines, saying how many changed lines are left out', () => {
    const from = Array.from({ length: 20 }, (_, i) => `old ${i}`);
    const to = Array.from({ length: 20 }, (_, i) => `new ${i}`);
    const out = diffExcerpt(from, to, 5);
    expect(out).toHaveLength(6);
    expect(out[5]).toBe('… 36 more changed line(s)');
  });
});
