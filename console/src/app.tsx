import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { call, endSession, onSessionChange, refreshSession } from './api/client';
import { storedRefreshToken } from './api/token-store';
import { ErrorNotice } from './components/error-notice';
import { href, interceptLinks, navigate, useLocation } from './router/navigation';
import { resolve, ROUTES, type RouteDef } from './router/routes';
import { AccountContext, roleAtLeast, type Me } from './session/account';

type Phase = 'starting' | 'signed-in' | 'signed-out';

/** Where a page may not be shown in this phase, the page to go to instead; null when it may. */
function redirectFor(phase: Phase, access: RouteDef['access'], path: string): string | null {
  if (phase === 'starting') return null;
  if (phase === 'signed-out') {
    if (access === 'signed-in') return `/login?next=${encodeURIComponent(path)}`;
    return path === '/' ? '/login' : null;
  }
  return access === 'signed-out' || path === '/' ? '/lattices' : null;
}

/** The shell: restores the session, guards pages by access, draws the navigation from the route table. */
export function App() {
  const [phase, setPhase] = useState<Phase>('starting');
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);

  const loadMe = useCallback(async () => {
    try {
      setMe((await call('get', '/api/v1/auth/me')).data);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);

  useEffect(() => {
    interceptLinks();
    const off = onSessionChange((signedIn, reason) => {
      if (signedIn) {
        setPhase((p) => {
          if (p !== 'signed-in') void loadMe();
          return 'signed-in';
        });
      } else {
        setPhase('signed-out');
        setMe(null);
        if (reason) setNotice(reason);
      }
    });
    // A reload keeps the session: the refresh token in sessionStorage buys a new access token.
    if (storedRefreshToken()) void refreshSession().then((ok) => ok || setPhase('signed-out'));
    else setPhase('signed-out');
    return off;
  }, []);

  const { route, params } = resolve(path);
  const redirect = redirectFor(phase, route.access, path);

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  // Each page change: a title that says where you are, and focus on the page heading for screen readers.
  useEffect(() => {
    document.title = `${route.title} · Catalytic`;
    const heading = main.current?.querySelector<HTMLElement>('h1');
    heading?.focus({ preventScroll: true });
  }, [path, phase, me === null]);

  const logout = async () => {
    try {
      await call('post', '/api/v1/auth/logout');
    } catch {
      // Signed out here either way; the server side expires with the token.
    }
    endSession();
    navigate('/login', { replace: true });
  };

  const Page = route.page;
  // Pages render as soon as the session is known; /auth/me arrives alongside (pages read it as it comes).
  const ready = phase !== 'starting' && !redirect;
  return (
    <AccountContext.Provider value={{ me, reload: loadMe }}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href(phase === 'signed-in' ? '/lattices' : '/login')}>
          Catalytic
        </a>
        {phase === 'signed-in' && me && (
          <>
            <nav aria-label="Main">
              <ul>
                {ROUTES.filter((r) => r.nav && (!r.nav.minRole || roleAtLeast(me.user.role, r.nav.minRole))).map((r) => (
                  <li key={r.path}>
                    <a href={href(r.path)} aria-current={path === r.path || path.startsWith(`${r.path}/`) ? 'page' : undefined}>
                      {r.nav!.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="account">
              <span class="muted">
                {me.user.email} · {me.tenant.name} ({me.user.role})
              </span>
              <button type="button" onClick={logout}>
                Log out
              </button>
            </div>
          </>
        )}
      </header>
      <main id="main" ref={main} data-route={route.path} data-phase={phase}>
        {notice && phase === 'signed-out' && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <ErrorNotice error={error} />
        {ready ? <Page params={params} /> : <p role="status">Loading…</p>}
      </main>
    </AccountContext.Provider>
  );
}
