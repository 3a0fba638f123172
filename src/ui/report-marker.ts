/**
 * The hidden marker of a review report: an HTML comment naming the repository, branch
 * and target the report is about, and nothing that changes between runs (no hash, no
 * time), so a CI job finds the comment it wrote last time and updates it in place.
 *
 * @example
 * reportMarker({ repo: 'app', branch: 'feature-x', target: 'prod' });
 * // '<!-- redb-report repo=app branch=feature-x target=prod -->'
 */

export interface ReportIdentity {
  readonly repo: string;
  readonly branch: string;
  /** What the plan is against: a database name or a revision. */
  readonly target: string;
}

/**
 * A value as the marker spells it: percent-encoded outside a safe set, so a space, `>`
 * or `--` in a name can neither end the comment nor split the value.
 */
const part = (value: string): string => value.replace(/[^A-Za-z0-9_.@~/+:-]|-(?=-)/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The marker line; the same identity always gives the same line. */
export function reportMarker(id: ReportIdentity): string {
  return `<!-- redb-report repo=${part(id.repo)} branch=${part(id.branch)} target=${part(id.target)} -->`;
}

/** Whether a comment body carries the marker of `id` (an edited comment keeps it if the line stays). */
export function hasReportMarker(body: string, id: ReportIdentity): boolean {
  return body.includes(reportMarker(id));
}

/**
 * The identity of a diff's report: what it is against is the live side (the database
 * to deploy to, or the one compared), else the TO revision. Runs that compare the same
 * branch with the same target share it, whatever the commits.
 */
export function identityOf(sides: { readonly from: { readonly database?: string }; readonly to: { readonly label: string; readonly database?: string } }, repo: string, branch: string): ReportIdentity {
  return { repo, branch, target: sides.to.database ?? sides.from.database ?? sides.to.label };
}
