// Lighting and power (facilities): switch or dim lamps and switch outlets by seat, zone, floor or building;
// each command shows pending → applied / failed / expired from the event stream, next to what the device
// reports; and per zone the power its plugs report now and the energy they metered today.

import { get, post } from '../api.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { duration, number, t } from '../i18n.js';
import * as live from '../live.js';

const LEVELS = ['zone', 'floor', 'building', 'seat'];

export async function render(view) {
  const model = await get('/api/spaces');
  const lists = {
    building: model.buildings.map((b) => [b.id, b.name || b.id]),
    floor: model.floors.map((f) => [f.id, f.name || f.id]),
    zone: model.zones.map((z) => [z.id, z.name || z.id]),
    seat: model.seats.map((s) => [s.id, s.id]),
  };
  const level = h('select#level', { onchange: () => put(target, options(lists[level.value], '')) },
    options(LEVELS.map((l) => [l, t('level.' + l)]), 'zone'));
  const target = h('select#target', options(lists.zone, ''));
  const choice = (name) => h('select#' + name, options([['', t('light.unchanged')], ['on', t('light.on')], ['off', t('light.off')]], ''));
  const lamp = choice('lamp');
  const outlet = choice('outlet');
  const dim = h('input#brightness', { type: 'range', min: 0, max: 100, value: 100, step: 5 });
  const dimLabel = h('output', '100%');
  // How long a command may wait for a device whose agent is away (the twin delivers it if the agent returns in
  // time); after that it is expired and the twin entry reverted.
  const expiry = h('select#expiry', options([15, 60, 600, 3600].map((s) => [s, duration(s)]), 60));
  dim.addEventListener('input', () => { dimLabel.textContent = dim.value + '%'; });
  const requests = h('div#requests');
  const power = h('div#power');
  const form = h('form.panel', { onsubmit: (e) => { e.preventDefault(); submit(); } },
    h('h2', t('light.target')),
    h('div.toolbar', field(t('light.level'), level), field(t('light.target'), target)),
    h('div.toolbar', field(t('light.lamps'), lamp), field(t('light.dim'), h('span', dim, dimLabel)), field(t('light.outlets'), outlet),
      field(t('light.expiry'), expiry)),
    h('button.primary#switch', { type: 'submit' }, t('light.go')));
  put(view, form, h('h2', t('light.requests')), requests, h('h2', t('light.power')), power);

  const rows = new Map(); // command id -> <tr>
  const reported = new Map(); // "agent/endpoint" -> [<td>]
  // The stream may tell a command's outcome, or the device's new state, before POST has answered.
  const early = new Map(); // command id -> its newest state
  const readings = new Map(); // "agent/endpoint" -> [name, reading]

  async function submit() {
    const body = { target: { [level.value]: target.value }, expiresInSeconds: Number(expiry.value) };
    if (lamp.value) body.lamp = lamp.value === 'on' ? { on: true, brightness: Number(dim.value) } : { on: false };
    if (outlet.value) body.outlet = { on: outlet.value === 'on' };
    if (!body.lamp && !body.outlet) { toast(t('light.nothing'), 'bad'); return; }
    try {
      const receipt = await post('/api/control', body);
      requests.prepend(requestView(receipt, `${t('level.' + level.value)} ${target.value}`));
    } catch (e) { toast(e.message, 'bad'); }
  }

  function requestView(receipt, what) {
    const trs = receipt.commands.map((c) => {
      const ref = c.agent + '/' + c.endpoint;
      const now = h('td.reported', '—');
      if (!reported.has(ref)) reported.set(ref, []);
      reported.get(ref).push(now);
      const tr = h('tr', { 'data-command': c.id, 'data-endpoint': ref },
        h('td', { translate: 'no' }, ref), h('td', t(c.command === 'lamp' ? 'floor.lamp' : 'floor.outlet')),
        h('td.state'), now, h('td.detail', { translate: 'no' }));
      rows.set(c.id, tr);
      setState(tr, early.get(c.id) || c);
      if (readings.has(ref) && Date.parse(readings.get(ref)[1].at) >= Date.parse(c.createdAt)) showReading(now, ...readings.get(ref));
      return tr;
    });
    return h('section.request', { 'data-request': receipt.requestId },
      h('h3', h('span', { translate: 'no' }, what), ' · ', new Date().toLocaleTimeString()),
      table([t('light.endpoint'), t('col.kind'), t('col.state'), t('light.reported'), t('col.detail')], trs));
  }

  function setState(tr, c) {
    tr.dataset.state = c.state;
    const cls = { pending: 'warn', applied: 'good', failed: 'bad', expired: 'bad' }[c.state];
    put(tr.querySelector('.state'), h('span.badge.' + cls, t('light.' + c.state)));
    put(tr.querySelector('.detail'), c.detail || '');
  }

  // Per zone: the power the plugs that are on report now, and the energy they metered today (the hub's sum of
  // meter increases since local midnight, resets counted from zero). Seats' plugs and the zone's own count.
  async function loadPower() {
    const [states, today] = await Promise.all([
      Promise.all(model.zones.map((z) => get('/api/spaces/zones/' + encodeURIComponent(z.id) + '/state'))),
      get('/api/analytics/energy/today').catch(() => ({ rows: [] })),
    ]);
    const energy = new Map(today.rows.map((r) => [r.zone, r.energyWh]));
    const rowsOut = [];
    model.zones.forEach((z, i) => {
      const outlets = [...states[i].seats.map((s) => s.outlet).filter(Boolean), ...states[i].outlets];
      const metered = outlets.filter((o) => o.powerW != null || o.energyWh != null);
      if (!metered.length && !energy.has(z.id)) return;
      const watts = metered.filter((o) => o.on && o.powerW != null).reduce((a, o) => a + o.powerW, 0);
      const wh = energy.get(z.id);
      rowsOut.push(h('tr', { 'data-zone': z.id },
        h('td', { translate: 'no' }, z.name || z.id),
        h('td.watts', { 'data-w': watts }, t('light.watts', { w: number(watts, 1) })),
        h('td.energy', { 'data-wh': wh ?? '' }, wh == null ? '—' : t('light.kwh', { k: number(wh / 1000, 3) })),
        h('td', String(metered.length))));
    });
    put(power, rowsOut.length
      ? table([t('level.zone'), t('light.powerNow'), t('light.energyToday'), t('light.metered')], rowsOut)
      : h('p.empty', t('light.noPower')));
  }

  function showReading(td, name, r) {
    td.dataset.on = String(r.on);
    td.textContent = (r.on ? t('light.on') : t('light.off')) + (name === 'lamp' && r.on ? ' ' + r.brightness + '%' : '')
      + (r.powerW !== undefined ? ' · ' + t('light.watts', { w: number(r.powerW, 1) }) : '');
  }

  loadPower().catch(() => {});
  let powerTimer = 0;
  const stop = live.listen(['command', 'lamp', 'outlet'], (data, name) => {
    if (name === 'command') {
      const tr = rows.get(data.id);
      if (tr) setState(tr, data);
      else {
        if (early.size > 1000) early.clear(); // other people's commands: keep only the latest few
        early.set(data.id, data);
      }
      return;
    }
    const r = data.reading;
    readings.set(r.endpoint, [name, r]);
    for (const td of reported.get(r.endpoint) || []) showReading(td, name, r);
    if (name === 'outlet' && !powerTimer) powerTimer = setTimeout(() => { powerTimer = 0; loadPower().catch(() => {}); }, 2000);
  });
  return () => { stop(); clearTimeout(powerTimer); };
}
