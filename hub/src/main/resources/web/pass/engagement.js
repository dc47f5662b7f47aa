// The patron's events and volunteer shifts on the pass page (docs/engagement.md, "patron side"): lists
// drawn from /pass/api/events and /pass/api/volunteering, register/withdraw and sign-up/withdraw. Every
// answer that is not a success goes to page.refused(response), which says what happened in the patron's
// language; the lists are then fetched again, so the page never shows a stale place.

import {button, data, el} from './dom.js';
import {t, when} from './strings.js';

function count(n, one, many) {
  return n === 1 ? t(one) : t(many, {n});
}

/** Kind, time and room of an event or shift, as one line. */
function details(kind, item) {
  return el('p', {class: 'details'}, kind ? t('kind.' + kind) + ' · ' : '', when(item.startsAt, item.endsAt),
      item.zone ? [' · ' + t('room') + ' ', data(item.zone)] : []);
}

export class Engagement {
  /** page: {call(method, path) → {ok, status, body}, refused(response), done(key, vars)}. */
  constructor(page) {
    this.page = page;
    this.events = [];
    this.shifts = [];
    this.hours = [];
  }

  /** Fetches both lists and the hours, and draws them; false when the page has been told why not. */
  async load() {
    const [events, shifts, hours] = await Promise.all(
        ['api/events', 'api/volunteering', 'api/volunteering/hours'].map(path => this.page.call('GET', path)));
    for (const r of [events, shifts, hours]) if (!r.ok) { this.page.refused(r); return false; }
    this.events = events.body;
    this.shifts = shifts.body;
    this.hours = hours.body;
    this.render();
    return true;
  }

  render() {
    this.renderEvents();
    this.renderShifts();
  }

  renderEvents() {
    const mine = this.events.filter(m => m.registration);
    const open = this.events.filter(m => !m.registration && !m.event.cancelledAt);
    document.getElementById('my-events').replaceChildren(...mine.map(m => this.mine(m)));
    document.getElementById('event-list').replaceChildren(...open.map(m => this.offered(m)));
    document.getElementById('my-events-none').hidden = mine.length > 0;
    document.getElementById('events-none').hidden = open.length > 0;
  }

  mine({event, registration}) {
    const state = event.cancelledAt ? t('cancelled')
        : registration.checkedInAt ? t('mine.checkedIn')
        : registration.state === 'place' ? t('mine.place') : t('mine.waitlist', {n: registration.position});
    return el('li', {class: 'item', 'data-event': event.id},
        el('h3', {}, data(event.title)), details(event.kind, event),
        el('p', {class: 'state ' + registration.state}, state),
        event.cancelledAt || registration.checkedInAt ? null
            : button('withdraw', 'action.withdraw', () => this.act('DELETE', 'api/events/' + event.id + '/registration')));
  }

  offered({event, placesLeft, waitlist}) {
    const places = placesLeft > 0 ? count(placesLeft, 'places.one', 'places.left')
        : waitlist > 0 ? t('places.waiting', {n: waitlist}) : t('places.full');
    return el('li', {class: 'item', 'data-event': event.id},
        el('h3', {}, data(event.title)), details(event.kind, event), el('p', {class: 'places'}, places),
        button('register', placesLeft > 0 ? 'action.register' : 'action.waitlist',
            () => this.act('POST', 'api/events/' + event.id + '/registration', r =>
                r.body.state === 'place' ? ['done.place'] : ['done.waitlist', {n: r.body.position}])));
  }

  renderShifts() {
    const minutes = this.hours.reduce((sum, h) => sum + h.minutes, 0);
    const shifts = this.hours.reduce((sum, h) => sum + h.shifts, 0);
    const vars = {h: Math.floor(minutes / 60), m: minutes % 60, n: shifts};
    document.getElementById('hours').textContent = shifts === 0 ? t('shifts.creditedNone')
        : t(shifts === 1 ? 'shifts.creditedOne' : 'shifts.credited', vars);
    const open = this.shifts.filter(m => m.signup || !m.shift.cancelledAt);
    document.getElementById('shift-list').replaceChildren(...open.map(m => this.shift(m)));
    document.getElementById('shifts-none').hidden = open.length > 0;
  }

  shift({shift, slotsLeft, signup}) {
    const path = 'api/volunteering/' + shift.id + '/signup';
    const state = shift.cancelledAt ? t('cancelled')
        : signup ? t('mine.signedUp') : slotsLeft > 0 ? count(slotsLeft, 'slots.one', 'slots.left') : t('slots.full');
    return el('li', {class: 'item', 'data-shift': shift.id},
        el('h3', {}, data(shift.title)), details(null, shift),
        el('p', {class: signup ? 'state place' : 'places'}, state),
        shift.cancelledAt || signup?.checkedInAt ? null
            : signup ? button('withdraw', 'action.withdraw', () => this.act('DELETE', path))
            : slotsLeft > 0 ? button('signup', 'action.signup', () => this.act('POST', path, () => ['done.signedUp']))
            : null);
  }

  /** Sends the change; says what came of it, then draws the lists anew either way. */
  async act(method, path, success = () => ['done.withdrawn']) {
    const r = await this.page.call(method, path);
    if (r.ok) this.page.done(...success(r));
    else this.page.refused(r);
    if (r.status !== 401) await this.load();
  }
}
