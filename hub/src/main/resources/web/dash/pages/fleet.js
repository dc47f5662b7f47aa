// Fleet (admin): open alerts first, then every agent with its health; filter and sort; refreshed every
// three seconds (agents' online state and telemetry are not on the event stream).

import { get, post } from '../api.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { ago, duration, megabytes, number, t } from '../i18n.js';

const COLUMNS = [
  ['id', 'col.agent', (a) => a.id],
  ['online', 'col.state', (a) => (a.online ? 0 : 1)],
  ['lastSeen', 'col.lastSeen', (a) => (a.lastSeen ? -Date.parse(a.lastSeen) : Infinity)], // newest first; never seen last
  ['version', 'col.version', (a) => a.version || ''],
  ['uptime', 'col.uptime', (a) => a.sample?.uptimeSeconds ?? -1],
  ['memory', 'col.memory', (a) => memory(a.sample) ?? -1],
  ['temp', 'col.temp', (a) => a.sample?.cpuTemperatureC ?? -1],
  ['outbox', 'col.outbox', (a) => a.sample?.outboxDepth ?? -1],
  ['faults', 'col.faults', (a) => faults(a)],
];

const memory = (s) => s && (s.residentBytes ?? s.heapUsedBytes);
const faults = (a) => (a.sample?.readerFaults ?? 0) + a.alerts.length;

export function render(view) {
  const state = { filter: '', show: 'all', sort: 'id', desc: false, agents: [], alerts: [] };
  const alertsBox = h('section#alerts');
  const tableBox = h('div');
  const filter = h('input#agent-filter', { type: 'search', placeholder: t('fleet.filter'),
    oninput: () => { state.filter = filter.value.trim().toLowerCase(); draw(); } });
  const show = h('select#agent-show', { onchange: () => { state.show = show.value; draw(); } },
    options([['all', t('all')], ['online', t('fleet.onlineOnly')], ['offline', t('fleet.offlineOnly')]], 'all'));
  put(view,
    h('h2', t('fleet.alerts')), alertsBox,
    h('h2', t('fleet.agents')), h('div.toolbar', field(t('filter'), filter), show), tableBox);

  async function load() {
    const [agents, latest, open, acked] = await Promise.all([
      get('/api/agents'), get('/api/telemetry/latest'),
      get('/api/alerts?state=open&limit=200'), get('/api/alerts?state=acknowledged&limit=200')]);
    state.alerts = [...open, ...acked].sort((a, b) => Date.parse(b.opened) - Date.parse(a.opened));
    state.agents = agents.map((a) => ({ ...a, sample: latest[a.id], alerts: state.alerts.filter((x) => x.agent === a.id) }));
    draw();
  }

  function draw() {
    put(alertsBox, state.alerts.length ? alertTable(state.alerts, load) : h('p.empty', t('fleet.noAlerts')));
    const shown = state.agents
      .filter((a) => !state.filter || a.id.toLowerCase().includes(state.filter))
      .filter((a) => state.show === 'all' || (state.show === 'online') === a.online);
    const key = COLUMNS.find((c) => c[0] === state.sort)[2];
    shown.sort((a, b) => { const x = key(a); const y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (state.desc ? -1 : 1); });
    const headers = COLUMNS.map(([id, label]) => h('th.sortable', {
      'data-sort': id, class: state.sort === id ? (state.desc ? 'desc' : 'asc') : '',
      onclick: () => { state.desc = state.sort === id && !state.desc; state.sort = id; draw(); },
    }, t(label)));
    put(tableBox, table(headers, shown.map(row), 'agents'));
  }

  load().catch((e) => toast(e.message, 'bad'));
  const timer = setInterval(() => load().catch(() => {}), 3000);
  return () => clearInterval(timer);
}

function row(a) {
  const s = a.sample;
  return h('tr', { 'data-agent': a.id, 'data-online': String(a.online), onclick: () => { location.hash = '#/agents/' + encodeURIComponent(a.id); } },
    h('td', h('a', { href: '#/agents/' + encodeURIComponent(a.id), translate: 'no' }, a.id)),
    h('td', h('span.badge.' + (a.online ? 'good' : 'bad'), t(a.online ? 'state.online' : 'state.offline'))),
    h('td', { title: a.lastSeen }, ago(a.lastSeen)),
    h('td', { translate: 'no' }, a.version || '—'),
    h('td', duration(s?.uptimeSeconds)),
    h('td', megabytes(memory(s))),
    h('td', s?.cpuTemperatureC === undefined ? '—' : number(s.cpuTemperatureC, 1) + ' °C'),
    h('td', number(s?.outboxDepth)),
    h('td', faults(a) ? h('span.badge.warn', String(faults(a))) : '0'));
}

/** Open and acknowledged alerts with their actions; after an action the list is read again. */
export function alertTable(alerts, reload) {
  const act = (alert, what) => async (e) => {
    e.stopPropagation();
    try { await post(`/api/alerts/${alert.id}/${what}`); await reload(); } catch (err) { toast(err.message, 'bad'); }
  };
  return table([t('col.kind'), t('col.agent'), t('col.message'), t('col.opened'), t('col.state'), t('col.actions')],
    alerts.map((a) => h('tr', { 'data-alert': a.id, 'data-kind': a.kind, 'data-agent': a.agent },
      h('td', h('span.badge.' + (a.state === 'open' ? 'bad' : 'warn'), t('alert.' + a.kind))),
      h('td', h('a', { href: '#/agents/' + encodeURIComponent(a.agent), translate: 'no' }, a.agent)),
      h('td', { translate: 'no' }, a.message || a.subject || ''),
      h('td', { title: a.opened }, ago(a.opened)),
      h('td', t('alert.' + a.state)),
      h('td.actions',
        a.state === 'open' ? h('button.ack', { onclick: act(a, 'acknowledge') }, t('alert.acknowledge')) : null,
        h('button.resolve', { onclick: act(a, 'resolve') }, t('alert.resolve'))))), 'alerts');
}
