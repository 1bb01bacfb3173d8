// Talks to the dispatcher's HTTP API with the session cookie; every change carries the antiforgery
// token the session endpoint hands out (ADR-024). Errors are thrown as ApiError with the problem details.
let token = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Field-level messages of a 400 validation problem, keyed by field (e.g. "citizen.phone"). */
  get fields() {
    return this.problem.errors || {};
  }
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && token) headers['X-CSRF-Token'] = token;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

export const get = path => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);

/** Who is signed in (and a fresh antiforgery token). */
export async function session() {
  const current = await get('/api/session');
  token = current.antiforgeryToken;
  return current;
}

export async function signIn(login, password) {
  if (!token) await session();
  const current = await post('/api/session', { login, password });
  token = current.antiforgeryToken;
  return current;
}

export async function signOut() {
  await request('DELETE', '/api/session');
  await session();
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, value);
  const text = q.toString();
  return text ? `?${text}` : '';
}
