/*
 * How a cached operation result travels to PostgreSQL: the JSON tree goes to
 * a jsonb column with every typed array replaced by a reference, and the
 * arrays' raw bytes go, concatenated, to one bytea. A distance field of a
 * million vertices thus costs 4 MB, not the 10+ MB its JSON text would.
 */

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedName]>;

/** The reference left in the JSON where a typed array was. */
interface TypedRef {
  $typed: TypedName;
  offset: number;
  length: number;
}

export interface EncodedValue {
  /** The JSON text, typed arrays replaced by references. */
  text: string;
  blob: Buffer | null;
  /** Bytes the row will hold: JSON text plus blob. */
  bytes: number;
}

function isTypedName(name: string): name is TypedName {
  return Object.hasOwn(TYPED, name);
}

/** Splits `value` into JSON and the bytes of its typed arrays; O(size). */
export function encodeCachedValue(value: unknown): EncodedValue {
  const parts: Buffer[] = [];
  let offset = 0;
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView) && isTypedName(v.constructor.name)) {
      const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      const ref: TypedRef = { $typed: v.constructor.name, offset, length: (v as AnyTyped).length };
      parts.push(bytes);
      offset += bytes.length;
      return ref;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const text = JSON.stringify(walk(value));
  const blob = parts.length === 0 ? null : Buffer.concat(parts);
  return { text, blob, bytes: text.length + (blob?.length ?? 0) };
}

function isRef(v: unknown): v is TypedRef {
  return v !== null && typeof v === 'object' && typeof (v as TypedRef).$typed === 'string' && isTypedName((v as TypedRef).$typed);
}

/** Rebuilds the value; O(size). */
export function decodeCachedValue(json: unknown, blob: Buffer | null): unknown {
  const walk = (v: unknown): unknown => {
    if (isRef(v)) {
      const Ctor = TYPED[v.$typed];
      if (blob === null) throw new Error('a cached value refers to typed-array bytes its row does not hold');
      const bytes = v.length * Ctor.BYTES_PER_ELEMENT;
      // A copy: the slice of the driver's buffer need not be aligned for the element type.
      const copy = new Uint8Array(bytes);
      copy.set(blob.subarray(v.offset, v.offset + bytes));
      return new Ctor(copy.buffer);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(json);
}
