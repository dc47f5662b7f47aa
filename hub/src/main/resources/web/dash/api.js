// The hub's staff API: JSON in and out, the session cookie, and the CSRF header on every change.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Who is signed in: {username, role, csrf} as POST /api/session answered; empty when signed out. */
export const session = { username: '', role: '', csrf: '' };

let onSignedOut = () => {};

export function whenSignedOut(fn) {
  onSignedOut = fn;
}

/** Asks whether the session still holds (the event stream cannot see a 401); signs out the page if not. */
export async function checkSession() {
  try {
    await get('/api/session');
  } catch (e) {
    if (e.status === 401) onSignedOut();
  }
}

/** Sends a request; answers the parsed JSON body (null when empty), or throws ApiError. */
export async function api(method, path, body, contentType = 'application/json') {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (res.status === 401 && !path.startsWith('/api/session')) {
    onSignedOut();
  }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || res.statusText || String(res.status));
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);

/** Reads the session the cookie carries, if any (GET /api/session answers 401 without one). */
export async function readSession() {
  try {
    Object.assign(session, await get('/api/session'));
    return true;
  } catch {
    Object.assign(session, { username: '', role: '', csrf: '' });
    return false;
  }
}

export async function signIn(username, password) {
  Object.assign(session, await api('POST', '/api/session', { username, password }));
}

export async function signOut() {
  try { await api('DELETE', '/api/session'); } catch { /* signed out either way */ }
  Object.assign(session, { username: '', role: '', csrf: '' });
}
