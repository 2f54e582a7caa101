/** Colours of the lattice map, as [r, g, b]. */
export type Rgb = readonly [number, number, number];

export const OBSTACLE: Rgb = [29, 53, 87];
export const FREE: Rgb = [241, 250, 238];
export const UNREACHED: Rgb = [170, 170, 170];
export const MARK: Rgb = [230, 57, 70];

// Control points of a perceptually ordered, colour-blind-safe ramp (viridis).
const RAMP: Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The sequential colour of t in [0, 1] (clamped): dark purple to yellow. */
export function heat(t: number): Rgb {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i];
  const b = RAMP[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** A distinct colour per label: hues a golden angle apart, so neighbours in label order differ clearly. */
export function category(label: number): Rgb {
  const h = ((label * 137.508) % 360) / 60;
  const s = 0.65;
  const v = label % 2 === 0 ? 0.85 : 0.7;
  const c = v * s;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = v - c;
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}
