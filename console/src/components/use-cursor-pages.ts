import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../api/client';

export interface CursorPages<T> {
  items: T[];
  total: number | null;
  offset: number;
  error: unknown;
  loading: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
  reload: () => void;
}

/**
 * Walks a cursor-paginated list: the cursors of the pages seen so far are
 * kept, so "previous" is exact even though the API only links forward.
 * `key` restarts from the first page when it changes (a new filter).
 */
export function useCursorPages<T>(load: (cursor: string | undefined) => Promise<ApiResult<T[]>>, key: string): CursorPages<T> {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [offsets, setOffsets] = useState<number[]>([0]);
  const [result, setResult] = useState<ApiResult<T[]> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const page = cursors.length - 1;

  useEffect(() => {
    setCursors([undefined]);
    setOffsets([0]);
  }, [key]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    load(cursors[page])
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(null);
      })
      .catch((err: unknown) => live && setError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // `load` is recreated by callers on every render; the page, key and tick say when to fetch.
  }, [cursors, tick, key]);

  const next = useCallback(() => {
    if (!result?.next) return;
    setOffsets((o) => [...o, o[o.length - 1] + result.data.length]);
    setCursors((c) => [...c, result.next ?? undefined]);
  }, [result]);
  const previous = useCallback(() => {
    setOffsets((o) => (o.length > 1 ? o.slice(0, -1) : o));
    setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c));
  }, []);

  return {
    items: result?.data ?? [],
    total: result?.total ?? null,
    offset: offsets[offsets.length - 1],
    error,
    loading,
    hasPrevious: page > 0,
    hasNext: Boolean(result?.next),
    previous,
    next,
    reload: () => setTick((t) => t + 1),
  };
}
