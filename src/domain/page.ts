/**
 * Keyset pagination shared by every list. A position is the (created_at, id)
 * of the last row served; `createdAt` keeps PostgreSQL's microseconds, because
 * a JavaScript Date would round them away and make the next page skip rows
 * created in the same millisecond.
 */
export interface PagePosition {
  createdAt: string;
  id: string;
}

export interface PageRequest {
  limit: number;
  after?: PagePosition;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filter across all pages. */
  total: number;
  /** Where the next page starts, or null on the last page. */
  next: PagePosition | null;
}

/** A row of a list query: the row and its created_at to the microsecond (see page-position-sql.ts). */
export type Positioned<R> = R & { position_at: string };

/** Builds a page from `limit + 1` fetched rows: the extra row only proves there is a next page. */
export function pageOf<R extends { id: string; position_at: string }, T>(
  rows: R[],
  limit: number,
  total: number,
  view: (row: R) => T,
): Page<T> {
  const served = rows.slice(0, limit);
  const last = served[served.length - 1];
  return {
    items: served.map(view),
    total,
    next: rows.length > limit && last ? { createdAt: last.position_at, id: last.id } : null,
  };
}
