// The single-page shell: login, role, navigation by URL hash (#/routes), polling of the page shown.
import { api, apiKey, saveKey, forgetKey, ApiError } from './api.js';
import { h, clear, toast } from './ui.js';
import { bindSelector } from './theme.js';

const PAGES = ['dashboard', 'routes', 'destinations', 'brokers', 'scripts', 'transfers', 'logs', 'settings', 'storage', 'import'];
const ROLES = ['viewer', 'operator', 'admin'];

const $ = (id) => document.getElementById(id);
let session = null; // {name, role}
let cleanups = [];
let renderToken = 0;

/** What a page gets: the caller's role, permission checks, and timers that stop when the page is left. */
function context(params) {
  const rank = ROLES.indexOf(session.role);
  return {
    user: session,
    params,
    isAdmin: rank >= 2,
    canOperate: rank >= 1,
    /** Calls fn now and every ms while this page is shown and the tab visible (live views). */
    every(fn, ms = 2000) {
      let stopped = false;
      let timer = null;
      const tick = async () => {
        if (stopped) return;
        if (!document.hidden) {
          try { await fn(); } catch (e) { /* the next tick tries again; the page shows its own errors */ }
        }
        if (!stopped) timer = setTimeout(tick, ms);
      };
      tick();
      const stop = () => { stopped = true; clearTimeout(timer); };
      cleanups.push(stop);
      return stop;
    },
    onLeave(fn) { cleanups.push(fn); },
    refresh: () => route(),
  };
}

function leavePage() {
  for (const c of cleanups) {
    try { c(); } catch (e) { /* ignore */ }
  }
  cleanups = [];
}

async function route() {
  if (!session) return;
  leavePage();
  const token = ++renderToken;
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, ...rest] = hash.split('/');
  const page = PAGES.includes(name) ? name : 'dashboard';
  for (const a of $('nav').querySelectorAll('a')) {
    if (a.getAttribute('href') === '#/' + page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const container = clear($('page'));
  container.setAttribute('data-page', page);
  try {
    const mod = await import(`./pages/${page}.js`);
    if (token !== renderToken) return;
    document.title = `${mod.title} · XNAT DICOM Router`;
    await mod.render(container, context(rest.map(decodeURIComponent)));
  } catch (e) {
    if (token !== renderToken) return;
    container.append(h('p', { class: 'error', role: 'alert', text: `This page failed: ${e.message}` }));
  }
}

function showLogin(message) {
  session = null;
  leavePage();
  clear($('page'));
  $('nav').hidden = true;
  $('who').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  document.title = 'Log in · XNAT DICOM Router';
  $('login-key').focus();
}

async function whoami() {
  try {
    return await api('GET', '/whoami');
  } catch (e) {
    // an older router without /whoami: keys/me has the same facts
    if (e instanceof ApiError && e.status === 404) return api('GET', '/keys/me');
    throw e;
  }
}

async function start() {
  try {
    const me = await whoami();
    const role = String(me.role || '').toLowerCase();
    if (!ROLES.includes(role)) throw new ApiError(0, 'the router did not say which role this key has');
    session = { name: me.name || me.key_name || 'key', role };
  } catch (e) {
    forgetKey();
    showLogin(e.status === 401 ? 'This API key is not valid (unknown, revoked or expired).' : e.message);
    return;
  }
  $('login').hidden = true;
  $('nav').hidden = false;
  const who = clear($('who'));
  who.append(h('strong', { text: session.name }), ` (${session.role})`);
  who.hidden = false;
  $('logout').hidden = false;
  document.documentElement.setAttribute('data-role', session.role);
  await route();
  $('main').focus();
}

function init() {
  bindSelector($('theme-select'));
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = $('login-key').value.trim();
    if (!key) {
      $('login-error').textContent = 'Enter an API key.';
      return;
    }
    saveKey(key, $('login-remember').checked);
    $('login-key').value = '';
    $('login-submit').disabled = true;
    try { await start(); } finally { $('login-submit').disabled = false; }
  });
  $('logout').addEventListener('click', () => {
    forgetKey();
    document.documentElement.removeAttribute('data-role');
    showLogin('You are logged out.');
  });
  // the skip link jumps to <main> without touching the page's address (#/page is the navigation)
  document.querySelector('.skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    $('main').focus();
  });
  window.addEventListener('hashchange', () => {
    if (!location.hash.startsWith('#/') && location.hash !== '') return;
    route().then(() => {
      const title = document.querySelector('#page .page-title');
      if (title) title.focus();
    });
  });
  window.addEventListener('router:unauthorized', () => {
    if (session) {
      forgetKey();
      showLogin('The router no longer accepts this key; log in again.');
    }
  });
  window.addEventListener('unhandledrejection', (e) => {
    if (e.reason instanceof ApiError) toast(e.reason.message, 'error');
  });
  if (apiKey()) start(); else showLogin();
}

init();
