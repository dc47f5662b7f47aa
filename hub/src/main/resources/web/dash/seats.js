// A seat tile on the floor plan: its state and its lamp, outlet and sensor as reported. Tiles are kept by
// seat id and changed in place, batched to one animation frame, so a floor of a thousand seats stays fast.

import { h } from './dom.js';
import { t } from './i18n.js';

export class SeatBoard {
  constructor() {
    this.tiles = new Map(); // seat id -> {node, seat}
    this.dirty = new Set();
    this.frame = 0;
    // With ?bench: milliseconds to the repaint from the reading's own time (painted) and from its arrival.
    this.painted = [];
    this.received = [];
    this.pending = []; // events since the last frame: [reading time, arrival]
    this.bench = new URLSearchParams(location.search).has('bench');
  }

  /** A tile for a seat from the zone state ({id, state, presence, lamp, outlet}). */
  tile(seat) {
    const node = h('div.seat', { 'data-seat': seat.id, translate: 'no' });
    const entry = { node, seat: { ...seat } };
    this.tiles.set(seat.id, entry);
    draw(entry);
    return node;
  }

  /** A live change {zone, seat, reading} of kind seat, lamp, outlet or presence. */
  change(name, data) {
    const entry = data.seat && this.tiles.get(data.seat);
    if (!entry) return false;
    const r = data.reading;
    if (name === 'seat') Object.assign(entry.seat, { state: r.state, stateAt: r.at });
    else entry.seat[name] = r;
    if (this.bench) this.pending.push([r.at, performance.now()]);
    this.dirty.add(entry);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
    return true;
  }

  flush() {
    this.frame = 0;
    const done = [...this.dirty];
    this.dirty.clear();
    done.forEach(draw);
    if (this.bench) {
      // A task queued from the frame callback runs once that frame has been painted. Several events on
      // one seat in a frame cost one repaint, but each is counted.
      const events = this.pending;
      this.pending = [];
      setTimeout(() => {
        const now = performance.now();
        for (const [at, arrived] of events) {
          this.painted.push(performance.timeOrigin + now - Date.parse(at));
          this.received.push(now - arrived);
        }
      }, 0);
    }
  }

  counts() {
    const out = {};
    for (const { seat } of this.tiles.values()) out[seat.state || 'unknown'] = (out[seat.state || 'unknown'] || 0) + 1;
    return out;
  }
}

function draw(entry) {
  const s = entry.seat;
  const state = s.state || 'unknown';
  entry.node.dataset.state = state;
  entry.node.title = `${s.id} · ${t('floor.' + state)}`;
  const lamp = s.lamp ? (s.lamp.on ? 'on' : 'off') : 'none';
  const outlet = s.outlet ? (s.outlet.on ? 'on' : 'off') : 'none';
  const present = s.presence ? String(s.presence.present) : 'none';
  entry.node.dataset.lamp = lamp;
  entry.node.dataset.outlet = outlet;
  entry.node.dataset.present = present;
  entry.node.replaceChildren(
    h('span.seat-id', s.id),
    h('span.fixtures',
      s.lamp ? h('i.lamp.' + lamp, { title: t('floor.lamp') + (s.lamp.on ? ' ' + s.lamp.brightness + '%' : '') }) : null,
      s.outlet ? h('i.outlet.' + outlet, { title: t('floor.outlet') + (s.outlet.powerW !== undefined ? ' ' + s.outlet.powerW + ' W' : '') }) : null,
      s.presence ? h('i.sensor.' + (s.presence.present ? 'on' : 'off'), { title: t('floor.sensor') + (s.presence.present ? ': ' + t('floor.present') : '') }) : null));
}
