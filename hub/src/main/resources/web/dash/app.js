// The dashboard's frame: session, navigation by role, hash routes (#/fleet, #/agents/ID …), language.
// Each page is a module with render(view, params, app) that may return a function to stop its live parts.

import { readSession, session, signOut, whenSignedOut } from './api.js';
import { h, put } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import * as live from './live.js';

/** The pages, and the roles that are offered each (admin may do everything). */
export const PAGES = [
  { id: 'fleet', roles: ['admin'], module: './pages/fleet.js' },
  { id: 'floor', roles: ['admin', 'facilities', 'librarian'], module: './pages/floor.js' },
  { id: 'lighting', roles: ['admin', 'facilities'], module: './pages/lighting.js' },
  { id: 'schedules', roles: ['admin', 'facilities'], module: './pages/schedules.js' },
  { id: 'patrons', roles: ['admin', 'librarian'], module: './pages/patrons.js' },
  { id: 'analytics', roles: ['admin', 'librarian'], module: './pages/analytics.js' },
  { id: 'engagement', roles: ['admin', 'librarian'], module: './pages/engagement.js' },
  { id: 'devices', roles: ['admin'], module: './pages/devices.js' },
  { id: 'audit', roles: ['admin'], module: './pages/audit.js' },
];

/** Routes that belong to a page without a nav entry of their own: #/agents/ID is the fleet's. */
const ALIASES = { agents: { page: 'fleet', module: './pages/agent.js' } };

export function allowed(pageId, role = session.role) {
  const page = PAGES.find((p) => p.id === pageId);
  return !!page && page.roles.includes(role);
}

let stop = null;
let rendering = 0;

function route() {
  const [name = '', ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { name, params };
}

async function show() {
  const ticket = ++rendering;
  if (stop) { try { stop(); } catch { /* the old page is gone anyway */ } }
  stop = null;
  const view = document.getElementById('view');
  renderFrame();
  let { name, params } = route();
  if (!session.role) {
    name = 'sign-in';
  } else if (name === '' || name === 'sign-in') {
    const first = PAGES.find((p) => allowed(p.id));
    location.replace('#/' + first.id);
    return;
  }
  const pageId = ALIASES[name]?.page || name;
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('here', a.dataset.page === pageId));
  if (name !== 'sign-in' && !allowed(pageId)) {
    put(view, h('p.empty', t('forbidden')));
    drawn(view, ticket);
    return;
  }
  const file = name === 'sign-in' ? './pages/signin.js'
    : ALIASES[name]?.module || PAGES.find((p) => p.id === pageId).module;
  const page = await import(file);
  if (ticket !== rendering) return; // another route was chosen meanwhile
  put(view);
  view.dataset.page = name;
  try {
    stop = (await page.render(view, params, { refresh: show, route: name })) || null;
  } catch (e) {
    put(view, h('p.error', t('error') + ': ', h('span', { translate: 'no' }, e.message)));
  }
  drawn(view, ticket);
}

/** The page is on screen: tests and people may look now. */
function drawn(view, ticket) {
  document.body.classList.remove('booting');
  view.dataset.ready = String(ticket);
}

function renderFrame() {
  document.documentElement.lang = language();
  document.title = t('app.title');
  const nav = document.getElementById('nav');
  put(nav, session.role ? PAGES.filter((p) => allowed(p.id)).map((p) =>
    h('a', { href: '#/' + p.id, 'data-page': p.id }, t('nav.' + p.id))) : []);
  const who = document.getElementById('who');
  put(who, session.username ? [h('b', { translate: 'no' }, session.username), ' · ', t('role.' + session.role)] : []);
  document.getElementById('lang').textContent = t('lang.switch');
  const out = document.getElementById('signout');
  out.textContent = t('signout');
  out.hidden = !session.username;
  liveLabel();
}

function liveLabel() {
  const node = document.getElementById('live');
  node.textContent = t(node.classList.contains('down') ? 'live.down' : 'live.up');
}

async function boot() {
  setLanguage(language());
  whenSignedOut(() => {
    Object.assign(session, { username: '', role: '', csrf: '' });
    live.close();
    location.hash = '#/sign-in';
    show();
  });
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    show();
  });
  document.getElementById('signout').addEventListener('click', async () => {
    await signOut();
    live.close();
    location.hash = '#/sign-in';
  });
  new MutationObserver(liveLabel).observe(document.getElementById('live'), { attributes: true, attributeFilter: ['class'] });
  await readSession();
  window.addEventListener('hashchange', show);
  await show();
}

boot();
