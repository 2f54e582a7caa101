import type { PageRequest } from './page.js';

/** The SQL, for repositories' list queries, that renders a row's created_at as an exact, zone-free page position. */
export const POSITION_SQL = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The keyset condition of a newest-first page: appends the position's values
 * to `values` and returns `AND (created_at, id) < ($n, $m)`, or '' on the first page.
 */
export function newerThanCursor(values: unknown[], page: PageRequest): string {
  if (!page.after) return '';
  values.push(page.after.createdAt, page.after.id);
  return `AND (created_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
}
