const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads (series selectors, recording
 * rules), without functions, keywords, label names or Grafana variables. Enough
 * for the expressions of this repository, which a test keeps honest by
 * checking every name against the catalogue.
 */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\$\{?[a-zA-Z_]+\}?/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:])(?!\s*\()/g)) {
    if (!KEYWORDS.has(m[1].toLowerCase())) names.add(m[1]);
  }
  return [...names];
}

/** `x_bucket`, `x_count`, `x_sum` of a histogram `x` → `x`. */
export function baseMetric(name: string, histograms: ReadonlySet<string>): string {
  const m = /^(.*)_(bucket|count|sum)$/.exec(name);
  return m && histograms.has(m[1]) ? m[1] : name;
}
