// Patrons (librarian): search, view, suspend or reactivate, export a patron's data or erase it on request
// (docs/patrons.md, "Export and erasure"), and import the campus card system's CSV with a progress bar and the rows it refused.
// Off (a note) when the hub has no patron registry.

import { api, get, post } from '../api.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { t, time } from '../i18n.js';
import { evidence } from '../evidence.js';

const PAGE = 50;

export async function render(view) {
  try {
    await get('/api/patrons?limit=1');
  } catch (e) {
    if (e.status === 404) { put(view, h('p.empty#patrons-off', t('pat.off'), ' ', h('code', { translate: 'no' }, 'carrel.site.secret-file'))); return null; }
    throw e;
  }
  const q = h('input#patron-q', { type: 'search', placeholder: t('pat.search') });
  const status = h('select#patron-status', options([['', t('all')], ...['active', 'suspended', 'expired'].map((s) => [s, t('pat.' + s)])], ''));
  const results = h('div#patron-results');
  const detail = h('div#patron-detail');
  let offset = 0;
  let timer = 0;
  const search = async (more = false) => {
    offset = more ? offset + PAGE : 0;
    const params = new URLSearchParams({ limit: PAGE, offset });
    if (q.value.trim()) params.set('q', q.value.trim());
    if (status.value) params.set('status', status.value);
    const list = await get('/api/patrons?' + params);
    const rows = list.map((p) => h('tr', { 'data-patron': p.id, onclick: () => show(p.id) },
      h('td', { translate: 'no' }, p.id), h('td', { translate: 'no' }, p.displayName), h('td', t('grp.' + p.group)),
      h('td', { translate: 'no' }, p.college || ''), h('td', h('span.badge.' + (p.status === 'active' ? 'good' : 'bad'), t('pat.' + p.status)))));
    if (more) results.querySelector('tbody').append(...rows);
    else put(results, table([t('col.id'), t('pat.name'), t('pat.group'), t('pat.college'), t('pat.status')], rows));
    results.querySelector('.more')?.remove();
    if (list.length === PAGE) results.append(h('button.more', { onclick: () => search(true) }, t('pat.more')));
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(() => search().catch((e) => toast(e.message, 'bad')), 250); };
  q.addEventListener('input', later);
  status.addEventListener('change', later);

  async function show(id) {
    const [p, violations] = await Promise.all([get('/api/patrons/' + encodeURIComponent(id)), violationsOf(id)]);
    const act = (what) => async () => {
      try { await post(`/api/patrons/${encodeURIComponent(id)}/${what}`); await show(id); await search(); } catch (e) { toast(e.message, 'bad'); }
    };
    put(detail, h('section.panel', { 'data-patron': p.id },
      h('h3', h('span', { translate: 'no' }, p.displayName), ' ', h('span.badge.' + (p.status === 'active' ? 'good' : 'bad'), t('pat.' + p.status))),
      h('dl', h('dt', t('col.id')), h('dd', { translate: 'no' }, p.id), h('dt', t('pat.group')), h('dd', t('grp.' + p.group)),
        h('dt', t('pat.college')), h('dd', { translate: 'no' }, p.college || '—'), h('dt', t('pat.validUntil')), h('dd', time(p.validUntil)),
        h('dt', t('pat.credentials')), h('dd', (p.credentials || []).map((c) => t('cred.' + c)).join(', ') || '—')),
      h('div.toolbar',
        p.status === 'active' ? h('button.danger#suspend', { onclick: act('suspend') }, t('pat.suspend'))
          : p.status === 'suspended' ? h('button#reactivate', { onclick: act('reactivate') }, t('pat.reactivate')) : null,
        h('a.button#export', { href: `/api/patrons/${encodeURIComponent(id)}/export`, download: `patron-${id}.json` }, t('pat.export')),
        h('button.danger#erase', { onclick: async () => {
          if (!window.confirm(t('pat.eraseConfirm', { id }))) return;
          try {
            await post(`/api/patrons/${encodeURIComponent(id)}/erase`);
            put(detail, h('p.empty#erased', t('pat.erased', { id })));
            await search();
          } catch (e) { toast(e.message, 'bad'); }
        } }, t('pat.erase'))),
      violations ? [h('h3', t('vio.title')), violationTable(violations, () => show(id))] : null));
  }

  const appeals = h('div#appeals');
  const loadAppeals = async () => {
    const pending = await violationsOf(null, 'pending');
    put(appeals, pending ? [h('h2', t('vio.pending')), pending.length ? violationTable(pending, loadAppeals) : h('p.empty', t('none'))] : []);
  };
  put(view, h('div.columns', h('section', h('div.toolbar', q, status), results), detail), appeals, importPanel(search));
  await Promise.all([search(), loadAppeals()]);
  return () => clearTimeout(timer);
}

/** A patron's violations, or the appeals waiting (appeal=pending); null when the hub has no reservations. */
async function violationsOf(patron, appeal) {
  const q = new URLSearchParams({ limit: 100 });
  if (patron) q.set('patron', patron);
  if (appeal) q.set('appeal', appeal);
  try {
    return await get('/api/reservations/violations?' + q);
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

/**
 * Violations with their appeals. Each row opens its evidence (the seat sensor, the gates) below it; a pending
 * appeal is decided there, after the evidence has been seen.
 */
function violationTable(list, reload) {
  const decide = (v, accept) => async () => {
    try { await post(`/api/reservations/appeals/${encodeURIComponent(v.appeal.id)}/decision`, { accept }); await reload(); } catch (e) { toast(e.message, 'bad'); }
  };
  const open = (v) => async (e) => {
    const row = e.target.closest('tr');
    if (row.nextElementSibling?.dataset.evidenceOf === v.id) { row.nextElementSibling.remove(); return; }
    try {
      const shown = await evidence(v.id);
      row.after(h('tr.evidence-row', { 'data-evidence-of': v.id }, h('td', { colspan: 7 }, shown,
        v.appeal?.state === 'pending' ? h('div.toolbar', h('button.accept', { onclick: decide(v, true) }, t('vio.accept')),
          h('button.danger.reject', { onclick: decide(v, false) }, t('vio.reject'))) : null)));
    } catch (err) { toast(err.message, 'bad'); }
  };
  return table([t('col.time'), t('col.id'), t('vio.kind'), t('level.seat'), t('col.state'), t('vio.appeal'), ''],
    list.map((v) => h('tr', { 'data-violation': v.id },
      h('td', time(v.at)), h('td', { translate: 'no' }, v.patronId), h('td', t('vio.' + v.kind) + (v.exam ? ' · ' + t('sched.exam') : '')),
      h('td', { translate: 'no' }, v.seatId || '—'), h('td', t('vio.' + v.state)),
      h('td', v.appeal ? [t('appeal.' + v.appeal.state), ' ', h('small', { translate: 'no' }, v.appeal.reason)] : '—'),
      h('td.actions', h('button.evidence', { onclick: open(v) }, t(v.appeal?.state === 'pending' ? 'vio.review' : 'vio.evidence'))))));
}

function importPanel(afterImport) {
  const file = h('input#import-file', { type: 'file', accept: '.csv,text/csv' });
  const dry = h('input#import-dry', { type: 'checkbox', checked: true });
  const remove = h('input#import-remove', { type: 'checkbox' });
  const bar = h('progress#import-progress', { max: 1, value: 0, hidden: true });
  const report = h('div#import-report');
  let checked = null; // the last finished dry run with 'remove' ticked: importing the same file confirms its count
  const form = h('form.panel', { onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files.length) return;
    try {
      const text = await file.files[0].text();
      const confirm = !dry.checked && remove.checked && checked?.text === text ? `&confirmRemovals=${checked.removed}` : '';
      const job = await api('POST', `/api/patrons/imports?dryRun=${dry.checked}&removeMissing=${remove.checked}${confirm}`, text, 'text/csv');
      bar.hidden = false;
      const r = await follow(job.id, bar, report);
      checked = dry.checked && remove.checked && r.state === 'done' ? { text, removed: r.removed } : null;
      if (!dry.checked) await afterImport();
    } catch (err) { toast(err.message, 'bad'); }
  } },
  h('h2', t('pat.import')), file, h('label.check', dry, t('pat.dryRun')), h('label.check', remove, t('pat.removeMissing')),
  h('button.primary', { type: 'submit' }, t('pat.start')), bar, report);
  return form;
}

async function follow(id, bar, report) {
  for (;;) {
    const r = await get('/api/patrons/imports/' + encodeURIComponent(id));
    bar.max = Math.max(1, r.total || 1);
    bar.value = r.processed || 0;
    put(report, h('p', t('pat.progress', { p: r.processed || 0, t: r.total || 0 }), ' · ', t('pat.report', r)),
      r.errors?.length ? table([t('pat.row'), t('pat.field'), t('col.message')],
        r.errors.map((e) => [String(e.row), h('td', { translate: 'no' }, e.field || ''), h('td', { translate: 'no' }, e.message)])) : null);
    report.dataset.state = r.state;
    if (r.state === 'done' || r.state === 'failed') return r;
    await new Promise((ok) => setTimeout(ok, 400));
  }
}
