// The check-in by a seat's QR code (docs/reservations.md, "Check-in"). The printed code opens this page with
// ?seat=<seat id>; before sign-in the card says what signing in is for, after it the card offers the check-in
// of the patron's booking at that seat, says what came of it (each refusal by its code), or says there is no
// booking there and offers the Bookings tab. The hub decides: a seat with a sensor holds the booking only
// once it sees the patron sitting there before the grace period ends, so the card asks them to sit down.
// A patron without a booking here may report the seat as taken but empty (a peer report); a holder whose
// seat was reported checks in again here to keep it.

import {button, el, own, phrase} from './dom.js';
import {has, moment, t, when} from './strings.js';

/** A seat id as the hub's space model allows it; anything else in ?seat= is ignored. */
const SEAT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const LIVE = ['booked', 'checked_in'];

/** The string for key with {seat} as the library's own word (translate="no"), never translated text. */
function withSeat(key, seat, vars = {}) {
  return phrase(key, {...vars, seat: own(seat)});
}

export class SeatCheckIn {
  /** page: {call, refused(response), patron(), openBookings()}. */
  constructor(page) {
    this.page = page;
    const asked = new URLSearchParams(location.search).get('seat') ?? '';
    this.seat = SEAT_ID.test(asked) ? asked : '';
    this.signedIn = false;
    this.mine = null;
    /** The last refusal, as a string key, so a language switch says it again. */
    this.outcome = null;
  }

  /** Fetches the patron's bookings when a seat was scanned; answers false when the request failed. */
  async load() {
    this.signedIn = true;
    if (!this.seat) return true;
    const r = await this.page.call('GET', 'api/reservations');
    if (!r.ok) { this.page.refused(r); return false; }
    this.mine = r.body;
    this.render();
    return true;
  }

  signedOut() {
    this.signedIn = false;
    this.mine = null;
    this.outcome = null;
    this.render();
  }

  /** The patron's own live booking of this seat, the soonest first. */
  booking() {
    const own = (this.mine ?? []).filter(b => b.kind === 'seat' && b.patronId === this.page.patron());
    return own.filter(b => b.resourceId === this.seat && LIVE.includes(b.state))
        .sort((a, b) => a.start.localeCompare(b.start))[0];
  }

  render() {
    const card = document.getElementById('seat-card');
    card.hidden = !this.seat;
    if (!this.seat) return;
    if (!this.signedIn) {
      card.replaceChildren(el('h2', {}, withSeat('seat.title', this.seat)), el('p', {}, t('seat.signIn')));
      return;
    }
    if (this.mine === null) { card.replaceChildren(); return; }
    const b = this.booking();
    const outcome = this.outcome && el('p', {class: 'outcome', role: 'alert'}, t(this.outcome.key, this.outcome.vars));
    card.replaceChildren(...[...(b ? this.held(b) : this.none()), outcome].filter(Boolean));
  }

  /** The booking at this seat: the check-in button, or where the check-in stands. */
  held(b) {
    const time = el('p', {class: 'details'}, when(b.start, b.end));
    if (b.state === 'checked_in' && b.reportDue) {
      return [el('h2', {}, withSeat('seat.checkedIn', this.seat)), time,
        el('p', {class: 'state reported'}, t('bookings.reported', {time: moment(b.reportDue, false)})),
        button('check-in', 'action.checkIn', () => this.checkIn(b))];
    }
    if (b.state === 'checked_in') {
      return [el('h2', {}, withSeat('seat.checkedIn', this.seat)), time,
        el('p', {class: 'state place'}, t('seat.held', {time: moment(b.end, false)}))];
    }
    if (b.checkedInAt) {
      return [el('h2', {}, withSeat('seat.checkedIn', this.seat)), time,
        el('p', {class: 'state sit'}, t('seat.sitDown', {time: moment(b.graceUntil, false)}))];
    }
    return [el('h2', {}, withSeat('seat.title', this.seat)), time,
      el('p', {class: 'state'}, t('bookings.checkInBy', {time: moment(b.graceUntil, false)})),
      button('check-in', 'action.checkIn', () => this.checkIn(b))];
  }

  /** No booking here: say so, name the patron's booking elsewhere if any, and offer the Bookings tab. */
  none() {
    const elsewhere = (this.mine ?? []).filter(b => b.kind === 'seat' && b.patronId === this.page.patron()
        && LIVE.includes(b.state)).sort((a, b) => a.start.localeCompare(b.start))[0];
    const missed = (this.mine ?? []).find(b => b.resourceId === this.seat && b.state === 'no_show'
        && Date.parse(b.end) > Date.now());
    return [el('h2', {}, withSeat('seat.none', this.seat)),
      missed ? el('p', {class: 'state'}, t('seat.missed', {time: moment(missed.graceUntil, false)})) : null,
      elsewhere ? el('p', {class: 'details'}, withSeat('seat.elsewhere', elsewhere.resourceId,
          {time: when(elsewhere.start, elsewhere.end)})) : el('p', {class: 'details'}, t('seat.noneHint')),
      button('open-bookings', 'action.openBookings', () => this.page.openBookings()),
      button('report', 'action.report', () => this.report())];
  }

  /** A peer report of this seat: the answer (or the refusal by its code) is said on the card. */
  async report() {
    const r = await this.page.call('POST', 'api/reservations/report', {seat: this.seat});
    this.answered(r, () => ({key: 'done.reported', vars: {time: moment(r.body.due, false)}}));
    if (r.status !== 401) await this.load();
  }

  /** Keeps what came of a request for the card: success's sentence, or a refusal's by its code. */
  answered(r, success) {
    const key = 'refused.' + (r.body.code ?? '');
    if (r.ok) this.outcome = success();
    else if (r.status === 409 && has(key)) this.outcome = {key, vars: {}};
    else { this.outcome = null; this.page.refused(r); }
  }

  async checkIn(b) {
    const r = await this.page.call('POST', 'api/reservations/' + b.id + '/check-in', {seat: this.seat});
    // A reported booking on a seat with a sensor stays reported until the sensor sees the holder.
    this.answered(r, () => (r.body.reportDue
      ? {key: 'seat.sitDown', vars: {time: moment(r.body.reportDue, false)}} : null));
    if (r.status !== 401) await this.load();
  }
}
