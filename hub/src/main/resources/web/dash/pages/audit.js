// Audit log (admin): every staff change and export, newest first, filtered by who, method, path prefix
// and time; older entries page in with ?before=.

import { get } from '../api.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { t, time } from '../i18n.js';

const PAGE = 100;

export async function render(view) {
  const actor = h('input#audit-actor', { type: 'search' });
  const method = h('select#audit-method', options([['', t('all')], ...['POST', 'PUT', 'PATCH', 'DELETE', 'GET'].map((m) => [m, m])], ''));
  const path = h('input#audit-path', { type: 'search', placeholder: '/api/control' });
  const since = h('input#audit-since', { type: 'datetime-local' });
  const list = h('div#audit-list');
  let timer = 0;
  put(view, h('form.toolbar', { oninput: () => { clearTimeout(timer); timer = setTimeout(() => load().catch((e) => toast(e.message, 'bad')), 250); },
    onsubmit: (e) => e.preventDefault() },
  field(t('audit.user'), actor), field(t('audit.method'), method), field(t('audit.path'), path), field(t('audit.since'), since)), list);

  async function load(before) {
    const q = new URLSearchParams({ limit: PAGE });
    if (actor.value.trim()) q.set('actor', actor.value.trim());
    if (method.value) q.set('method', method.value);
    if (path.value.trim()) q.set('path', path.value.trim());
    if (since.value) q.set('from', new Date(since.value).toISOString());
    if (before) q.set('before', before);
    const entries = await get('/api/audit?' + q);
    const rows = entries.map((e) => h('tr', { 'data-audit': e.id, 'data-status': e.status },
      h('td', time(e.at)), h('td', { translate: 'no' }, e.actor || '—', h('small', ' ', e.role ? t('role.' + e.role) : '')),
      h('td.mono', { translate: 'no' }, e.method, ' ', e.path), h('td', h('span.badge.' + (e.status < 300 ? 'good' : e.status < 500 ? 'warn' : 'bad'), String(e.status))),
      h('td', { translate: 'no' }, e.detail || ''), h('td', { translate: 'no' }, e.via), h('td.mono', { translate: 'no' }, e.remote || '')));
    if (before) list.querySelector('tbody').append(...rows);
    else put(list, table([t('col.time'), t('audit.who'), t('audit.what'), t('audit.status'), t('col.detail'), t('audit.via'), t('audit.from')], rows));
    list.querySelector('.more')?.remove();
    if (entries.length === PAGE) list.append(h('button.more', { onclick: () => load(entries[entries.length - 1].id) }, t('audit.older')));
  }

  await load();
  return () => clearTimeout(timer);
}
