// Floor plan (all staff): building → floor → zones, each seat's live state with its lamp, outlet and
// sensor, kept current from /api/stream without reloading.

import { get, session } from '../api.js';
import { field, h, options, put, toast } from '../dom.js';
import { t } from '../i18n.js';
import * as live from '../live.js';
import { SeatBoard } from '../seats.js';

const STATES = ['free', 'reserved', 'occupied', 'away', 'out_of_order', 'unknown'];

export async function render(view, params) {
  const model = await get('/api/spaces');
  const buildingId = params[0] || model.buildings[0]?.id;
  const floors = model.floors.filter((f) => f.buildingId === buildingId).sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  const floorId = params[1] || floors[0]?.id;
  const go = (b, f) => { location.hash = '#/floor/' + encodeURIComponent(b) + (f ? '/' + encodeURIComponent(f) : ''); };
  const bSel = h('select#building', { onchange: () => go(bSel.value) },
    options(model.buildings.map((b) => [b.id, b.name || b.id]), buildingId));
  const fSel = h('select#floor', { onchange: () => go(buildingId, fSel.value) },
    options(floors.map((f) => [f.id, f.name || f.id]), floorId));
  const legend = h('div.legend', STATES.map((s) => h('span.seat-key', { 'data-state': s }, t('floor.' + s))));
  const zonesBox = h('div.zones');
  put(view, h('div.toolbar', field(t('floor.building'), bSel), field(t('floor.floor'), fSel), legend), zonesBox);

  const zones = model.zones.filter((z) => z.floorId === floorId);
  const board = new SeatBoard();
  const summaries = new Map();
  window.carrelFloor = board; // read by the browser tests and the benchmark

  async function load() {
    board.tiles.clear();
    const states = await Promise.all(zones.map((z) => get('/api/spaces/zones/' + encodeURIComponent(z.id) + '/state')));
    put(zonesBox, zones.length ? zones.map((z, i) => {
      const summary = h('span.summary');
      summaries.set(z.id, summary);
      return h('section.zone', { 'data-zone': z.id },
        h('h3', h('span', { translate: 'no' }, z.name || z.id), ' ', summary, codes(z)),
        h('div.seats', states[i].seats.map((s) => board.tile(s))));
    }) : h('p.empty', t('floor.empty')));
    summarise();
  }

  function summarise() {
    for (const [zoneId, node] of summaries) {
      const c = { free: 0, occupied: 0 };
      for (const { seat, node: tile } of board.tiles.values()) {
        if (tile.closest('[data-zone]')?.dataset.zone !== zoneId) continue;
        if (seat.state === 'free') c.free++;
        if (seat.state === 'occupied' || seat.state === 'away') c.occupied++;
      }
      node.textContent = `${t('floor.free')} ${c.free} · ${t('floor.occupied')} ${c.occupied}`;
    }
  }

  /** Facilities print the desks' QR codes for check-in by phone (docs/reservations.md); rooms have none. */
  function codes(z) {
    if (!['admin', 'facilities'].includes(session.role) || String(z.kind).toLowerCase() === 'room') return null;
    return h('a.button.seat-codes', { href: '/api/spaces/zones/' + encodeURIComponent(z.id) + '/seat-codes',
      target: '_blank', rel: 'noopener' }, t('floor.seatCodes'));
  }

  await load().catch((e) => toast(e.message, 'bad'));
  let summaryTimer = 0;
  const stop = live.listen(['seat', 'lamp', 'outlet', 'presence'], (data, name) => {
    if (board.change(name, data) && name === 'seat' && !summaryTimer) {
      summaryTimer = setTimeout(() => { summaryTimer = 0; summarise(); }, 250);
    }
  }, () => load().catch(() => {}));
  return () => { stop(); clearTimeout(summaryTimer); };
}
