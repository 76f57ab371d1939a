// Hash router: every page is one module with a `render(root, params)` that may return a cleanup function.
import * as store from './store.js';
import { h } from './dom.js';

const routes = [
  { pattern: /^\/?$/, nav: 'search', load: () => import('./pages/search.js') },
  { pattern: /^\/search$/, nav: 'search', load: () => import('./pages/search.js') },
  // Repos without an owner (`gpt2`, the Hub's oldest models) have a one-part id.
  { pattern: /^\/repo\/([^/]+)(?:\/([^/]+))?$/, nav: 'search', load: () => import('./pages/repo.js'), params: (m) => ({ repo: m[2] === undefined ? decodeURIComponent(m[1]) : `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}` }) },
  { pattern: /^\/downloads$/, nav: 'downloads', load: () => import('./pages/downloads.js') },
  { pattern: /^\/library$/, nav: 'library', load: () => import('./pages/library.js') },
  { pattern: /^\/history$/, nav: 'history', load: () => import('./pages/history.js') },
  { pattern: /^\/mirror$/, nav: 'mirror', load: () => import('./pages/mirror.js') },
  { pattern: /^\/settings$/, nav: 'settings', load: () => import('./pages/settings.js') },
];

let cleanup = null;
let renderToken = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, queryString] = raw.split('?');
  return { path, query: new URLSearchParams(queryString ?? '') };
}

async function route() {
  const token = ++renderToken;
  const { path, query } = parseHash();
  const main = document.getElementById('main');
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;

  const match = routes.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (match && a.dataset.nav === match.r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!match) {
    main.replaceChildren(h('div', { class: 'page' }, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to search'))));
    return;
  }
  const page = await match.r.load();
  if (token !== renderToken) return;
  const params = { ...(match.r.params ? match.r.params(match.m) : {}), query };
  main.replaceChildren();
  cleanup = await page.render(main, params);
}

function updateChrome() {
  const conn = document.getElementById('conn-state');
  conn.textContent = store.isConnected() ? 'Live' : 'Reconnecting…';
  conn.classList.toggle('conn-ok', store.isConnected());
  const active = store.jobs().filter((j) => j.status === 'running' || j.status === 'queued').length;
  const countEl = document.getElementById('nav-active-count');
  countEl.hidden = active === 0;
  countEl.textContent = String(active);
  countEl.setAttribute('aria-label', `${active} active downloads`);
}

window.addEventListener('hashchange', route);
store.subscribe(updateChrome);
store.connect();
route();
updateChrome();
