import { useEffect, useState } from 'preact/hooks';
import { BASE, consolePath } from './match-path';

/*
 * History-API navigation under /console: links are plain <a href> elements
 * (so they work with the keyboard, middle-click and "open in new tab"); a
 * click on one is turned into pushState here instead of a page load.
 */

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const l of listeners) l();
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

export const href = (to: string): string => `${BASE}${to}`;

export interface Location {
  path: string;
  search: URLSearchParams;
}

function current(): Location {
  return { path: consolePath(location.pathname) ?? '/', search: new URLSearchParams(location.search) };
}

/** The current console location; re-renders the caller on every navigation. */
export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return loc;
}

/** Installs the click handler that keeps same-console links inside the app. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || consolePath(url.pathname) === null) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
