/** The console is served under this prefix; every route path below is relative to it. */
export const BASE = '/console';

/**
 * Matches `pathname` (without BASE) against a pattern such as
 * `/lattices/:id`; returns the decoded parameters, or null.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== got[i]) {
      return null;
    }
  }
  return params;
}

/** The part of a location's pathname under BASE ('/' for BASE itself); null outside the console. */
export function consolePath(pathname: string): string | null {
  if (pathname === BASE) return '/';
  if (!pathname.startsWith(`${BASE}/`)) return null;
  return pathname.slice(BASE.length) || '/';
}
