// The Bookings tab's long-term seat (docs/reservations.md, "Long-term seats"): in a library with a long-term
// area, the patron's hold (seat, until, this week's presence against the weekly quota) with "Give it up"
// after a confirm; without one, a form (area, weeks) and the seats free to hold that long, a tap holds one.
// The hub decides what is free (/pass/api/reservations/long-term/places?weeks=) and checks again on holding.

import {button, data, el, own, phrase} from './dom.js';
import {moment, t} from './strings.js';

/** A duration in the patron's words: hours, minutes, or both. */
function duration(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? t('bookings.hours', {h}) : h === 0 ? t('bookings.minutes', {m}) : t('longterm.hm', {h, m});
}

/** The string for key with {seat} as the library's own word (translate="no"), never translated text. */
function withSeat(key, seat) {
  return phrase(key, {seat: own(seat)});
}

/** A moment written when shown, so the notice said again after a language switch is in the new language. */
const later = iso => ({toString: () => moment(iso)});

function option(value, text, chosen) {
  const o = el('option', {value}, text);
  o.selected = value === chosen;
  return o;
}

/** A refusal of a hold by its code, said as the long-term sentence where one fits better than the booking's. */
const REFUSALS = ['already_booked', 'seat_taken', 'not_long_term'];

export class LongTerm {
  /** page: {call, refused(response, codes), done(key, vars), reload()}. */
  constructor(page) {
    this.page = page;
    this.mine = [];
    this.offer = {zones: []};
    this.chosen = {zone: undefined, weeks: '1'};
    this.confirming = false;
    this.asked = 0;
    document.getElementById('long-term-form').addEventListener('change', e => {
      this.chosen[e.target.name] = e.target.value;
      this.renderForm();
      this.loadPlaces();
    });
  }

  /** Fetches the patron's holds and the offer for the chosen weeks. False when a request failed. */
  async load() {
    const r = await this.page.call('GET', 'api/reservations/long-term');
    if (!r.ok) { this.page.refused(r); return false; }
    this.mine = r.body;
    return this.loadPlaces();
  }

  /** The offer for the chosen weeks; the latest answer wins. */
  async loadPlaces() {
    const asked = ++this.asked;
    const r = await this.page.call('GET', 'api/reservations/long-term/places?weeks=' + this.chosen.weeks);
    if (asked !== this.asked) return true;
    if (!r.ok) { this.page.refused(r); return false; }
    this.offer = r.body;
    this.render();
    return true;
  }

  held() {
    return this.mine.find(h => h.state === 'active');
  }

  zone(id) {
    return this.offer.zones.find(z => z.id === id);
  }

  render() {
    const hold = this.held();
    document.getElementById('long-term').hidden = !hold && this.offer.zones.length === 0;
    document.getElementById('long-term-hold').replaceChildren(...(hold ? [this.hold(hold)] : []));
    if (!hold) this.confirming = false;
    for (const id of ['long-term-form', 'long-term-seats']) document.getElementById(id).hidden = Boolean(hold);
    this.renderForm();
    this.renderSeats();
  }

  hold(h) {
    const place = this.zone(h.zoneId)?.name ?? h.zoneId;
    const week = h.thisWeek;
    return el('li', {class: 'item', 'data-long-term': h.id},
        el('h3', {}, data(place), ' · ', data(h.seatId)),
        el('p', {class: 'state place until'}, t('longterm.until', {time: moment(h.until)})),
        week ? el('p', {class: 'details week'}, t('longterm.thisWeek', {done: duration(week.minutes),
          quota: duration(h.quotaMinutes), time: moment(week.until)})) : null,
        this.confirming ? this.confirm(h) : button('give-up', 'action.giveUp', () => {
          this.confirming = true;
          this.render();
        }));
  }

  /** Giving a seat up cannot be undone (someone else may take it at once), so it is asked once more. */
  confirm(h) {
    return [el('p', {class: 'state confirm'}, withSeat('longterm.confirm', h.seatId)),
      button('give-up-yes', 'action.giveUpYes', async () => {
        this.confirming = false;
        await this.act('api/reservations/long-term/' + h.id + '/cancel', {}, () => ['longterm.given']);
      }),
      button('keep', 'action.keep', () => {
        this.confirming = false;
        this.render();
      })];
  }

  /** Fills the area and weeks choices; a choice no longer offered falls to the first. */
  renderForm() {
    const form = document.getElementById('long-term-form');
    const zones = this.offer.zones;
    if (zones.length === 0) return;
    const zone = this.zone(this.chosen.zone) ?? zones[0];
    this.chosen.zone = zone.id;
    const weeks = Array.from({length: zone.maxWeeks}, (_, i) => String(i + 1));
    if (!weeks.includes(this.chosen.weeks)) this.chosen.weeks = weeks[0];
    form.elements.zone.replaceChildren(...zones.map(z => option(z.id, z.name, zone.id)));
    form.elements.weeks.replaceChildren(...weeks.map(w => option(w,
        w === '1' ? t('longterm.week') : t('longterm.weeksN', {n: w}), this.chosen.weeks)));
    document.getElementById('long-term-rule').textContent = t('longterm.rule',
        {quota: duration(zone.quotaMinutes), time: moment(zone.until)});
  }

  renderSeats() {
    const hold = this.held();
    const seats = hold || String(this.offer.weeks) !== this.chosen.weeks ? []
        : this.zone(this.chosen.zone)?.seats ?? [];
    document.getElementById('long-term-seats').replaceChildren(...seats.map(seat => {
      const b = el('button', {type: 'button', class: 'seat', 'data-long-term-seat': seat, translate: 'no'}, seat);
      b.addEventListener('click', () => this.act('api/reservations/long-term',
          {seat, weeks: Number(this.chosen.weeks)},
          r => ['longterm.done', {time: later(r.body.until)}]));
      return el('li', {}, b);
    }));
    const offered = !hold && this.offer.zones.length > 0;
    document.getElementById('long-term-hint').hidden = !offered || seats.length === 0;
    document.getElementById('long-term-none').hidden = !offered || seats.length > 0
        || String(this.offer.weeks) !== this.chosen.weeks;
  }

  /** Sends the change, says what came of it, then the whole tab is fetched again either way. */
  async act(path, body, success) {
    const r = await this.page.call('POST', path, body);
    if (r.ok) this.page.done(...success(r));
    else this.page.refused(r, REFUSALS.includes(r.body.code) ? {409: 'longterm.refused.' + r.body.code} : {});
    if (r.status !== 401) await this.page.reload();
    return r.ok;
  }
}
