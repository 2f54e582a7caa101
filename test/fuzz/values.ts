import type { Random } from './random.js';

/** A JSON Schema as the OpenAPI document holds it (TypeBox output, refs into components). */
export type Schema = Record<string, unknown>;

/** Known good values the generator prefers for fields it recognises by name (ids of the fixture tenant, say). */
export type Pools = Record<string, readonly unknown[]>;

const NESTING = 1000;

/** A value nested `depth` levels deep, as arrays or objects. */
function nested(depth: number, asObject: boolean, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
}

/** An object whose own member is named `key` (a literal `{ __proto__: x }` would set the prototype instead). */
function withKey(key: string, value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
  return o;
}

/** Values no field should choke on: text the database cannot hold, extreme numbers, deep and long structures, prototype keys. */
export function hostileValues(rng: Random): unknown[] {
  return [
    '\u0000',
    `a${'\u0000'}b`,
    '\ud800',
    'x\udfff',
    '\ud83d',
    '%00',
    '',
    ' ',
    '\u202e\u2028\ufeff',
    '🧪'.repeat(50),
    'a'.repeat(rng.pick([101, 256, 1001, 5000, 70_000])),
    "' OR 1=1 --",
    '../../../../etc/passwd',
    '<script>alert(1)</script>',
    '1e308',
    'NaN',
    'Infinity',
    '-0',
    '0x10',
    '9'.repeat(400),
    1e308,
    -1e308,
    -0,
    5e-324,
    2 ** 53 + 2,
    -(2 ** 63),
    2 ** 31,
    -(2 ** 31) - 1,
    1.5,
    -1,
    0,
    true,
    false,
    null,
    [],
    {},
    nested(NESTING, false, 1),
    nested(NESTING, true, 'x'),
    Array.from({ length: rng.pick([1001, 10_001, 50_000]) }, (_, i) => i % 7),
    withKey('__proto__', { polluted: true, isAdmin: true }),
    { constructor: { prototype: { polluted: true } } },
    { prototype: { polluted: true } },
    withKey('__proto__', []),
  ];
}

export class ValueGenerator {
  constructor(
    private readonly rng: Random,
    private readonly resolve: (ref: string) => Schema,
    /** Changed between requests: the coordinates that fit the lattice a request names, say. */
    public pools: Pools,
  ) {}

  private deref(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) s = this.resolve(s.$ref);
    return s;
  }

  hostile(): unknown {
    return this.rng.pick(hostileValues(this.rng));
  }

  /** A value of another JSON type than the schema asks for. */
  wrongType(schema: Schema): unknown {
    const s = this.deref(schema);
    const type = s.type;
    const options: unknown[] = [this.rng.int(-5, 5), 'text', true, null, [1, 'a'], { a: 1 }, 0.25];
    const wrong = options.filter((v) => {
      const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;
      if (type === 'integer') return t !== 'number';
      return t !== type;
    });
    return this.rng.pick(wrong);
  }

  /** A value the schema allows (as far as this generator can tell), preferring known good values for named fields. */
  valid(schema: Schema, name = '', depth = 0): unknown {
    const s = this.deref(schema);
    const pool = this.pools[name];
    if (pool && pool.length > 0 && this.rng.chance(0.8)) return this.rng.pick(pool);
    if (Array.isArray(s.examples) && s.examples.length > 0 && this.rng.chance(0.3)) return structuredClone(this.rng.pick(s.examples));
    if (Array.isArray(s.enum) && s.enum.length > 0) return this.rng.pick(s.enum);
    if ('const' in s) return s.const;
    const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (Array.isArray(branches) && branches.length > 0) return this.valid(this.rng.pick(branches), name, depth);
    if (Array.isArray(s.allOf) && s.allOf.length > 0) return this.valid(s.allOf[0] as Schema, name, depth);
    const type = Array.isArray(s.type) ? this.rng.pick(s.type as string[]) : (s.type as string | undefined);
    switch (type) {
      case 'string':
        return this.string(s, name);
      case 'integer':
        return this.number(s, true);
      case 'number':
        return this.number(s, false);
      case 'boolean':
        return this.rng.chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const min = (s.minItems as number | undefined) ?? 0;
        const max = Math.min((s.maxItems as number | undefined) ?? min + 4, min + 4);
        const items = (s.items as Schema | undefined) ?? {};
        return Array.from({ length: this.rng.int(min, Math.max(min, max)) }, () => this.valid(items, name, depth + 1));
      }
      case 'object':
        return this.object(s, depth);
      default:
        return this.rng.pick([this.rng.int(0, 5), 'text', true, [2, 3]]);
    }
  }

  private object(s: Schema, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [key, sub] of Object.entries(props)) {
      if (required.has(key) || (depth < 4 && this.rng.chance(0.5))) out[key] = this.valid(sub, key, depth + 1);
    }
    for (const key of required) if (!(key in out)) out[key] = this.rng.int(0, 3);
    if (s.additionalProperties !== false && Object.keys(props).length === 0 && this.rng.chance(0.5)) {
      out[this.rng.pick(['project', 'owner', 'note'])] = this.rng.pick(['cooling', 42, true, ['a', 1], { deep: { er: 1 } }]);
    }
    return out;
  }

  private string(s: Schema, name: string): string {
    const min = (s.minLength as number | undefined) ?? 0;
    const max = Math.min((s.maxLength as number | undefined) ?? min + 24, min + 24);
    const pattern = typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : null;
    const format = s.format as string | undefined;
    // A format names the one shape a valid value takes.
    if (format === 'uuid') return this.rng.uuid();
    if (format === 'email') return `fuzz-${this.rng.int(0, 1e6)}@example.com`;
    if (format === 'date-time') return new Date(Date.now() - this.rng.int(-1e9, 1e9)).toISOString();
    const candidates: string[] = [];
    if (format === 'email' || /email/.test(name)) candidates.push(`fuzz-${this.rng.int(0, 1e6)}@example.com`);
    if (format === 'date-time' || /_at$|since|until/.test(name))
      candidates.push(new Date(Date.now() - this.rng.int(-1e9, 1e9)).toISOString());
    if (format === 'uuid' || /id$/.test(name) || pattern) candidates.push(this.rng.uuid());
    if (/password/.test(name)) candidates.push(`Fuzzy-Lattice-${this.rng.int(1000, 9999)}`);
    const length = this.rng.int(min, Math.max(min, max));
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.';
    candidates.push(Array.from({ length }, () => this.rng.pick([...alphabet])).join(''));
    candidates.push('x'.repeat(Math.max(1, min)));
    const fits = candidates.filter((c) => c.length >= min && (s.maxLength === undefined || c.length <= (s.maxLength as number)));
    const matching = pattern ? fits.filter((c) => pattern.test(c)) : fits;
    return this.rng.pick(matching.length > 0 ? matching : candidates);
  }

  private number(s: Schema, integer: boolean): number {
    const lo =
      (s.minimum as number | undefined) ??
      ((s.exclusiveMinimum as number | undefined) ?? -6) + (s.exclusiveMinimum !== undefined ? 1e-9 : 0);
    const hi =
      (s.maximum as number | undefined) ??
      ((s.exclusiveMaximum as number | undefined) ?? 40) - (s.exclusiveMaximum !== undefined ? 1e-9 : 0);
    // Small values: they keep the work an operation does small, and are where off-by-one bugs live.
    const top = Math.min(hi, Math.max(lo, 0) + 12);
    const v = lo + this.rng.next() * (top - lo);
    return integer ? Math.min(Math.max(Math.round(v), Math.ceil(lo)), Math.floor(hi)) : v;
  }

  /** A value at or just past the schema's limits: lengths, bounds, item counts. */
  boundary(schema: Schema, name = ''): unknown {
    const s = this.deref(schema);
    const type = Array.isArray(s.type) ? (s.type as string[])[0] : s.type;
    const options: unknown[] = [];
    if (type === 'string' || s.minLength !== undefined || s.maxLength !== undefined) {
      for (const n of [s.minLength, s.maxLength] as (number | undefined)[]) {
        if (n === undefined) continue;
        options.push('b'.repeat(n), 'b'.repeat(n + 1));
        if (n > 0) options.push('b'.repeat(n - 1));
      }
      options.push('', ' '.repeat(3));
    }
    if (type === 'integer' || type === 'number') {
      for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
        const n = s[key] as number | undefined;
        if (n === undefined) continue;
        options.push(n, n - 1, n + 1);
        if (type === 'number') options.push(n - Number.EPSILON * Math.max(1, Math.abs(n)), n + 1e-9);
      }
      options.push(0, -0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1);
      if (type === 'number') options.push(Number.MIN_VALUE, 1e308, -1e308);
    }
    if (type === 'array') {
      const items = (s.items as Schema | undefined) ?? {};
      for (const n of [s.minItems, s.maxItems] as (number | undefined)[]) {
        if (n === undefined) continue;
        for (const len of [n - 1, n, n + 1]) if (len >= 0) options.push(Array.from({ length: len }, () => this.valid(items, name, 5)));
      }
      options.push([]);
    }
    if (options.length === 0) return this.valid(s, name);
    return this.rng.pick(options);
  }

  /**
   * `value` (a valid instance of `schema`) with one member, at some depth,
   * replaced by a boundary, hostile or wrong-typed value, or an extra member added.
   */
  mutate(value: unknown, schema: Schema): unknown {
    const s = this.deref(schema);
    const kind = this.rng.weighted([
      [3, 'boundary'],
      [4, 'hostile'],
      [3, 'bad-text'],
      [2, 'wrong-type'],
    ] as const);
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const props = (s.properties ?? {}) as Record<string, Schema>;
    if (isObject && this.rng.chance(0.8)) {
      const obj = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(props);
      if (keys.length === 0 || this.rng.chance(0.1)) {
        // An extra member: unknown name, or a prototype key.
        const key = this.rng.pick(['__proto__', 'constructor', 'prototype', 'unknown_field', 'a\u0000', '\ud800']);
        return { ...obj, ...withKey(key, this.hostile()) };
      }
      const key = this.rng.pick(keys);
      const sub = props[key];
      const roll = this.rng.next();
      if (roll < 0.4 && obj[key] !== null && typeof obj[key] === 'object') obj[key] = this.mutate(obj[key], sub);
      else if (kind === 'boundary') obj[key] = this.boundary(sub, key);
      else if (kind === 'hostile') obj[key] = this.hostile();
      else if (kind === 'bad-text') obj[key] = this.badText(obj[key] ?? this.valid(sub, key));
      else obj[key] = this.wrongType(sub);
      return obj;
    }
    if (Array.isArray(value) && value.length > 0 && this.rng.chance(0.6)) {
      const copy = [...value];
      const i = this.rng.int(0, copy.length - 1);
      copy[i] = this.rng.chance(0.5) ? this.hostile() : this.mutate(copy[i], (s.items as Schema | undefined) ?? {});
      return copy;
    }
    if (kind === 'boundary') return this.boundary(s);
    if (kind === 'hostile') return this.hostile();
    if (kind === 'bad-text') return this.badText(value);
    return this.wrongType(s);
  }

  /**
   * `value` with a NUL or an unpaired surrogate spliced into its text: into a
   * string, into a string member of an object (or a new member of a
   * free-form one), else the text alone. Otherwise valid, so it reaches as
   * far into the service as the text can go.
   */
  badText(value: unknown): unknown {
    const bad = this.rng.pick(['\u0000', '\ud800', '\udfff', '\ud83d']);
    if (typeof value === 'string') {
      const at = this.rng.int(0, value.length);
      return value.slice(0, at) + bad + value.slice(at);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const obj = { ...(value as Record<string, unknown>) };
      const strings = Object.keys(obj).filter((k) => typeof obj[k] === 'string');
      if (strings.length > 0) {
        const key = this.rng.pick(strings);
        obj[key] = this.badText(obj[key]);
      } else obj[this.rng.chance(0.5) ? 'note' : `note${bad}`] = `text${bad}`;
      return obj;
    }
    return `text${bad}`;
  }
}
