// Engagement (librarian): the monthly satisfaction from the kiosks' one-tap ratings by zone or patron group
// (docs/engagement.md), with its CSV and the newest feedback below; then library events and volunteer shifts
// (drawn by events.js). Zones are named as the space model names them.

import { get } from '../api.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { language, number, t, time } from '../i18n.js';
import { eventsPanel, hoursPanel, problem, shiftsPanel } from './events.js';

const MONTHS_OFFERED = 60;
const FEEDBACK_SHOWN = 10; // then 40 more at a time
const CONTEXTS = ['exit', 'seat_session', 'room_session'];

export async function render(view) {
  const model = await get('/api/spaces');
  const zones = new Map(model.zones.map((z) => [z.id, z.name || z.id]));
  const panels = [satisfactionPanel(zones), eventsPanel(zones), shiftsPanel(zones), hoursPanel()];
  put(view, panels.map((p) => p.node));
  await Promise.all(panels.map((p) => p.load()));
  return null;
}

/** Satisfaction by month for a range of months (default the last six), by zone or by patron group. */
function satisfactionPanel(zones) {
  const months = recentMonths(MONTHS_OFFERED);
  const from = h('select#sat-from', options(months.map((m) => [m, monthName(m)]), months[months.length - 6]));
  const to = h('select#sat-to', options(months.map((m) => [m, monthName(m)]), months[months.length - 1]));
  const by = ['zone', 'group'].map((b) => h('input', { type: 'radio', name: 'sat-by', value: b, checked: b === 'zone' }));
  const csv = h('a.button.csv#sat-csv', { download: 'satisfaction.csv' }, t('an.csv'));
  const body = h('div#sat-body');
  const comments = h('div#fb-list');
  let ticket = 0;
  let shown = FEEDBACK_SHOWN;
  async function load() {
    const mine = ++ticket;
    const q = new URLSearchParams({ by: by.find((b) => b.checked).value, from: from.value, to: to.value });
    csv.href = '/api/engagement/satisfaction?' + q + '&format=csv';
    const fq = new URLSearchParams({ from: monthStart(from.value), to: monthStart(to.value, 1), limit: shown });
    let report;
    let feedback;
    try {
      [report, feedback] = await Promise.all([get('/api/engagement/satisfaction?' + q), get('/api/engagement/feedback?' + fq)]);
    } catch (e) {
      if (mine !== ticket) return;
      if (e.status !== 400) throw e;
      put(body, h('p.error#sat-error', problem(e)));
      put(comments);
      body.dataset.query = q.toString();
      return;
    }
    if (mine !== ticket) return; // a newer choice was made meanwhile
    put(body, grid(report, zones));
    put(comments, feedbackTable(feedback, zones), feedback.length === shown
      ? h('button.more#fb-more', { onclick: () => { shown += 40; load().catch(failed); } }, t('pat.more')) : null);
    body.dataset.query = q.toString();
  }
  const node = h('section.panel#satisfaction',
    h('div.panel-head', h('h2', t('sat.title')), csv),
    h('form.toolbar#sat-filters', { onchange: () => { shown = FEEDBACK_SHOWN; load().catch(failed); }, onsubmit: (e) => e.preventDefault() },
      field(t('sched.from'), from), field(t('sched.to'), to),
      h('div', by.map((b) => h('label.check', b, t('sat.by.' + b.value))))),
    h('p.rule', t('sat.rule')),
    body,
    h('h3', t('fb.title')), comments);
  return { node, load };
}

const failed = (e) => toast(e.message, 'bad');

/** Key × month: each cell the average (one decimal) and how many rated; a month nobody rated shows "—". */
function grid(report, zones) {
  const months = [...new Set(report.months.map((m) => m.month))];
  const keys = [...new Set(report.months.map((m) => m.key))];
  if (!keys.length) return h('p.empty', t('an.noData'));
  const at = new Map(report.months.map((m) => [m.key + '@' + m.month, m]));
  const head = report.by === 'zone' ? t('an.col.zone') : t('an.col.group');
  return table([head, ...months.map((m) => h('th', { 'data-month': m }, monthName(m)))],
    keys.map((k) => h('tr', { 'data-key': k }, h('td', keyName(report.by, k, zones)),
      months.map((m) => cell(at.get(k + '@' + m) || { month: m, count: 0 })))), 'sat');
}

function cell(m) {
  const attrs = { 'data-month': m.month, 'data-count': m.count };
  if (!m.count) return h('td.num', attrs, '—');
  return h('td.num', { ...attrs, 'data-average': m.average, title: m.scores.map((n, i) => `${i + 1}★ ${n}`).join('   ') },
    h('b', number(m.average, 1)), ' ', h('small', t('sat.count', { n: m.count })));
}

function keyName(by, key, zones) {
  if (by === 'group') return t('grp.' + key);
  if (key === '') return t('sat.noZone');
  return h('span', { translate: 'no', title: key }, zones.get(key) || key);
}

/** The newest scores in the range, with their comments; never a patron (the hub stores none). */
function feedbackTable(rows, zones) {
  if (!rows.length) return h('p.empty', t('an.noData'));
  return table([t('col.time'), t('an.col.zone'), t('fb.context'), t('fb.score'), t('an.col.group'), t('an.col.college'), t('fb.comment')],
    rows.map((f) => h('tr', { 'data-feedback': f.id },
      h('td', time(f.ts)),
      h('td', f.zone ? h('span', { translate: 'no' }, zones.get(f.zone) || f.zone) : t('sat.noZone')),
      h('td', CONTEXTS.includes(f.context) ? t('fb.ctx.' + f.context) : h('span', { translate: 'no' }, f.context)),
      h('td.num', { 'data-score': f.score }, String(f.score)),
      h('td', t('grp.' + f.group)),
      h('td', { translate: 'no' }, f.college || '—'),
      h('td', { translate: 'no' }, f.comment || '—'))));
}

/** The last n months as YYYY-MM, oldest first, by the browser's calendar. */
function recentMonths(n) {
  const now = new Date();
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - (n - 1 - i), 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

function monthName(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Date(y, m - 1, 1).toLocaleDateString(language(), { year: 'numeric', month: 'short' });
}

/**
 * The instant a month (plus `after` months) begins on the browser's clock, for the feedback listing; the
 * satisfaction's months are the site's (the same where staff work in the library's time zone).
 */
function monthStart(ym, after = 0) {
  const [y, m] = ym.split('-').map(Number);
  return new Date(y, m - 1 + after, 1).toISOString();
}
