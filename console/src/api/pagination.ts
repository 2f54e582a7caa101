/** The `cursor` of the rel="next" link of an RFC 8288 Link header, or null on the last page. */
export function nextCursor(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!m || !/\brel="?next"?/.test(m[2])) continue;
    const url = new URL(m[1], 'http://link.invalid');
    return url.searchParams.get('cursor');
  }
  return null;
}

/** X-Total-Count as a number, or null when absent or not a count. */
export function totalCount(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const n = Number(header);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
