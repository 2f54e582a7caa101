/**
 * An RFC 3339 date-time (already checked by the request schema) as a Date.
 *
 * RFC 3339 allows a leap second (`23:59:60`), and the schema's date-time
 * format accepts it, but a JavaScript Date cannot hold one: `new Date()` gives
 * an Invalid Date, which the database driver would send on as nonsense. Like
 * PostgreSQL's own timestamptz input, a leap second is read as the first
 * instant of the next minute.
 */
export function parseTimestamp(text: string): Date {
  const leap = /^(.*[Tt ]\d{2}:\d{2}:)60((?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))$/.exec(text);
  if (!leap) return new Date(text);
  const lastSecond = new Date(`${leap[1]}59${leap[2]}`);
  return new Date(lastSecond.getTime() - (lastSecond.getTime() % 1000) + 1000);
}
