/*
 * The 2-D window of a lattice the console draws: two axes (rows and columns;
 * a 1-D lattice has columns only), fixed coordinates for every other axis,
 * and a window of at most MAX_VIEW × MAX_VIEW cells starting at an origin.
 * Vertex indices are row-major with the last dimension fastest, as in the
 * engine and the API's binary fields.
 */

export const MAX_VIEW = 512;

export interface Slice {
  shape: readonly number[];
  /** Axis drawn top to bottom; null for a 1-D lattice (one row). */
  rowAxis: number | null;
  /** Axis drawn left to right. */
  colAxis: number;
  /** A full coordinate tuple: the values of the axes not drawn (the drawn ones are ignored). */
  fixed: readonly number[];
  rowOrigin: number;
  colOrigin: number;
  rows: number;
  cols: number;
}

/** Rows: dimension 0, columns: dimension 1, other coordinates 0, window at the origin. */
export function defaultSlice(shape: readonly number[]): Slice {
  const d = shape.length;
  const rowAxis = d >= 2 ? 0 : null;
  const colAxis = d >= 2 ? 1 : 0;
  return clampSlice({ shape, rowAxis, colAxis, fixed: shape.map(() => 0), rowOrigin: 0, colOrigin: 0, rows: 1, cols: 1 });
}

/** Brings axes, fixed coordinates and the window back inside the lattice. */
export function clampSlice(s: Slice): Slice {
  const side = (axis: number | null) => (axis === null ? 1 : s.shape[axis]);
  const rows = Math.min(side(s.rowAxis), MAX_VIEW);
  const cols = Math.min(side(s.colAxis), MAX_VIEW);
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(Number.isFinite(v) ? v : 0)));
  return {
    ...s,
    fixed: s.shape.map((n, k) => clamp(s.fixed[k] ?? 0, 0, n - 1)),
    rows,
    cols,
    rowOrigin: clamp(s.rowOrigin, 0, side(s.rowAxis) - rows),
    colOrigin: clamp(s.colOrigin, 0, side(s.colAxis) - cols),
  };
}

export function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = s;
    s *= shape[k];
  }
  return out;
}

/** The lattice coordinates of view cell (row, col). */
export function coordsOfCell(s: Slice, row: number, col: number): number[] {
  const c = s.fixed.slice();
  if (s.rowAxis !== null) c[s.rowAxis] = s.rowOrigin + row;
  c[s.colAxis] = s.colOrigin + col;
  return c;
}

/** Vertex index of every view cell, row by row (rows × cols entries). */
export function cellIndices(s: Slice): Float64Array {
  const st = strides(s.shape);
  const out = new Float64Array(s.rows * s.cols);
  let base = 0;
  for (let k = 0; k < s.shape.length; k++) {
    if (k !== s.rowAxis && k !== s.colAxis) base += s.fixed[k] * st[k];
  }
  const rowStride = s.rowAxis === null ? 0 : st[s.rowAxis];
  const colStride = st[s.colAxis];
  for (let r = 0; r < s.rows; r++) {
    const rowBase = base + (r + s.rowOrigin) * rowStride;
    for (let c = 0; c < s.cols; c++) out[r * s.cols + c] = rowBase + (c + s.colOrigin) * colStride;
  }
  return out;
}

/** The view cell [row, col] showing `coords`, or null when the vertex is outside the slice or window. */
export function cellOf(s: Slice, coords: readonly number[]): [number, number] | null {
  if (coords.length !== s.shape.length) return null;
  for (let k = 0; k < coords.length; k++) {
    if (k !== s.rowAxis && k !== s.colAxis && coords[k] !== s.fixed[k]) return null;
  }
  const row = s.rowAxis === null ? 0 : coords[s.rowAxis] - s.rowOrigin;
  const col = coords[s.colAxis] - s.colOrigin;
  if (row < 0 || row >= s.rows || col < 0 || col >= s.cols) return null;
  return [row, col];
}
