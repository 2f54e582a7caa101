import { isBlocked, type Lattice } from '../../../src/engine/lattice';
import { category, FREE, heat, OBSTACLE, UNREACHED, type Rgb } from './palette';
import { cellIndices, coordsOfCell, type Slice } from './slice';

/** What the base canvas shows, one colour per cell of the slice. */
export type MapLayer =
  | { kind: 'obstacles' }
  /** A BFS field from the API's binary answer: −1 for obstacles and unreached vertices. */
  | { kind: 'distances'; field: Int32Array; max: number }
  /** Component label per vertex (−1 for obstacles), labelled by the engine in the browser. */
  | { kind: 'components'; labels: Int32Array; count: number }
  /** One frame of a diffusion replay; values per vertex, coloured between the frame's min and max. */
  | { kind: 'diffusion'; values: Float32Array; min: number; max: number }
  | { kind: 'partition'; parts: { lo: number[]; hi: number[] }[] };

export const LAYER_NAMES: Record<MapLayer['kind'], string> = {
  obstacles: 'Obstacle map',
  distances: 'BFS distance heat map',
  components: 'Connected components',
  diffusion: 'Diffusion frame',
  partition: 'Partition blocks',
};

function partOf(parts: { lo: number[]; hi: number[] }[], coords: number[]): number {
  for (let p = 0; p < parts.length; p++) {
    const { lo, hi } = parts[p];
    let inside = true;
    for (let k = 0; k < coords.length && inside; k++) inside = coords[k] >= lo[k] && coords[k] < hi[k];
    if (inside) return p;
  }
  return -1;
}

/** RGBA pixels of the slice for `layer`, row by row; O(rows × cols). */
export function paintLayer(lattice: Lattice, slice: Slice, layer: MapLayer): Uint8ClampedArray<ArrayBuffer> {
  const indices = cellIndices(slice);
  const px = new Uint8ClampedArray(indices.length * 4);
  const put = (i: number, c: Rgb) => {
    px[4 * i] = c[0];
    px[4 * i + 1] = c[1];
    px[4 * i + 2] = c[2];
    px[4 * i + 3] = 255;
  };
  const span = layer.kind === 'diffusion' ? layer.max - layer.min || 1 : 1;
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i];
    const blocked = isBlocked(lattice, v);
    if (blocked) {
      put(i, OBSTACLE);
      continue;
    }
    switch (layer.kind) {
      case 'obstacles':
        put(i, FREE);
        break;
      case 'distances': {
        const d = layer.field[v];
        put(i, d < 0 ? UNREACHED : heat(layer.max > 0 ? d / layer.max : 0));
        break;
      }
      case 'components':
        put(i, category(layer.labels[v]));
        break;
      case 'diffusion':
        put(i, heat((layer.values[v] - layer.min) / span));
        break;
      case 'partition': {
        const p = partOf(layer.parts, coordsOfCell(slice, Math.floor(i / slice.cols), i % slice.cols));
        put(i, p < 0 ? FREE : category(p));
        break;
      }
    }
  }
  return px;
}
