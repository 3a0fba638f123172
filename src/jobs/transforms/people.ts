/** Transformers for personal data: email, first-name, last-name, full-name, phone. */
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { rngFor } from './random.js';
import { asText, TransformFailure, type Transformer } from './types.js';

const LOCAL = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const email: Transformer = {
  name: 'email',
  summary: 'A made-up address; the domain is kept unless keep-domain=false.',
  options: [
    { name: 'keep-domain', type: 'boolean', default: true, description: "keep the address's domain" },
    { name: 'domain', type: 'string', default: 'example.com', description: 'the domain used when the domain is not kept' },
  ],
  create: (opts, ctx) => (value) => {
    const text = asText(value, 'an email address');
    const at = text.lastIndexOf('@');
    if (at < 1 || at === text.length - 1) throw new TransformFailure('expects an email address (local@domain), got text without one');
    const rng = rngFor('email', value, ctx);
    const local = Array.from({ length: 10 }, () => LOCAL[rng.int(LOCAL.length)]).join('');
    return `${local}@${opts['keep-domain'] ? text.slice(at + 1) : opts.domain}`;
  },
};

const picker = (name: string, summary: string, make: (pick: <T>(l: readonly T[]) => T) => string): Transformer => ({
  name,
  summary,
  options: [],
  create: (_opts, ctx) => (value) => {
    asText(value, 'a name');
    const rng = rngFor(name, value, ctx);
    return make((list) => rng.pick(list));
  },
});

export const firstName = picker('first-name', 'A made-up first name.', (pick) => pick(FIRST_NAMES));
export const lastName = picker('last-name', 'A made-up last name.', (pick) => pick(LAST_NAMES));
export const fullName = picker('full-name', 'A made-up "first last" name.', (pick) => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`);

export const phone: Transformer = {
  name: 'phone',
  summary: 'Same format: every digit replaced, punctuation, spaces and + kept.',
  options: [{ name: 'keep', type: 'integer', default: 0, description: 'how many leading digits stay (a country or area code)' }],
  create: (opts, ctx) => (value) => {
    const text = asText(value, 'a phone number');
    const rng = rngFor('phone', value, ctx);
    let seen = 0;
    return text.replace(/[0-9]/g, (d) => (seen++ < (opts.keep as number) ? d : String(rng.int(10))));
  },
};
