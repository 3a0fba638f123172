/**
 * Values made from the model's zod schema: a sample of every object kind with every
 * optional field present, and every way to change exactly one leaf of it. A field
 * added to `unified-model/schema.ts` shows up here without anyone listing it.
 */
import type { z } from 'zod';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Strings that some field accepts: model text is checked where it is loaded (a whole
 * number, one expression, one query, one CREATE statement), so a sample takes the
 * first candidate its own string schema accepts.
 */
const STRING_SAMPLES = ['x', '1', 'SELECT x', 'CREATE x'];
const accepted = (s: z.ZodType, candidates: readonly string[]): string => candidates.find((c) => s.safeParse(c).success) ?? candidates[0];

/** A value of the schema, every optional part present. */
export function sample(s: z.ZodType): unknown {
  const d = defOf(s);
  switch (d.type) {
    case 'string': return accepted(s, STRING_SAMPLES);
    case 'number': return 1;
    case 'boolean': return false;
    case 'enum': return Object.values(d.entries as Record<string, string>)[0];
    case 'literal': return (d.values as unknown[])[0];
    case 'array': return [sample(d.element as z.ZodType)];
    case 'record': return { k: 'v' };
    case 'object': return Object.fromEntries(Object.entries(d.shape as Record<string, z.ZodType>).map(([k, v]) => [k, sample(v)]));
    case 'optional': case 'readonly': return sample(d.innerType as z.ZodType);
    case 'lazy': return sample((d.getter as () => z.ZodType)());
    case 'union': return sample((d.options as z.ZodType[])[0]);
    default: throw new Error(`zod-variants: no sample for a ${d.type}`);
  }
}

export interface Variant {
  /** Which leaf changed, e.g. `columns[0].identity.cycle`, `partitioning (absent)`. */
  readonly path: string;
  readonly value: unknown;
}

const join = (a: string, b: string) => (b === '' ? a : /^[[ =]/.test(b) || a === '' ? `${a}${b}` : `${a}.${b}`);

/** Every value that differs from `v` in exactly one leaf (or one optional part present/absent). */
export function variants(s: z.ZodType, v: unknown): Variant[] {
  const d = defOf(s);
  switch (d.type) {
    case 'string': return [{ path: '', value: accepted(s, [`${String(v)}_2`, String(Number(v) + 1)]) }];
    case 'number': return [{ path: '', value: (v as number) + 1 }];
    case 'boolean': return [{ path: '', value: !v }];
    case 'enum': return Object.values(d.entries as Record<string, string>).filter((e) => e !== v).map((e) => ({ path: `=${e}`, value: e }));
    case 'literal': return [];
    case 'record': return [{ path: '.k', value: { ...(v as object), k: 'v2' } }, { path: '.k2', value: { ...(v as object), k2: 'w' } }];
    case 'array': {
      const items = v as unknown[];
      const el = d.element as z.ZodType;
      return [
        ...variants(el, items[0]).map((x) => ({ path: join('[0]', x.path), value: [x.value, ...items.slice(1)] })),
        { path: '[] (empty)', value: [] },
      ];
    }
    case 'object': {
      const obj = v as Record<string, unknown>;
      return Object.entries(d.shape as Record<string, z.ZodType>).flatMap(([k, f]) =>
        variants(f, obj[k]).map((x) => ({ path: join(k, x.path), value: { ...obj, [k]: x.value } })),
      );
    }
    case 'optional':
      return v === undefined
        ? [{ path: ' (present)', value: sample(d.innerType as z.ZodType) }]
        : [...variants(d.innerType as z.ZodType, v), { path: ' (absent)', value: undefined }];
    case 'readonly': return variants(d.innerType as z.ZodType, v);
    case 'lazy': return variants((d.getter as () => z.ZodType)(), v);
    case 'union': {
      const options = d.options as z.ZodType[];
      const own = options.find((o) => o.safeParse(v).success) ?? options[0];
      return [
        ...variants(own, v),
        ...options.filter((o) => o !== own).map((o, i) => ({ path: ` (option ${i + 1})`, value: sample(o) })),
      ];
    }
    default: throw new Error(`zod-variants: no variants for a ${d.type}`);
  }
}

/** The options of the union of object kinds, one strict object schema each. */
export function unionOptions(s: z.ZodType): z.ZodType[] {
  const d = defOf(s);
  if (d.type !== 'union') throw new Error('zod-variants: expected a union');
  return d.options as z.ZodType[];
}
