// The one door to the router: every call goes to /api with the user's key in X-API-Key.
//
// The key lives in sessionStorage (this tab only, gone when the tab closes) unless the user ticked
// "Remember on this device", then in localStorage until logout. Never in a cookie: a cookie would be sent
// by the browser on its own (CSRF); a header is sent only by this code.

const KEY = 'router.apiKey';
const TIMEOUT_MS = 30000;

export function apiKey() {
  return sessionStorage.getItem(KEY) || localStorage.getItem(KEY);
}

export function saveKey(key, remember) {
  forgetKey();
  (remember ? localStorage : sessionStorage).setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
}

/** An answer of the API that was not 2xx: message and field problems from its JSON error. */
export class ApiError extends Error {
  constructor(status, message, problems = [], body = null) {
    super(message);
    this.status = status;
    this.problems = Array.isArray(problems) ? problems : [];
    this.body = body;
  }
}

function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.append(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * Calls the API. Options: json (a body sent as JSON), body (sent as is, with contentType), query (object),
 * headers, timeout (ms, 0 for none: uploads), raw (return the Response). Returns the parsed JSON, the text, or
 * null for 204. Throws ApiError; a 401 also fires the window event 'router:unauthorized'.
 */
export async function api(method, path, opts = {}) {
  const headers = { Accept: 'application/json', ...(opts.headers || {}) };
  const key = apiKey();
  if (key) headers['X-API-Key'] = key;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.contentType) {
    headers['Content-Type'] = opts.contentType;
  }
  const controller = new AbortController();
  const timeout = opts.timeout === undefined ? TIMEOUT_MS : opts.timeout;
  const timer = timeout ? setTimeout(() => controller.abort(), timeout) : null;
  let response;
  try {
    response = await fetch('/api' + path + query(opts.query), { method, headers, body, signal: controller.signal,
      credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, e.name === 'AbortError' ? 'the router did not answer in time' : 'the router cannot be reached');
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (opts.raw) return response;
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (response.status !== 204) {
    const text = await response.text();
    if (type.includes('json') && text) {
      try { data = JSON.parse(text); } catch (e) { data = text; }
    } else {
      data = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new CustomEvent('router:unauthorized'));
    const message = (data && typeof data === 'object' && (data.error || data.message))
      || (typeof data === 'string' && data.length < 300 && data) || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, data && data.problems, data);
  }
  if (opts.withHeaders) return { data, headers: response.headers, status: response.status };
  return data;
}

export const get = (path, q, opts = {}) => api('GET', path, { ...opts, query: q });
export const post = (path, json, opts = {}) => api('POST', path, { ...opts, json });
export const put = (path, json, opts = {}) => api('PUT', path, { ...opts, json });
export const del = (path, opts = {}) => api('DELETE', path, opts);

/** Lists come as an array or wrapped ({items: [...]} and the like): always an array. */
export function items(data, ...keys) {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') return [];
  for (const k of [...keys, 'items', 'data', 'results', 'content']) {
    if (Array.isArray(data[k])) return data[k];
  }
  return [];
}

/** A path segment from user data (a route's AE title, a destination's name). */
export const seg = (s) => encodeURIComponent(String(s));
