// Analytics (librarian): the views of /api/analytics/** (docs/analytics.md) on one page — key figures, visits
// per day or month (entries, visitors, returning visitors), peak hours, dwell, the seat heat map by zone ×
// hour, zones and rooms (no-shows, leaves, overruns), segments, the quarter's awards and energy — for a date
// range and a segment (group, college), each view with its CSV download.

import { get } from '../api.js';
import { barChart } from '../chart.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { number, t } from '../i18n.js';

const GROUPS = ['undergraduate', 'postgraduate', 'faculty', 'staff', 'visitor', 'unknown'];
const DAY = 86400000;
const WIDE = { width: 560, height: 170 };
const SUMMARY = [
  ['entries', 0], ['visitors', 0], ['newVisitors', 0], ['averageDwellMinutes', 0], ['peakHour', 0],
  ['unpairedEntries', 0], ['verifiedHours', 1], ['seatSessions', 0], ['noShowRate', 'pct'], ['energyWh', 0],
];

export function render(view) {
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const from = h('input#an-from', { type: 'date', value: iso(Date.now() - 6 * DAY) });
  const to = h('input#an-to', { type: 'date', value: iso(Date.now()) });
  const group = h('select#an-group', options([['', t('all')], ...GROUPS.map((g) => [g, t('grp.' + g)])], ''));
  const college = h('input#an-college', { type: 'search', placeholder: t('all') });
  const interval = h('select#an-interval', options([['day', t('an.interval.day')], ['month', t('an.interval.month')]], 'day'));
  const body = h('div#an-body');
  let ticket = 0;
  const params = () => {
    const q = new URLSearchParams(); // a cleared date falls back to the API's default
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    if (group.value) q.set('group', group.value);
    if (college.value.trim()) q.set('college', college.value.trim());
    return q;
  };
  async function load() {
    const mine = ++ticket;
    const q = params();
    const end = to.value || iso(Date.now());
    const quarter = `${end.slice(0, 4)}-Q${Math.ceil(Number(end.slice(5, 7)) / 3)}`;
    const aq = new URLSearchParams(q);
    aq.delete('from'); aq.delete('to'); aq.set('quarter', quarter);
    const vq = new URLSearchParams(q);
    vq.set('interval', interval.value);
    const views = { summary: q, visits: vq, 'peak-hours': q, dwell: q, seats: q, zones: q, segments: q, energy: q,
      'awards/time': aq, 'awards/loans': aq };
    const data = Object.fromEntries(await Promise.all(Object.entries(views).map(async ([name, p]) =>
      [name, { ...(await get(`/api/analytics/${name}?${p}`)), csv: `/api/analytics/${name}.csv?${p}` }])));
    if (mine !== ticket) return; // a newer range was chosen meanwhile
    put(body, draw(data, quarter, interval.value));
    body.dataset.range = `${from.value}/${to.value}`;
    body.dataset.interval = interval.value;
  }
  const reload = () => load().catch((e) => toast(e.message, 'bad'));
  put(view, h('form.toolbar#an-filters', { onchange: reload, onsubmit: (e) => { e.preventDefault(); reload(); } },
    field(t('sched.from'), from), field(t('sched.to'), to), field(t('pat.group'), group), field(t('pat.college'), college),
    field(t('an.interval'), interval)),
  body);
  return load().then(() => null);
}

function draw(d, quarter, interval) {
  const s = d.summary.rows[0] || {};
  const visits = d.visits.rows;
  const label = (r) => (interval === 'month' ? r.period : r.period.slice(5));
  const per = interval === 'month' ? 'PerMonth' : 'PerDay';
  return [
    h('div.tiles#an-summary', SUMMARY.map(([key, digits]) => h('div.tile', { 'data-key': key },
      h('b', key === 'peakHour' ? hour(s[key]) : digits === 'pct' ? percent(s[key]) : number(s[key] ?? 0, digits)),
      h('span', t('an.' + key))))),
    panel('visits', d.visits, h('div.charts',
      barChart(t('an.visits' + per), visits.map((r) => [label(r), r.entries]), t('an.noData'), WIDE),
      barChart(t('an.visitors' + per), visits.map((r) => [label(r), r.visitors]), t('an.noData'), WIDE),
      barChart(t('an.returning' + per), visits.map((r) => [label(r), r.returningVisitors]), t('an.noData'), WIDE))),
    h('div.columns',
      panel('peak-hours', d['peak-hours'], barChart(t('an.entriesByHour'),
        d['peak-hours'].rows.map((r) => [String(r.hour), r.entries]), t('an.noData'), { width: 640, height: 200 })),
      panel('dwell', d.dwell, barChart(t('an.visitsByDwell'), d.dwell.rows.map((r) => [r.bucket, r.visits]), t('an.noData'),
        { width: 420, height: 200 }))),
    panel('seats', d.seats, heatMap(d.seats.rows, new Map(d.zones.rows.map((z) => [z.zone, z.name])))),
    panel('zones', d.zones, grid(d.zones, ['name', 'kind', 'seats', 'sessions', 'noShows', 'noShowRate', 'leaves',
      'averageLeaveMinutes', 'overruns', 'occupiedHours', 'utilisation'])),
    panel('segments', d.segments, grid(d.segments, ['group', 'college', 'visitors', 'entries', 'averageDwellMinutes',
      'seatHours', 'verifiedHours', 'noShowRate', 'bookings', 'satisfaction'])),
    h('div.columns',
      panel('awards/time', d['awards/time'], [h('p.rule', t('an.rule.time')),
        grid(d['awards/time'], ['rank', 'name', 'group', 'college', 'verifiedHours', 'days'])], quarter),
      panel('awards/loans', d['awards/loans'], [h('p.rule', t('an.rule.loans')),
        grid(d['awards/loans'], ['rank', 'name', 'group', 'college', 'loans', 'days'])], quarter)),
    panel('energy', d.energy, grid(d.energy, ['name', 'energyWh', 'meteredOccupiedSeatHours', 'whPerOccupiedSeatHour'])),
  ];
}

/** A titled section with the view's CSV download. */
function panel(name, data, content, sub) {
  const id = name.replace('/', '-');
  return h('section.panel#an-' + id, { 'data-view': name },
    h('div.panel-head', h('h2', t('an.' + name), sub ? h('small', { translate: 'no' }, ' ' + sub) : null),
      h('a.button.csv', { href: data.csv, download: id + '.csv' }, t('an.csv'))),
    content);
}

/** The view's rows in the given columns; "no data" when there are none. */
function grid(data, columns) {
  if (!data.rows.length) return h('p.empty', t('an.noData'));
  return table(columns.map((c) => t('an.col.' + c)), data.rows.map((r) => h('tr', columns.map((c) => cell(c, r[c])))));
}

function cell(column, v) {
  if (column === 'group') return h('td', v ? t('grp.' + v) : '—');
  if (column === 'kind') return h('td', v ? t('an.kind.' + v) : '—');
  if (typeof v === 'number') {
    const text = /Rate$|^utilisation$/.test(column) ? percent(v) : number(v, Number.isInteger(v) ? 0 : 1);
    return h('td.num', text);
  }
  return h('td', { translate: 'no' }, v === null || v === undefined || v === '' ? '—' : String(v));
}

/** Zone × hour of day, each cell shaded by its utilisation (and the figure written in it); zones by name. */
function heatMap(rows, names) {
  const hours = [...new Set(rows.map((r) => r.hour))].sort((a, b) => a - b);
  const zones = [...new Set(rows.map((r) => r.zone))];
  if (!rows.length || rows.every((r) => !r.utilisation)) return h('p.empty', t('an.noData'));
  const at = new Map(rows.map((r) => [r.zone + '@' + r.hour, r]));
  return h('div', { style: 'overflow-x: auto' }, table([t('an.col.zone'), ...hours.map(String)], zones.map((z) => h('tr', { 'data-zone': z },
    h('td.zone', { translate: 'no', title: z }, names.get(z) || z),
    hours.map((hr) => {
      const u = at.get(z + '@' + hr)?.utilisation || 0;
      return h('td', { 'data-hour': hr, 'data-utilisation': u, title: `${z} ${hr}:00 ${percent(u)}`,
        style: `background: rgba(9, 105, 218, ${(0.08 + 0.85 * u).toFixed(2)}); color: ${u > 0.5 ? '#fff' : 'inherit'}` },
      u ? Math.round(u * 100) : '');
    }))), 'heat'));
}

function percent(v) {
  return v === null || v === undefined ? '—' : number(100 * v, 1) + ' %';
}

function hour(v) {
  return v === null || v === undefined ? '—' : String(v).padStart(2, '0') + ':00';
}
