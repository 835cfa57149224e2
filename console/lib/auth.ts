// The credentials the console sends with every API request when [http] auth-enabled is on:
// a username and password (basic auth) or a bearer token, kept in this tab's sessionStorage
// only. The console never relies on the browser's own credential cache (requests are made
// with `credentials: 'omit'`), so signing out forgets them for real.

const storageKey = 'condenser.authorization';

type Listener = () => void;
const listeners = new Set<Listener>();

let header: string | null = read();
/** Set when the host answered 401: the app shows the sign-in form. */
let required = false;

function read(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function notify(): void {
  for (const l of listeners) l();
}

export function authorizationHeader(): string | null {
  return header;
}

export function signInRequired(): boolean {
  return required;
}

export function signedIn(): boolean {
  return header !== null;
}

export function onAuthChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `Basic base64(user:password)` with UTF-8 bytes, as the host decodes it. */
export function basicHeader(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export function bearerHeader(token: string): string {
  return `Bearer ${token.trim()}`;
}

export function setCredentials(value: string): void {
  header = value;
  required = false;
  try {
    sessionStorage.setItem(storageKey, value);
  } catch {
    // Private modes may refuse storage: the credentials then last until the page reloads.
  }
  notify();
}

export function signOut(): void {
  header = null;
  required = true;
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // nothing stored
  }
  notify();
}

/** Called by the API client on a 401. */
export function markUnauthorized(): void {
  if (required) return;
  required = true;
  notify();
}
