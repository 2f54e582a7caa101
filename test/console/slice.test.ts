import { describe, expect, it } from 'vitest';
import { createLattice, indexOf } from '../../src/engine/lattice.js';
import { cellIndices, cellOf, clampSlice, coordsOfCell, defaultSlice, MAX_VIEW } from '../../console/src/lattice-view/slice.js';

describe('lattice slices drawn by the console', () => {
  it('maps every cell of a 2-D view to the engine’s row-major vertex index and back', () => {
    const shape = [7, 9];
    const s = defaultSlice(shape);
    expect([s.rows, s.cols, s.rowAxis, s.colAxis]).toEqual([7, 9, 0, 1]);
    const lattice = createLattice({ shape });
    const indices = cellIndices(s);
    for (let r = 0; r < s.rows; r++) {
      for (let c = 0; c < s.cols; c++) {
        const coords = coordsOfCell(s, r, c);
        expect(coords).toEqual([r, c]);
        expect(indices[r * s.cols + c]).toBe(indexOf(lattice, coords));
        expect(cellOf(s, coords)).toEqual([r, c]);
      }
    }
  });

  it('draws a chosen plane of a 4-D lattice at fixed other coordinates', () => {
    const shape = [3, 4, 5, 6];
    const s = clampSlice({ ...defaultSlice(shape), rowAxis: 3, colAxis: 1, fixed: [2, 0, 4, 0] });
    expect([s.rows, s.cols]).toEqual([6, 4]);
    const lattice = createLattice({ shape });
    const indices = cellIndices(s);
    expect(coordsOfCell(s, 5, 3)).toEqual([2, 3, 4, 5]);
    expect(indices[5 * 4 + 3]).toBe(indexOf(lattice, [2, 3, 4, 5]));
    expect(cellOf(s, [2, 3, 4, 5])).toEqual([5, 3]);
    expect(cellOf(s, [1, 3, 4, 5])).toBeNull();
  });

  it('windows large sides and keeps the window inside the lattice', () => {
    const s = clampSlice({ ...defaultSlice([2000, 100]), rowOrigin: 1900 });
    expect([s.rows, s.cols, s.rowOrigin]).toEqual([MAX_VIEW, 100, 2000 - MAX_VIEW]);
    expect(cellOf(s, [2000 - MAX_VIEW, 0])).toEqual([0, 0]);
    expect(cellOf(s, [0, 0])).toBeNull();
  });

  it('draws a 1-D lattice as one row', () => {
    const s = defaultSlice([12]);
    expect([s.rows, s.cols, s.rowAxis]).toEqual([1, 12, null]);
    expect(Array.from(cellIndices(s))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(cellOf(s, [11])).toEqual([0, 11]);
  });
});
