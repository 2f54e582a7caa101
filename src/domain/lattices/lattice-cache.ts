import { implicitBytes, type Lattice } from '../../engine/lattice.js';

/** The budget a process gives its hot lattices unless configured otherwise. */
export const DEFAULT_LATTICE_CACHE_BYTES = 256 * 1024 * 1024;

/** Counted per entry on top of the engine's own figure: the objects, their small arrays, the map slot. */
const ENTRY_OVERHEAD_BYTES = 512;

interface Entry {
  version: number;
  lattice: Lattice;
  bytes: number;
}

export interface LatticeCacheStats {
  entries: number;
  bytes: number;
  budgetBytes: number;
  hits: number;
  misses: number;
}

/**
 * The hot lattices of this process (engine objects with their loaded value
 * field), least recently used first out, within a byte budget. An entry is
 * valid for one (id, version): a caller always names the version it just read
 * from the database, so a version changed by another process is never served.
 *
 * Entries are shared: callers must not mutate a cached lattice's field.
 */
export class LatticeCache {
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recent first.
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(readonly budgetBytes: number) {}

  /** The lattice cached for exactly this version; an older cached version is dropped on sight. */
  get(id: string, version: number): Lattice | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.version !== version) {
      if (entry !== undefined && entry.version < version) this.remove(id);
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(id);
    this.entries.set(id, entry);
    // The engine memoises obstacle bitsets on the object, and a field may have been attached since: re-measure.
    this.resize(entry);
    return entry.lattice;
  }

  /** Caches `lattice` as `version` of `id`, unless a newer version is cached or it alone exceeds the budget. */
  set(id: string, version: number, lattice: Lattice): void {
    const current = this.entries.get(id);
    if (current !== undefined) {
      if (current.version > version) return;
      this.remove(id);
    }
    const bytes = sizeOf(lattice);
    if (bytes > this.budgetBytes) return;
    this.entries.set(id, { version, lattice, bytes });
    this.totalBytes += bytes;
    this.evict();
  }

  /** Forgets every version of `id` (after the lattice is deleted). */
  delete(id: string): void {
    this.remove(id);
  }

  stats(): LatticeCacheStats {
    return { entries: this.entries.size, bytes: this.totalBytes, budgetBytes: this.budgetBytes, hits: this.hits, misses: this.misses };
  }

  private resize(entry: Entry): void {
    const bytes = sizeOf(entry.lattice);
    if (bytes === entry.bytes) return;
    this.totalBytes += bytes - entry.bytes;
    entry.bytes = bytes;
    this.evict();
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.totalBytes -= entry.bytes;
  }

  private evict(): void {
    for (const id of this.entries.keys()) {
      if (this.totalBytes <= this.budgetBytes) return;
      this.remove(id);
    }
  }
}

function sizeOf(lattice: Lattice): number {
  return implicitBytes(lattice) + ENTRY_OVERHEAD_BYTES;
}
