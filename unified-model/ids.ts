/**
 * Stable object ids: schema-qualified, with each part quoted only when it is not a
 * plain lower-case identifier, so `public.users` stays readable and `public."my.table"`
 * can never be confused with a three-part id.
 */

const PLAIN = /^[a-z_][a-z0-9_$]*$/;

/** Quote one id part the way SQL quotes identifiers, but only when needed. */
export function quoteIdPart(part: string): string {
  return PLAIN.test(part) ? part : `"${part.replaceAll('"', '""')}"`;
}

/** `objectId('public', 'users')` → `public.users`; `objectId('public', 'users', 'email')` → `public.users.email`. */
export function objectId(...parts: readonly string[]): string {
  return parts.map(quoteIdPart).join('.');
}

/** Routine ids carry the argument types so overloads never collide: `public.lower_email(text)`. */
export function routineId(schema: string, name: string, signature: string): string {
  return `${objectId(schema, name)}(${signature})`;
}

/** Splits an id made by `objectId` back into its parts (a routine's signature stays on the last part). */
export function splitId(id: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < id.length) {
    if (id[i] === '"') {
      let j = i + 1;
      let part = '';
      for (;;) {
        if (j >= id.length) throw new Error(`unterminated quote in id ${id}`);
        if (id[j] === '"') {
          if (id[j + 1] === '"') { part += '"'; j += 2; continue; }
          break;
        }
        part += id[j++];
      }
      i = j + 1;
      // a routine signature may follow a quoted name
      if (id[i] === '(') { const end = id.length; part += id.slice(i, end); i = end; }
      parts.push(part);
      if (id[i] === '.') i++;
    } else {
      const paren = id.indexOf('(', i);
      let dot = id.indexOf('.', i);
      if (paren !== -1 && (dot === -1 || paren < dot)) dot = -1;
      const end = dot === -1 ? id.length : dot;
      parts.push(id.slice(i, end));
      i = end + 1;
    }
  }
  return parts;
}
