/** The catalogue's contracts: formats kept, determinism by salt, NULLs, failures that never quote a value. */
import { describe, expect, it } from 'vitest';
import { RedbError } from '../../src/errors.js';
import { compileTransform, parseTransformSpec, TRANSFORMERS } from '../../src/jobs/transforms/index.js';
import { luhnDigit } from '../../src/jobs/transforms/ids.js';

const SALT = Buffer.from('s3cret-salt-for-tests');
const OTHER = Buffer.from('another-salt');
const det = (spec: string, salt = SALT) => compileTransform(parseTransformSpec(`t.c=${spec}`), { salt, deterministic: true });
const rnd = (spec: string) => compileTransform(parseTransformSpec(`t.c=${spec}`), { salt: SALT, deterministic: false });
const luhnValid = (digits: string) => luhnDigit(digits.slice(0, -1)) === Number(digits.at(-1));

describe('formats', () => {
  it('phone keeps punctuation and replaces digits', () => {
    const out = rnd('phone')('+1 (555) 123-4567') as string;
    expect(out.replace(/\d/g, '9')).toBe('+9 (999) 999-9999');
    expect(out).not.toBe('+1 (555) 123-4567');
    expect((rnd('phone:keep=1')('+1 (555) 123-4567') as string).startsWith('+1 (')).toBe(true);
  });
  it('credit card is Luhn-valid, same length and layout', () => {
    for (const card of ['4111 1111 1111 1111', '378282246310005', '6011-0009-9013-9424']) {
      const out = rnd('credit-card:keep=4')(card) as string;
      expect(out.length).toBe(card.length);
      expect(out.replace(/\d/g, '9')).toBe(card.replace(/\d/g, '9'));
      expect(luhnValid(out.replace(/\D/g, ''))).toBe(true);
      expect(out.slice(0, 4)).toBe(card.slice(0, 4));
    }
  });
  it('email keeps the domain unless told not to', () => {
    expect(rnd('email')('alice@corp.example.org')).toMatch(/^[a-z0-9]{10}@corp\.example\.org$/);
    expect(rnd('email:keep-domain=false,domain=mask.test')('alice@corp.org')).toMatch(/@mask\.test$/);
  });
  it('random string and redact keep the length', () => {
    const out = rnd('random-string')('héllo wörld') as string;
    expect(Array.from(out).length).toBe(11);
    expect(out).toMatch(/^[A-Za-z0-9]+$/);
    expect(rnd('redact:keep=4')('4111111111111111')).toBe('************1111');
    expect(rnd('redact:keep=2,at=start,fill=#')('secret')).toBe('se####');
    expect(rnd('keep-first-char')('Alice')).toBe('A****');
  });
  it('uuid, hash, names, fixed, null', () => {
    expect(rnd('uuid')('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rnd('hash')('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(rnd('hash:length=16')('x')).toMatch(/^[0-9a-f]{16}$/);
    expect(rnd('full-name')('Real Person')).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(rnd('first-name')('Real')).toMatch(/^[A-Z][a-z]+$/);
    expect(rnd('fixed:value=n/a')(null)).toBe('n/a');
    expect(rnd('null')('anything')).toBeNull();
  });
  it('number noise stays within ±ratio and keeps integers and scale', () => {
    for (let i = 0; i < 50; i++) {
      const n = rnd('number-noise:ratio=0.1')(1000) as number;
      expect(Number.isInteger(n) && n >= 900 && n <= 1100).toBe(true);
      const d = rnd('number-noise:ratio=0.5')('20.00') as string;
      expect(d).toMatch(/^\d+\.\d{2}$/);
      expect(Number(d)).toBeGreaterThanOrEqual(10);
      expect(Number(d)).toBeLessThanOrEqual(30);
    }
  });
  it('date noise stays within ±interval; a date stays a date', () => {
    const base = new Date('2024-06-15T12:00:00Z');
    for (let i = 0; i < 50; i++) {
      const d = rnd('date-noise:interval=2d')(base) as Date;
      expect(Math.abs(d.getTime() - base.getTime())).toBeLessThanOrEqual(2 * 86_400_000);
      const s = rnd('date-noise:interval=3d')('2024-06-15') as string;
      expect(s).toMatch(/^2024-06-1[2-8]$/);
    }
  });
  it('regexp replace and dictionary', () => {
    expect(rnd('regexp-replace:pattern=\\d,replacement=#')('a1b22')).toBe('a#b##');
    expect(rnd('dictionary:map=red:blue|green:grey')('green')).toBe('grey');
    expect(rnd('dictionary:map=red:blue,missing=keep')('pink')).toBe('pink');
    expect(rnd('dictionary:map=red:blue,missing=null')('pink')).toBeNull();
  });
});

describe('determinism', () => {
  const random = TRANSFORMERS.filter((t) => !['null', 'fixed', 'redact', 'keep-first-char', 'regexp-replace', 'dictionary', 'hash'].includes(t.name)).map((t) => t.name);
  const input = (name: string) =>
    name === 'email' ? 'bob@example.org' : name === 'credit-card' ? '4111111111111111' : name === 'number-noise' ? 123456 : name === 'date-noise' ? new Date('2024-01-01T00:00:00Z') : 'Robert Smith-Jones 12345';
  it.each([...random, 'hash'])('%s: same salt → same output, other salt → different', (name) => {
    const a = det(name)(input(name));
    expect(det(name)(input(name))).toEqual(a);
    expect(det(name, OTHER)(input(name))).not.toEqual(a);
  });
  it.each(random)('%s: differs between calls outside deterministic mode', (name) => {
    const outs = new Set(Array.from({ length: 5 }, () => JSON.stringify(rnd(name)(input(name)))));
    expect(outs.size).toBeGreaterThan(1);
  });
  it('the same value in two columns gets the same output (joins still match)', () => {
    const a = compileTransform(parseTransformSpec('users.id=uuid'), { salt: SALT, deterministic: true });
    const b = compileTransform(parseTransformSpec('orders.user_id=uuid'), { salt: SALT, deterministic: true });
    expect(a('42')).toBe(b('42'));
    expect(a('42')).not.toBe(a('43'));
  });
});

describe('NULL and failures', () => {
  it.each(TRANSFORMERS.filter((t) => !['null', 'fixed'].includes(t.name)).map((t) => t.name))('%s keeps NULL', (name) => {
    const spec = name === 'regexp-replace' ? 'regexp-replace:pattern=x' : name === 'dictionary' ? 'dictionary:map=a:b' : name;
    expect(det(spec)(null)).toBeNull();
  });
  it('a failure names table.column and the transformer, never the value', () => {
    const raw = 'alice.secret.value';
    const fn = compileTransform(parseTransformSpec('users.mail=email'), { deterministic: false });
    const card = compileTransform(parseTransformSpec('pay.card=credit-card'), { deterministic: false });
    const dict = compileTransform(parseTransformSpec('u.c=dictionary:map=a:b'), { deterministic: false });
    for (const [f, v] of [[fn, raw], [card, raw], [dict, raw], [fn, { raw }], [rnd('number-noise'), raw], [rnd('date-noise'), raw]] as const) {
      let err: unknown;
      try { f(v); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(RedbError);
      const text = `${(err as RedbError).message} ${(err as RedbError).hint}`;
      expect(text).not.toContain(raw);
      expect(text).not.toContain('alice');
    }
    expect(() => fn(raw)).toThrow(/users\.mail.*email|email.*users\.mail/);
  });
  it('the salt never appears in errors', () => {
    const salt = 'TOPSECRETSALT';
    const errors: string[] = [];
    for (const f of [() => compileTransform(parseTransformSpec('t.c=email'), { salt: Buffer.from(salt), deterministic: true })('nope'),
      () => compileTransform(parseTransformSpec('t.c=hash'), { deterministic: false })]) {
      try { f(); } catch (e) { errors.push(`${(e as RedbError).message} ${(e as RedbError).hint}`); }
    }
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatch(/REDB_TRANSFORM_SALT/);
    for (const e of errors) expect(e).not.toContain(salt);
  });
  it('deterministic mode without a salt is refused', () => {
    expect(() => compileTransform(parseTransformSpec('t.c=uuid'), { deterministic: true })).toThrow(/salt/);
  });
});

describe('parseTransformSpec', () => {
  it('parses table, column, name and typed options with defaults', () => {
    expect(parseTransformSpec('public.users.email=email:keep-domain=false')).toEqual({
      table: 'public.users', column: 'email', name: 'email', options: { 'keep-domain': false, domain: 'example.com' },
    });
    expect(parseTransformSpec('t.d=date-noise:interval=12h').options.interval).toBe(12 * 3_600_000);
  });
  const code = (text: string) => { try { parseTransformSpec(text); } catch (e) { return [(e as RedbError).code, (e as RedbError).message, (e as RedbError).exitCode]; } return undefined; };
  it.each([
    ['users.email=emial', 'E_TRANSFORM_UNKNOWN', /did you mean email/],
    ['users.email=email:keep-domian=true', 'E_TRANSFORM_OPTION', /did you mean keep-domain/],
    ['users.email=email:keep-domain=yes', 'E_TRANSFORM_OPTION', /true or false/],
    ['t.c=redact:keep=-1', 'E_TRANSFORM_OPTION', /whole number|zero or more/],
    ['t.c=redact:fill=ab', 'E_TRANSFORM_OPTION', /single character/],
    ['t.c=date-noise:interval=soon', 'E_TRANSFORM_OPTION', /interval/],
    ['t.c=fixed', 'E_TRANSFORM_OPTION', /needs option value/],
    ['t.c=redact:at=middle', 'E_TRANSFORM_OPTION', /start, end/],
    ['email=email', 'E_TRANSFORM_SPEC', /TABLE\.COLUMN/],
    ['users.email', 'E_TRANSFORM_SPEC', /=TRANSFORMER/],
    ['t.c=email:domain', 'E_TRANSFORM_SPEC', /option=value/],
  ])('%s → %s', (text, c, message) => {
    const got = code(text);
    expect(got?.[0]).toBe(c);
    expect(got?.[1]).toMatch(message);
    expect(got?.[2]).toBe(64);
  });
  it('a bad regexp or dictionary is refused when the transform is built', () => {
    expect(() => rnd('regexp-replace:pattern=(')).toThrow(/not a valid regular expression/);
    expect(() => rnd('dictionary')).toThrow(/exactly one of map= and file=/);
    expect(() => rnd('dictionary:file=/nonexistent/x.json')).toThrow(/cannot be read/);
  });
});
