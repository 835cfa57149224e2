// The console shell: skip link, header with the pages, sign-in when the host asks for it,
// and the page of the current route. The schema (every section and kind) is loaded once and
// drives the forms of every page.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { SchemaResponse } from '../src/api/condenser.js';
import { Notice } from './components/notice.js';
import { api } from './lib/api.js';
import { onAuthChange, signInRequired, signOut, signedIn } from './lib/auth.js';
import { href, useRoute, type Route } from './lib/router.js';
import { useLoad } from './lib/use-load.js';
import { AlertsPage, TopicPage } from './pages/alerts.js';
import { EndpointPage, EndpointsPage } from './pages/endpoints.js';
import { HandlerEditorPage, HandlersPage } from './pages/handlers.js';
import { Login } from './pages/login.js';
import { TaskPage, TasksPage } from './pages/tasks.js';

const pages = [
  { page: 'alerts', title: 'Alerts' },
  { page: 'endpoints', title: 'Alert endpoints' },
  { page: 'handlers', title: 'Topic handlers' },
  { page: 'tasks', title: 'Tasks' },
] as const;

function useAuthVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onAuthChange(() => setVersion((v) => v + 1)), []);
  return version;
}

export function App() {
  const route = useRoute();
  const authVersion = useAuthVersion();
  const schema = useLoad(() => api.schema(), [authVersion]);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const current = pages.find((p) => p.page === route.page) ?? pages[0];
  const routeKey = `${route.page}/${route.params.join('/')}`;

  // After a navigation, move focus to the new page's heading (screen readers announce it).
  useEffect(() => {
    document.title = `${current.title} · Condenser`;
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [routeKey]);

  const needsSignIn = signInRequired();
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.querySelector<HTMLElement>('h1')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href('alerts')}>
          <img src="favicon.svg" alt="" width="24" height="24" />
          Condenser
        </a>
        <nav aria-label="Console pages">
          <ul>
            {pages.map((p) => (
              <li key={p.page}>
                <a href={href(p.page)} aria-current={p.page === current.page ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {signedIn() && (
          <button type="button" class="secondary small sign-out" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      <main id="main" ref={main}>
        {needsSignIn ? (
          <Login />
        ) : schema.error ? (
          <Notice kind="error">The console could not load the host's schema: {schema.error}</Notice>
        ) : schema.value ? (
          <Page route={route} schema={schema.value} />
        ) : (
          <p class="muted" role="status">
            Loading…
          </p>
        )}
      </main>
    </>
  );
}

function Page({ route, schema }: { route: Route; schema: SchemaResponse }) {
  const [a, b, c] = route.params;
  switch (route.page) {
    case 'endpoints':
      return a ? (
        <EndpointPage key={a} schema={schema} name={a} />
      ) : (
        <EndpointsPage schema={schema} />
      );
    case 'handlers':
      if (a === 'new')
        return <HandlerEditorPage key={`new/${b ?? ''}`} schema={schema} creating topic={b} />;
      if (a === 'edit' && b && c)
        return (
          <HandlerEditorPage
            key={`edit/${b}/${c}`}
            schema={schema}
            creating={false}
            topic={b}
            id={c}
          />
        );
      if (a === 'topic' && b) return <HandlersPage key={b} topic={b} />;
      return <HandlersPage key="" />;
    case 'tasks':
      if (a === 'new') return <TaskPage key="new" />;
      return a ? <TaskPage key={a} id={a} /> : <TasksPage />;
    case 'alerts':
    default:
      return a ? <TopicPage key={a} id={a} /> : <AlertsPage />;
  }
}
