/*
 * What people type into the forms, turned into the JSON the API takes. The
 * server validates again; these only catch typing slips early and say where.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "64, 64" or "64 x 64" → [64, 64]: integers separated by commas, spaces or ×. */
export function parseIntegers(text: string, what: string): Parsed<number[]> {
  const parts = text
    .split(/[\s,×xX]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: `${what}: enter at least one integer` };
  const value: number[] = [];
  for (const p of parts) {
    if (!/^-?\d+$/.test(p)) return { ok: false, message: `${what}: "${p}" is not an integer` };
    value.push(Number(p));
  }
  return { ok: true, value };
}

/** One coordinate tuple per line (or separated by ";"), each like "3, 4". */
export function parseCoordinateList(text: string, dimensions: number, what: string): Parsed<number[][]> {
  const lines = text
    .split(/[\n;]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  const value: number[][] = [];
  for (const [k, line] of lines.entries()) {
    const parsed = parseIntegers(line, `${what} ${k + 1}`);
    if (!parsed.ok) return parsed;
    if (parsed.value.length !== dimensions) {
      return { ok: false, message: `${what} ${k + 1}: expected ${dimensions} coordinates, got ${parsed.value.length}` };
    }
    value.push(parsed.value);
  }
  return { ok: true, value };
}

/** A coordinate tuple of exactly `dimensions` integers. */
export function parseVertex(text: string, dimensions: number, what: string): Parsed<number[]> {
  const parsed = parseIntegers(text, what);
  if (parsed.ok && parsed.value.length !== dimensions) {
    return { ok: false, message: `${what}: expected ${dimensions} coordinates, got ${parsed.value.length}` };
  }
  return parsed;
}
