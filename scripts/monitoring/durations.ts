// Durations of the rule source in seconds, written out in Prometheus syntax.

export const s = (n: number) => n;
export const m = (n: number) => n * 60;
export const h = (n: number) => n * 3600;
export const d = (n: number) => n * 86_400;

/** 90 → "1m30s", 3600 → "1h", 259200 → "3d". */
export function promDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.round(seconds);
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** The suffix recording rules carry for their window: "5m", "1h", "3d" (always the production window). */
export const windowName = promDuration;
