import { EngineError } from './errors.js';
import type { CacheKey } from './knowledge-cache-key.js';

export interface KnowledgeCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  bytes: number;
  maxBytes: number;
  /** hits / (hits + misses), 0 before the first lookup. */
  hitRatio: number;
}

/**
 * Memoised operation results. Asynchronous so that the service can put the
 * same interface in front of Redis or PostgreSQL; values handed out are shared
 * and must be treated as read-only.
 */
export interface KnowledgeCache {
  get(key: CacheKey): Promise<unknown | undefined>;
  /** Stores `value`; `sizeBytes` overrides the estimate from estimateResultBytes. */
  set(key: CacheKey, value: unknown, sizeBytes?: number): Promise<void>;
  /** Drops every entry of one lattice (by CacheKey.lattice); resolves to the number dropped. */
  invalidateLattice(latticeFingerprint: string): Promise<number>;
  stats(): Promise<KnowledgeCacheStats>;
}

/**
 * Approximate heap footprint of a result: typed arrays by their byte length,
 * strings at two bytes a character, a small constant per object slot. O(size).
 */
export function estimateResultBytes(value: unknown, seen: Set<object> = new Set()): number {
  if (value === null || value === undefined) return 8;
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (typeof value !== 'object') return 8;
  if (seen.has(value)) return 8;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  if (value instanceof ArrayBuffer) return 64 + value.byteLength;
  let total = 32;
  if (Array.isArray(value)) {
    for (const item of value) total += 8 + estimateResultBytes(item, seen);
    return total;
  }
  for (const [k, v] of Object.entries(value)) total += 16 + 2 * k.length + estimateResultBytes(v, seen);
  return total;
}

interface Entry {
  lattice: string;
  value: unknown;
  bytes: number;
}

/** In-process LRU bounded by an estimated byte budget; get/set/evict are O(1) amortised. */
export class InMemoryKnowledgeCache implements KnowledgeCache {
  readonly maxBytes: number;
  // A Map iterates in insertion order, so re-inserting on each hit keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private readonly byLattice = new Map<string, Set<string>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(options: { maxBytes?: number } = {}) {
    const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    if (!Number.isFinite(maxBytes) || maxBytes < 0) {
      throw new EngineError('invalid_parameter', 'maxBytes must be a non-negative number', { maxBytes });
    }
    this.maxBytes = maxBytes;
  }

  async get(key: CacheKey): Promise<unknown | undefined> {
    const entry = this.entries.get(key.entry);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key.entry);
    this.entries.set(key.entry, entry);
    return entry.value;
  }

  async set(key: CacheKey, value: unknown, sizeBytes?: number): Promise<void> {
    const bytes = sizeBytes ?? estimateResultBytes(value);
    this.remove(key.entry);
    // A result larger than the whole budget would only flush everything else and then be evicted itself.
    if (bytes > this.maxBytes) return;
    while (this.bytes + bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
      this.evictions++;
    }
    this.entries.set(key.entry, { lattice: key.lattice, value, bytes });
    this.bytes += bytes;
    let set = this.byLattice.get(key.lattice);
    if (set === undefined) {
      set = new Set();
      this.byLattice.set(key.lattice, set);
    }
    set.add(key.entry);
  }

  async invalidateLattice(latticeFingerprint: string): Promise<number> {
    const set = this.byLattice.get(latticeFingerprint);
    if (set === undefined) return 0;
    const ids = [...set];
    for (const id of ids) this.remove(id);
    return ids.length;
  }

  async stats(): Promise<KnowledgeCacheStats> {
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hitRatio: lookups === 0 ? 0 : this.hits / lookups,
    };
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.bytes -= entry.bytes;
    const set = this.byLattice.get(entry.lattice);
    if (set !== undefined) {
      set.delete(id);
      if (set.size === 0) this.byLattice.delete(entry.lattice);
    }
  }
}
