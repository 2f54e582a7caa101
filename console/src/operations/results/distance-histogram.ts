/** Histogram, largest distance and counts of a BFS field (−1: obstacle or unreached); O(V). */
export function summariseField(field: Int32Array): { histogram: number[]; max: number; reached: number; notReached: number; mean: number } {
  let max = -1;
  for (let i = 0; i < field.length; i++) if (field[i] > max) max = field[i];
  const histogram = new Array<number>(Math.max(0, max + 1)).fill(0);
  let notReached = 0;
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const d = field[i];
    if (d < 0) notReached++;
    else {
      histogram[d]++;
      sum += d;
    }
  }
  const reached = field.length - notReached;
  return { histogram, max, reached, notReached, mean: reached > 0 ? sum / reached : 0 };
}
