/** Transformers for identifiers: credit-card (Luhn-valid), uuid, hash (HMAC-SHA256). */
import { createHmac } from 'node:crypto';
import { rngFor } from './random.js';
import { asText, TransformFailure, type Transformer } from './types.js';

/** The Luhn check digit of a digit string (the number without its last digit). */
export function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export const creditCard: Transformer = {
  name: 'credit-card',
  summary: 'A Luhn-valid card number of the same length; spaces and dashes kept.',
  options: [{ name: 'keep', type: 'integer', default: 0, description: 'how many leading digits stay (the issuer prefix)' }],
  create: (opts, ctx) => (value) => {
    const text = asText(value, 'a card number');
    const digits = text.replace(/[^0-9]/g, '');
    if (digits.length < 12 || digits.length > 19 || /[^0-9 -]/.test(text)) throw new TransformFailure('expects a card number of 12 to 19 digits (spaces and dashes allowed)');
    const rng = rngFor('credit-card', value, ctx);
    const keep = Math.min(opts.keep as number, digits.length - 1);
    let body = digits.slice(0, keep);
    while (body.length < digits.length - 1) body += String(rng.int(10));
    const number = body + String(luhnDigit(body));
    let i = 0;
    return text.replace(/[0-9]/g, () => number[i++]);
  },
};

export const uuid: Transformer = {
  name: 'uuid',
  summary: 'A random (version 4) UUID.',
  options: [],
  create: (_opts, ctx) => (value) => {
    const b = rngFor('uuid', value, ctx).bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
};

export const hash: Transformer = {
  name: 'hash',
  summary: 'HMAC-SHA256 of the value with the secret salt, in hex (always deterministic).',
  options: [{ name: 'length', type: 'integer', default: 64, description: 'how many hex characters to keep (1–64)' }],
  needsSalt: true,
  create: (opts, ctx) => {
    const length = opts.length as number;
    if (length < 1 || length > 64) throw new TransformFailure('option length must be between 1 and 64');
    return (value) => {
      const input = Buffer.isBuffer(value) ? value : value instanceof Date ? value.toISOString() : asText(value);
      return createHmac('sha256', ctx.salt as Buffer).update(input).digest('hex').slice(0, length);
    };
  },
};
