import { OTHER, type LabelSpec, type RegisteredLabel } from './label-sets.js';

export interface UnknownLabelValue {
  metric: string;
  label: string;
  value: string;
}

/**
 * Maps every label value onto its closed set, `other` when it falls outside.
 * One per registry, since the registered sets (route templates) belong to the
 * app that registered them.
 */
export class LabelNormaliser {
  private readonly registered = new Map<RegisteredLabel, Set<string>>();
  private readonly closedSets = new WeakMap<readonly string[], Set<string>>();

  constructor(private readonly onUnknown: (u: UnknownLabelValue) => void = () => undefined) {}

  allow(spec: RegisteredLabel, values: readonly string[]): void {
    let set = this.registered.get(spec);
    if (!set) this.registered.set(spec, (set = new Set(spec.values)));
    for (const v of values) set.add(v);
  }

  value(metric: string, label: string, spec: LabelSpec, raw: unknown): string {
    const value = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
    if (this.accepts(spec, value)) return value;
    this.onUnknown({ metric, label, value });
    return OTHER;
  }

  /** The labels of one sample, each mapped onto its set; labels the metric does not declare are dropped. */
  labels(metric: string, specs: Readonly<Record<string, LabelSpec>>, raw: Readonly<Record<string, unknown>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name in specs) out[name] = this.value(metric, name, specs[name], raw[name]);
    return out;
  }

  private accepts(spec: LabelSpec, value: string): boolean {
    switch (spec.kind) {
      case 'closed':
        return this.closedSet(spec.values).has(value);
      case 'pattern':
        return spec.pattern.test(value);
      case 'registered':
        return (this.registered.get(spec) ?? this.closedSet(spec.values)).has(value);
    }
  }

  private closedSet(values: readonly string[]): Set<string> {
    let set = this.closedSets.get(values);
    if (!set) this.closedSets.set(values, (set = new Set(values)));
    return set;
  }
}
