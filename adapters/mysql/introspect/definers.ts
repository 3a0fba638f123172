/**
 * Definers of views, routines, triggers and events. The catalog names the account
 * (`user@host`) each runs as. The model records one only where it is not the account
 * reading the schema: objects that account made are re-created by whoever deploys (an
 * account of one server need not exist on another), while an object made for another
 * account keeps it, written as DEFINER= (docs/design-choices.md, "Definers").
 */

/** The definer to record: absent when it is the reading account (`CURRENT_USER()`), or unknown. */
export function definerOf(definer: string | null | undefined, reader: string | undefined): string | undefined {
  if (!definer || definer === reader) return undefined;
  return definer;
}
