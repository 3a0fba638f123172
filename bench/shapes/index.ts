/** The bench shapes by name (`--shapes bench,varied,wide,constrained`). */
import { benchShape } from './bench.js';
import { constrainedShape } from './constrained.js';
import type { Shape } from './shape.js';
import { variedShape } from './varied.js';
import { wideShape } from './wide.js';

export type { ObjectCounts, Shape } from './shape.js';

export const SHAPES: readonly Shape[] = [benchShape, variedShape, wideShape, constrainedShape];

/** The shapes named in a comma-separated list, in its order; throws on an unknown name. */
export function shapesNamed(list: string): Shape[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => {
      const shape = SHAPES.find((s) => s.name === name);
      if (!shape) throw new Error(`unknown shape ${name} (known: ${SHAPES.map((s) => s.name).join(', ')})`);
      return shape;
    });
}
