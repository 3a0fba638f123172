/** What a translation between engines produces: the target model and what it could not keep exactly. */
import type { Model } from '../../unified-model/index.js';

/**
 * One thing the translation could not keep exactly, or left out.
 * - `type`: a column's type holds other values on the target (`from` → `to`).
 * - `default`, `check`, `index`, `constraint`, `column`: a member changed or dropped.
 * - `name`: a member renamed because the target's names share one namespace.
 * - `object`: a whole object not translated (views, routines and triggers are SQL of
 *   the source dialect; sequences, domains and extensions the target may not have).
 */
export interface ReportEntry {
  /** Id on the source, e.g. `main.film.rating`, `main.film.idx_title`, `main.film_list`. */
  readonly object: string;
  readonly kind: 'type' | 'default' | 'check' | 'index' | 'constraint' | 'column' | 'name' | 'object';
  readonly from?: string;
  readonly to?: string;
  readonly reason: string;
  /** Id of the column on the target, for a `type` entry (its `to` is the target's own spelling once normalized). */
  readonly target?: string;
}

/** `--type TABLE.COLUMN=NATIVE`: the column's target type, spelled for the target engine. */
export interface TypeOverride {
  readonly table: string;
  readonly column: string;
  readonly native: string;
}

export interface TranslateOptions {
  /** The source schema to translate (required when the source has several and the target has one namespace). */
  readonly schema?: string;
  readonly overrides?: readonly TypeOverride[];
}

export interface Translation {
  readonly model: Model;
  readonly report: readonly ReportEntry[];
}
