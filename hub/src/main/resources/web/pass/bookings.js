// The patron's seats and rooms on the pass page (docs/reservations.md, "On the pass page"): current and
// upcoming bookings with cancel and extend, booking a seat (zone, start, length, then a free seat) or a
// discussion room (its join code for the group), joining a room by code, and the patron's violations with
// an appeal each. The hub decides everything by its own clock (/pass/api/reservations/places offers the
// starts and lengths); every refusal goes to page.refused(response), and the lists are fetched again. The
// long-term seat section is its own module (longterm.js), loaded and drawn with the rest of the tab.

import {button, data, el, own} from './dom.js';
import {LongTerm} from './longterm.js';
import {moment, t, when} from './strings.js';

const LIVE = ['forming', 'booked', 'checked_in'];

/** A notice's time, written when shown: said again after a language switch, it is in the new language. */
const shown = write => ({toString: write});

/** A length in the patron's words: whole hours as hours, else minutes. */
function length(minutes) {
  return minutes % 60 === 0 ? t('bookings.hours', {h: minutes / 60}) : t('bookings.minutes', {m: minutes});
}

function option(value, text, chosen) {
  const o = el('option', {value}, text);
  o.selected = value === chosen;
  return o;
}

export class Bookings {
  /** page: {call, refused(response, codes), done(key, vars), patron()}. */
  constructor(page) {
    this.page = page;
    this.mine = [];
    this.record = {violations: [], bans: []};
    this.offer = {now: null, zones: []};
    this.free = null;
    this.asked = 0;
    /** The form's choices survive a redraw (a pass renewal, a language switch); so does a reason being typed. */
    this.chosen = {area: {}, room: {}};
    this.reasons = {};
    this.longTerm = new LongTerm({...page, reload: () => this.load()});
    this.wire();
  }

  wire() {
    for (const kind of ['area', 'room']) {
      const form = document.getElementById(kind === 'area' ? 'seat-form' : 'room-form');
      form.addEventListener('change', e => {
        this.chosen[kind][e.target.name] = e.target.value;
        this.renderForm(kind);
        if (kind === 'area') this.loadFree();
      });
    }
    document.getElementById('room-form').addEventListener('submit', async e => {
      e.preventDefault();
      const c = this.chosen.room;
      await this.act('POST', 'api/reservations', this.request({room: c.zone}, c),
          r => ['done.room', {code: own(r.body.joinCode), n: r.body.minGroup}]);
    });
    document.getElementById('join-form').addEventListener('submit', async e => {
      e.preventDefault();
      const code = e.target.elements.code.value.trim();
      if (!/^\d{6}$/.test(code)) { this.page.done('refused.code', {}, 'error'); return; }
      const joined = await this.act('POST', 'api/reservations/join', {code}, () => ['done.joined'],
          {404: 'refused.code'});
      if (joined) e.target.reset();
    });
  }

  /** Fetches the bookings, the violations and what can be booked, and draws them. */
  async load() {
    const [mine, record, offer] = await Promise.all(['api/reservations', 'api/reservations/violations',
      'api/reservations/places'].map(path => this.page.call('GET', path)));
    for (const r of [mine, record, offer]) if (!r.ok) { this.page.refused(r); return false; }
    this.mine = mine.body;
    this.record = record.body;
    this.offer = offer.body;
    this.render();
    await this.loadFree();
    return this.longTerm.load();
  }

  /** The seats of the chosen zone that are free for the chosen start and length (the latest answer wins). */
  async loadFree() {
    const c = this.chosen.area;
    if (!c.zone) { this.free = null; this.renderFree(); return; }
    const query = new URLSearchParams({zone: c.zone, minutes: c.minutes});
    if (c.start !== 'now') query.set('start', c.start);
    const asked = ++this.asked;
    const r = await this.page.call('GET', 'api/reservations/free?' + query);
    if (asked !== this.asked) return;
    if (!r.ok) { this.page.refused(r); return; }
    this.free = r.body;
    this.renderFree();
  }

  render() {
    this.renderMine();
    this.renderForm('area');
    this.renderForm('room');
    this.renderFree();
    this.longTerm.render();
    this.renderViolations();
  }

  zone(id) {
    return this.offer.zones.find(z => z.id === id);
  }

  renderMine() {
    const live = this.mine.filter(b => LIVE.includes(b.state)).sort((a, b) => a.start.localeCompare(b.start));
    document.getElementById('my-bookings').replaceChildren(...live.map(b => this.booking(b)));
    document.getElementById('my-bookings-none').hidden = live.length > 0;
  }

  booking(b) {
    const own = b.patronId === this.page.patron();
    const place = this.zone(b.zoneId)?.name ?? b.zoneId;
    const title = b.kind === 'room' ? data(place) : [data(place), ' · ', data(b.resourceId)];
    const held = b.state === 'checked_in' || (b.kind === 'room' && b.state === 'booked');
    return el('li', {class: 'item', 'data-booking': b.id},
        el('h3', {}, title), el('p', {class: 'details'}, when(b.start, b.end)),
        el('p', {class: 'state place'}, this.state(b)),
        b.leaveUntil ? el('p', {}, t('bookings.leave', {time: moment(b.leaveUntil, false)})) : null,
        b.joinCode ? el('p', {class: 'code'}, t('bookings.code') + ' ', data(b.joinCode)) : null,
        own && held ? button('extend', 'action.extend',
            () => this.act('POST', 'api/reservations/' + b.id + '/extend', {minutes: 60},
                r => ['done.extended', {time: shown(() => moment(r.body.end, false))}])) : null,
        ...(own ? this.cancel(b) : []));
  }

  /** Cancel, with a room's deadline beside it; a room inside room-cancel-ahead is not offered it. */
  cancel(b) {
    const ahead = b.kind === 'room' ? (this.zone(b.zoneId)?.cancelAhead ?? 0) : 0;
    const until = new Date(Date.parse(b.start) - ahead * 60000).toISOString();
    const now = this.offer.now ? Date.parse(this.offer.now) : Date.now();
    if (ahead > 0 && now > Date.parse(until)) return [el('p', {class: 'details no-cancel'}, t('rules.noCancel'))];
    return [ahead > 0 ? el('p', {class: 'details cancel-by'}, t('rules.cancelBy', {time: moment(until, false)})) : null,
      button('cancel', 'action.cancel',
          () => this.act('POST', 'api/reservations/' + b.id + '/cancel', {}, () => ['done.cancelled']))];
  }

  state(b) {
    if (b.kind === 'room') {
      return b.state === 'forming' ? t('bookings.forming', {n: b.minGroup}) : t('bookings.roomBooked');
    }
    if (b.state === 'checked_in' && b.reportDue) return t('bookings.reported', {time: moment(b.reportDue, false)});
    return b.state === 'checked_in' ? t('bookings.checkedIn')
        : t('bookings.checkInBy', {time: moment(b.graceUntil, false)});
  }

  /** Fills the zone, start and length choices of a form; a choice no longer offered falls to the first. */
  renderForm(kind) {
    const zones = this.offer.zones.filter(z => z.kind === kind);
    const form = document.getElementById(kind === 'area' ? 'seat-form' : 'room-form');
    const c = this.chosen[kind];
    form.hidden = zones.length === 0;
    document.getElementById(kind === 'area' ? 'seat-none' : 'room-none').hidden = zones.length > 0;
    if (zones.length === 0) { c.zone = undefined; return; }
    const zone = zones.find(z => z.id === c.zone) ?? zones[0];
    c.zone = zone.id;
    const starts = [...(zone.openNow ? ['now'] : []), ...zone.starts];
    if (!starts.includes(c.start)) c.start = starts[0];
    if (!zone.lengths.map(String).includes(String(c.minutes))) c.minutes = String(zone.lengths[0]);
    const today = this.offer.now && new Date(this.offer.now).toDateString();
    form.elements.zone.replaceChildren(...zones.map(z => option(z.id, z.name, c.zone)));
    form.elements.start.replaceChildren(...starts.map(s => option(s, s === 'now' ? t('bookings.now')
        : t(new Date(s).toDateString() === today ? 'bookings.today' : 'bookings.tomorrow',
            {time: moment(s, false)}), c.start)));
    form.elements.minutes.replaceChildren(...zone.lengths.map(m => option(String(m), length(m), c.minutes)));
    form.elements.start.disabled = starts.length === 0;
    if (kind === 'room') {
      document.getElementById('room-group').textContent = t('bookings.group', {n: zone.minGroup});
      form.querySelector('button').disabled = starts.length === 0;
    }
  }

  renderFree() {
    const free = (this.free?.places ?? []).filter(p => p.free);
    const list = document.getElementById('free-seats');
    list.replaceChildren(...free.map(p => {
      const b = el('button', {type: 'button', class: 'seat', 'data-seat': p.id, translate: 'no'}, p.id);
      b.addEventListener('click', () => this.bookSeat(p.id));
      return el('li', {}, b);
    }));
    const none = document.getElementById('free-none');
    none.hidden = this.free === null || free.length > 0;
    document.getElementById('free-hint').hidden = free.length === 0;
  }

  async bookSeat(seat) {
    const c = this.chosen.area;
    await this.act('POST', 'api/reservations', this.request({seat}, c),
        r => ['done.seat', {seat: own(r.body.resourceId), time: shown(() => when(r.body.start, r.body.end))}]);
  }

  request(what, chosen) {
    const body = {...what, minutes: Number(chosen.minutes)};
    if (chosen.start !== 'now') body.start = chosen.start;
    return body;
  }

  renderViolations() {
    const now = this.offer.now ? Date.parse(this.offer.now) : Date.now();
    const ban = this.record.bans.find(b => !b.lifted && Date.parse(b.until) > now);
    document.getElementById('ban').textContent = ban ? t('bookings.banned', {time: moment(ban.until)}) : '';
    const violations = this.record.violations;
    document.getElementById('violations').replaceChildren(...violations.map(v => this.violation(v)));
    document.getElementById('violations-none').hidden = violations.length > 0;
  }

  violation(v) {
    const kind = t('violation.' + (['no_show', 'quota_missed', 'reported_absent'].includes(v.kind) ? v.kind : 'leave_overrun'));
    return el('li', {class: 'item', 'data-violation': v.id},
        el('h3', {}, kind),
        el('p', {class: 'details'}, moment(v.at), ' · ', data(v.seatId), v.exam ? ' · ' + t('violation.exam') : ''),
        v.state === 'voided' ? el('p', {class: 'state place'}, t('violation.voided')) : null,
        v.appeal ? this.appealState(v.appeal) : this.appealForm(v));
  }

  appealState(a) {
    const state = el('p', {class: 'state appeal ' + a.state}, t('appeal.' + a.state));
    return a.note ? [state, el('p', {class: 'details'}, t('appeal.note') + ' ', data(a.note))] : state;
  }

  appealForm(v) {
    const reason = el('textarea', {name: 'reason', maxlength: '1000', rows: '2'});
    reason.value = this.reasons[v.id] ?? '';
    reason.addEventListener('input', () => { this.reasons[v.id] = reason.value; });
    return [el('label', {}, t('appeal.reason'), reason), button('appeal', 'action.appeal', async () => {
      if (!reason.value.trim()) { this.page.done('appeal.missing', {}, 'error'); return; }
      if (await this.act('POST', 'api/reservations/violations/' + v.id + '/appeal', {reason: reason.value},
          () => ['done.appealed'])) delete this.reasons[v.id];
    })];
  }

  /** Sends the change; says what came of it, then draws everything anew either way. True on success. */
  async act(method, path, body, success, codes = {}) {
    const r = await this.page.call(method, path, body);
    if (r.ok) this.page.done(...success(r));
    else this.page.refused(r, codes);
    if (r.status !== 401) await this.load();
    return r.ok;
  }
}
