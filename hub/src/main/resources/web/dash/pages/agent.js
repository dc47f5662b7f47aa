// One agent (admin): health, endpoints, twin desired vs reported, telemetry charts, recent events, and the
// maintenance commands identify / reload / sync, each shown pending → applied / failed / expired from the stream.

import { get, post } from '../api.js';
import { lineChart } from '../chart.js';
import { h, put, table, toast } from '../dom.js';
import { ago, t, time } from '../i18n.js';
import * as live from '../live.js';
import { alertTable } from './fleet.js';

export function render(view, [id]) {
  const path = '/api/agents/' + encodeURIComponent(id);
  const head = h('div');
  const alerts = h('div');
  const charts = h('div.charts');
  const twin = h('div');
  const events = h('div');
  const endpoints = h('div');
  const sent = h('ul#agent-commands.sent');
  const rows = new Map(); // command id -> <li>
  const early = new Map(); // the stream may settle a command before POST has answered
  const command = (name, body) => h('button', {
    'data-command': name,
    onclick: async () => {
      try {
        const c = await post(path + '/commands', body);
        const li = h('li', { 'data-command-id': c.id }, t('cmd.' + name), ' · ', time(c.createdAt), ' ', h('span.state'), h('span.detail', { translate: 'no' }));
        rows.set(c.id, li);
        setState(li, early.get(c.id) || c);
        sent.prepend(li);
      } catch (e) { toast(e.message, 'bad'); }
    },
  }, t('cmd.' + name));
  const stop = live.listen(['command'], (c) => {
    if (rows.has(c.id)) setState(rows.get(c.id), c);
    else if (c.agent === id && c.endpoint === '') early.set(c.id, c);
  });
  put(view,
    h('a.back', { href: '#/fleet' }, t('agent.back')), head,
    h('div.toolbar', h('b', t('agent.commands')), command('identify', { command: 'identify', seconds: 10 }),
      command('reload', { command: 'reload' }), command('sync', { command: 'sync' })),
    sent, alerts,
    h('h3', t('agent.telemetry')), charts,
    h('div.columns', h('section', h('h3', t('agent.twin')), twin), h('section', h('h3', t('agent.endpoints')), endpoints)),
    h('h3', t('agent.events')), events);

  async function load() {
    const [agent, tw, tel, evs, open] = await Promise.all([
      get(path), get(path + '/twin'), get(path + '/telemetry'), get(path + '/events?limit=30'),
      get('/api/alerts?agent=' + encodeURIComponent(id) + '&limit=50')]);
    put(head, h('h2', h('span', { translate: 'no' }, agent.id), ' ',
      h('span.badge.' + (agent.online ? 'good' : 'bad'), { id: 'agent-state' }, t(agent.online ? 'state.online' : 'state.offline')),
      h('small', ' ', t('col.lastSeen'), ' ', ago(agent.lastSeen), ' · ', t('col.version'), ' ', h('span', { translate: 'no' }, agent.version || '—'))));
    const active = open.filter((a) => a.state !== 'resolved');
    put(alerts, active.length ? alertTable(active, load) : []);
    put(endpoints, table([t('col.id'), t('col.kind')], agent.endpoints.map((e) => [h('td', { translate: 'no' }, e.id), h('td', { translate: 'no' }, e.kind)])));
    put(twin, twinView(tw));
    put(charts, telemetryCharts(tel));
    put(events, table([t('col.time'), t('col.type'), t('col.detail')], evs.map((e) => [
      h('td', { title: e.received }, time(e.ts)), h('td', { translate: 'no' }, e.type),
      h('td.mono', { translate: 'no' }, JSON.stringify(e.body))])));
  }

  load().catch((e) => toast(e.message, 'bad'));
  const timer = setInterval(() => load().catch(() => {}), 5000);
  return () => { clearInterval(timer); stop(); };
}

function setState(li, c) {
  li.dataset.state = c.state;
  const cls = { pending: 'warn', applied: 'good', failed: 'bad', expired: 'bad' }[c.state];
  put(li.querySelector('.state'), h('span.badge.' + cls, t('light.' + c.state)));
  put(li.querySelector('.detail'), c.detail ? ' ' + c.detail : '');
}

function twinView(tw) {
  const status = tw.inSync
    ? h('p', h('span.badge.good', t('agent.inSync', { v: tw.appliedVersion })))
    : h('p', h('span.badge.warn', t('agent.outOfSync', { d: tw.desiredVersion, a: tw.appliedVersion ?? '—' })));
  const rows = flatten(tw.desired || {}, flatten(tw.reported || {}, new Map(), 'reported'), 'desired');
  const diff = new Set((tw.diff || []).map((d) => d.path));
  return [status, table([t('agent.path'), t('agent.desired'), t('agent.reported')],
    [...rows.entries()].sort().map(([p, v]) => h('tr', { class: diff.has(p) ? 'differs' : '' },
      h('td.mono', { translate: 'no' }, p), h('td.mono', { translate: 'no' }, show(v.desired)),
      h('td.mono', { translate: 'no' }, show(v.reported)))), 'twin')];
}

/** Twin sections flattened to "lamps.desk-01-lamp" → {desired, reported}; deeper values stay JSON. */
function flatten(obj, into, side, prefix = '', depth = 0) {
  for (const [k, v] of Object.entries(obj)) {
    const p = prefix ? prefix + '.' + k : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && depth < 1) flatten(v, into, side, p, depth + 1);
    else into.set(p, { ...(into.get(p) || {}), [side]: v });
  }
  return into;
}

const show = (v) => (v === undefined ? '—' : JSON.stringify(v));

function telemetryCharts(tel) {
  const samples = tel.samples || [];
  const series = (pick) => samples.filter((s) => pick(s) !== undefined && pick(s) !== null)
    .map((s) => [Date.parse(s.ts), pick(s)]);
  const bucketed = (pick) => (tel.buckets || []).map((b) => [Date.parse(b.start), pick(b)]);
  const mem = [...bucketed((b) => b.heapUsedBytes.avg / 1048576), ...series((s) => (s.residentBytes ?? s.heapUsedBytes) / 1048576)];
  const temp = [...bucketed((b) => b.cpuTemperatureC?.avg), ...series((s) => s.cpuTemperatureC)].filter((p) => p[1] !== undefined);
  const outbox = [...bucketed((b) => b.outboxDepth.avg), ...series((s) => s.outboxDepth)];
  return [lineChart(t('chart.memory'), mem, t('chart.empty')), lineChart(t('chart.temp'), temp, t('chart.empty')),
    lineChart(t('chart.outbox'), outbox, t('chart.empty'))];
}
