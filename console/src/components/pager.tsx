import type { CursorPages } from './use-cursor-pages';

/** Previous / next over cursor pages, with "21–40 of 57" from X-Total-Count. */
export function Pager({ label, pages }: { label: string; pages: CursorPages<unknown> }) {
  const shown = pages.items.length;
  const range = shown === 0 ? 'none' : `${pages.offset + 1}–${pages.offset + shown}`;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={pages.previous} disabled={!pages.hasPrevious}>
        Previous
      </button>
      <span aria-live="polite">
        {range}
        {pages.total !== null && ` of ${pages.total}`}
      </span>
      <button type="button" onClick={pages.next} disabled={!pages.hasNext}>
        Next
      </button>
    </nav>
  );
}
