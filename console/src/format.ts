/** A plan limit for people: -1 means unlimited. */
export function formatLimit(n: number): string {
  return n < 0 ? 'unlimited' : formatCount(n);
}

/** Thousands separated with a thin space, as in the API docs. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-GB') : formatNumber(n);
}

/** A measured number with at most four significant digits after the point. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-GB');
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return n.toExponential(3);
  return n.toLocaleString('en-GB', { maximumFractionDigits: 4 });
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export const formatShape = (shape: readonly number[]): string => shape.join(' × ');
