// The engagement page's events and volunteer shifts (engagement.js draws the page): upcoming and past ones
// with how full they are, a form to create each, cancel with a confirm, the registrations or sign-ups of one,
// and the volunteer hours of a period with their CSV. The hub validates: its 400 names the field, which is
// shown by its label next to the form and marked on the input; its reason is shown as the hub wrote it.

import { get, post } from '../api.js';
import { field, h, options, put, table, toast } from '../dom.js';
import { language, number, t, time } from '../i18n.js';

const KINDS = ['lecture', 'workshop', 'reading_club', 'other'];
const FIELDS = ['title', 'kind', 'zone', 'startsAt', 'endsAt', 'capacity', 'registrationOpens', 'registrationCloses',
  'slots', 'from', 'to', 'by'];
const DAY = 86400000;

/** The hub's refusal as the page says it: a field it names by the field's label, then the hub's reason. */
export function problem(e) {
  const m = /^field '([^']+)' (.*)$/s.exec(e.message || '');
  if (e.status === 400 && m) {
    return [h('b', FIELDS.includes(m[1]) ? t('eng.f.' + m[1]) : h('span', { translate: 'no' }, m[1])), ': ',
      h('span', { translate: 'no' }, m[2])];
  }
  return [t('error') + ': ', h('span', { translate: 'no' }, e.message)];
}

export function eventsPanel(zones) {
  const list = h('div#ev-list');
  const detail = h('div#ev-detail');
  async function load() {
    const now = Date.now();
    const q = new URLSearchParams({ from: new Date(now - 90 * DAY).toISOString(), to: new Date(now + 366 * DAY).toISOString() });
    const all = await get('/api/engagement/events?' + q);
    const row = (v) => eventRow(v, zones, now, { open: () => registrations(v.event, detail).catch(failed), cancel: () => cancel(v.event) });
    const upcoming = all.filter((v) => Date.parse(v.event.endsAt) > now);
    const past = all.filter((v) => Date.parse(v.event.endsAt) <= now).reverse();
    put(list, h('h3', t('ev.upcoming')), eventTable('ev-upcoming', upcoming.map(row)),
      h('h3', t('ev.past')), eventTable('ev-past', past.map(row)));
  }
  async function cancel(e) {
    if (!window.confirm(t('ev.cancelConfirm', { title: e.title }))) return;
    try {
      await post(`/api/engagement/events/${encodeURIComponent(e.id)}/cancel`);
      toast(t('ev.cancelled.done', { title: e.title }), 'good');
      await load();
    } catch (err) { failed(err); }
  }
  const form = creator('ev-form', t('ev.create'), [
    ['title', h('input', { maxlength: 200, size: 30 })],
    ['kind', h('select', options(KINDS.map((k) => [k, t('ev.kind.' + k)]), 'lecture'))],
    ['zone', zoneSelect(zones)],
    ['startsAt', h('input', { type: 'datetime-local', value: local(tomorrowAt(14)) }), instant],
    ['endsAt', h('input', { type: 'datetime-local', value: local(tomorrowAt(16)) }), instant],
    ['capacity', h('input', { type: 'number', min: 1, max: 10000, value: 30 }), count],
    ['registrationOpens', h('input', { type: 'datetime-local' }), instant],
    ['registrationCloses', h('input', { type: 'datetime-local' }), instant],
  ], '/api/engagement/events', load);
  const node = h('section.panel#events', h('h2', t('ev.title')), form, list, detail);
  return { node, load };
}

function eventTable(id, rows) {
  if (!rows.length) return h('p.empty#' + id, t('none'));
  return h('div#' + id, table([t('ev.col.title'), t('col.kind'), t('col.time'), t('ev.col.place'), t('ev.col.capacity'),
    t('ev.col.places'), t('ev.col.waitlist'), t('ev.col.checkedIn'), t('col.state'), ''], rows));
}

function eventRow({ event: e, counts: c }, zones, now, act) {
  const state = e.cancelledAt ? 'cancelled' : Date.parse(e.endsAt) <= now ? 'ended'
    : Date.parse(e.startsAt) <= now ? 'running' : 'scheduled';
  return h('tr', { 'data-event': e.id, 'data-state': state, onclick: act.open },
    h('td', { translate: 'no' }, e.title), h('td', t('ev.kind.' + e.kind)), h('td', when(e.startsAt, e.endsAt)),
    h('td', place(e.zone, zones)), h('td.num', number(e.capacity)),
    h('td.num.places', number(c.places)), h('td.num.waitlist', number(c.waitlist)), h('td.num.checked-in', number(c.checkedIn)),
    h('td', badge(state)),
    h('td.actions', state === 'scheduled' || state === 'running'
      ? h('button.danger.cancel', { onclick: (ev) => { ev.stopPropagation(); act.cancel(); } }, t('ev.cancel')) : null));
}

/** One event's registrations: places first, then the waitlist in order, with attendance. */
async function registrations(e, detail) {
  const list = await get(`/api/engagement/events/${encodeURIComponent(e.id)}/registrations`);
  put(detail, h('section.panel', { 'data-event': e.id },
    h('h3', h('span', { translate: 'no' }, e.title), ' ', h('small', t('ev.registrations'))),
    list.length ? table([t('ev.col.patron'), t('col.state'), t('ev.col.registeredAt'), t('ev.col.checkedIn')],
      list.map((r) => h('tr', { 'data-patron': r.patronId, 'data-state': r.state },
        h('td', { translate: 'no' }, r.patronId),
        h('td', r.state === 'place' ? t('ev.place') : t('ev.waitlisted', { n: r.position })),
        h('td', time(r.registeredAt)),
        h('td', r.checkedInAt ? [time(r.checkedInAt), ' · ', t('ev.by.' + r.checkedInBy)] : '—'))))
      : h('p.empty', t('ev.noRegistrations'))));
}

export function shiftsPanel(zones) {
  const list = h('div#vs-list');
  const detail = h('div#vs-detail');
  async function load() {
    const now = Date.now();
    const q = new URLSearchParams({ from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + 366 * DAY).toISOString() });
    const listed = await get('/api/engagement/shifts?' + q);
    const ended = (v) => Date.parse(v.shift.endsAt) <= now; // as the events: the next first, then the last ended
    const all = [...listed.filter((v) => !ended(v)), ...listed.filter(ended).reverse()];
    put(list, all.length ? table([t('ev.col.title'), t('col.time'), t('ev.col.place'), t('vs.col.signedUp'), t('col.state'), ''],
      all.map((v) => shiftRow(v, zones, now, { open: () => signups(v.shift, detail).catch(failed), cancel: () => cancel(v.shift) })))
      : h('p.empty', t('none')));
  }
  async function cancel(s) {
    if (!window.confirm(t('vs.cancelConfirm', { title: s.title }))) return;
    try {
      await post(`/api/engagement/shifts/${encodeURIComponent(s.id)}/cancel`);
      toast(t('ev.cancelled.done', { title: s.title }), 'good');
      await load();
    } catch (err) { failed(err); }
  }
  const form = creator('vs-form', t('vs.create'), [
    ['title', h('input', { maxlength: 200, size: 30 })],
    ['zone', zoneSelect(zones)],
    ['startsAt', h('input', { type: 'datetime-local', value: local(tomorrowAt(9)) }), instant],
    ['endsAt', h('input', { type: 'datetime-local', value: local(tomorrowAt(12)) }), instant],
    ['slots', h('input', { type: 'number', min: 1, max: 1000, value: 2 }), count],
  ], '/api/engagement/shifts', load);
  const node = h('section.panel#shifts', h('h2', t('vs.title')), form, list, detail);
  return { node, load };
}

function shiftRow({ shift: s, signedUp }, zones, now, act) {
  const state = s.cancelledAt ? 'cancelled' : Date.parse(s.endsAt) <= now ? 'ended'
    : Date.parse(s.startsAt) <= now ? 'running' : 'scheduled';
  return h('tr', { 'data-shift': s.id, 'data-state': state, onclick: act.open },
    h('td', { translate: 'no' }, s.title), h('td', when(s.startsAt, s.endsAt)), h('td', place(s.zone, zones)),
    h('td.num.signed-up', `${number(signedUp)} / ${number(s.slots)}`), h('td', badge(state)),
    h('td.actions', state === 'scheduled' || state === 'running'
      ? h('button.danger.cancel', { onclick: (ev) => { ev.stopPropagation(); act.cancel(); } }, t('vs.cancel')) : null));
}

/** One shift's volunteers, with their check-in and check-out. */
async function signups(s, detail) {
  const v = await get(`/api/engagement/shifts/${encodeURIComponent(s.id)}`);
  const list = v.signups || [];
  put(detail, h('section.panel', { 'data-shift': s.id },
    h('h3', h('span', { translate: 'no' }, s.title), ' ', h('small', t('vs.signups'))),
    list.length ? table([t('ev.col.patron'), t('vs.col.signedUpAt'), t('vs.col.in'), t('vs.col.out')],
      list.map((u) => h('tr', { 'data-patron': u.patronId }, h('td', { translate: 'no' }, u.patronId),
        h('td', time(u.signedUpAt)), h('td', time(u.checkedInAt)), h('td', time(u.checkedOutAt)))))
      : h('p.empty', t('vs.noSignups'))));
}

/** Credited volunteer time per patron for the shifts starting in a range of days, with its CSV. */
export function hoursPanel() {
  const day = (ms) => local(ms).slice(0, 10);
  const from = h('input#vh-from', { type: 'date', value: day(Date.now() - 29 * DAY) });
  const to = h('input#vh-to', { type: 'date', value: day(Date.now()) });
  const csv = h('a.button.csv#vh-csv', { download: 'volunteer-hours.csv' }, t('an.csv'));
  const body = h('div#vh-body');
  async function load() {
    const q = new URLSearchParams(); // a cleared date falls back to the API's default
    if (from.value) q.set('from', new Date(from.value + 'T00:00').toISOString());
    if (to.value) q.set('to', new Date(Date.parse(to.value + 'T00:00') + DAY).toISOString());
    csv.href = '/api/engagement/volunteer-hours?' + q + '&format=csv';
    const rows = await get('/api/engagement/volunteer-hours?' + q);
    put(body, rows.length ? table([t('ev.col.patron'), t('vh.time'), t('vh.shifts')],
      rows.map((r) => h('tr', { 'data-patron': r.patronId, 'data-minutes': r.minutes }, h('td', { translate: 'no' }, r.patronId),
        h('td.num', t('dur.h', { h: Math.floor(r.minutes / 60), m: r.minutes % 60 })), h('td.num', number(r.shifts)))))
      : h('p.empty', t('an.noData')));
    body.dataset.range = `${from.value}/${to.value}`;
  }
  const node = h('section.panel#volunteer-hours',
    h('div.panel-head', h('h2', t('vh.title')), csv),
    h('form.toolbar', { onchange: () => load().catch(failed), onsubmit: (e) => e.preventDefault() },
      field(t('sched.from'), from), field(t('sched.to'), to)),
    h('p.rule', t('vh.rule')), body);
  return { node, load };
}

/**
 * A form whose fields ([API name, input, read?]) are posted to `path` as JSON; empty ones are left out so the
 * hub's defaults apply. On a 400 the hub's reason is shown beside the form and the field it names is marked.
 */
function creator(id, title, fields, path, done) {
  const error = h('p.error#' + id + '-error', { 'aria-live': 'polite' });
  const clear = () => { put(error); fields.forEach(([, input]) => input.setCustomValidity('')); };
  const form = h('form#' + id, { novalidate: true, oninput: clear, onsubmit: async (e) => {
    e.preventDefault();
    clear();
    const body = {};
    for (const [name, input, read = (v) => v] of fields) {
      const value = read(input.value);
      if (value !== undefined && value !== '') body[name] = value;
    }
    try {
      await post(path, body);
      fields[0][1].value = ''; // the title: the times stay, for the next of a series
      await done();
      toast(t('eng.created'), 'good');
    } catch (err) {
      if (err.status !== 400) { failed(err); return; }
      put(error, problem(err));
      const named = fields.find(([name]) => err.message.startsWith(`field '${name}'`));
      if (named) { named[1].setCustomValidity(err.message); named[1].focus(); } // shown red by input:invalid
    }
  } },
  h('h3', title),
  h('div.toolbar', fields.map(([name, input]) => field(t('eng.f.' + name), Object.assign(input, { name }))),
    h('button.primary', { type: 'submit' }, t('eng.create'))),
  error);
  return form;
}

function zoneSelect(zones) {
  return h('select', options([['', t('eng.noZone')], ...[...zones].map(([id, name]) => [id, name])], ''));
}

function place(zone, zones) {
  return zone ? h('span', { translate: 'no' }, zones.get(zone) || zone) : '—';
}

function badge(state) {
  const kind = { cancelled: '.bad', running: '.good', scheduled: '', ended: '.warn' }[state];
  return h('span.badge' + kind, t('ev.state.' + state));
}

/** "Thu, 5 Mar 2026 14:00–16:00", in the page's language and the browser's time zone. */
function when(start, end) {
  const s = new Date(start);
  const e = new Date(end);
  const day = (d) => d.toLocaleDateString(language(), { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
  const clock = (d) => d.toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
  return day(s) === day(e) ? `${day(s)} ${clock(s)}–${clock(e)}` : `${day(s)} ${clock(s)} – ${day(e)} ${clock(e)}`;
}

const instant = (v) => (v ? new Date(v).toISOString() : undefined);
const count = (v) => (v === '' ? undefined : Number(v));
const failed = (e) => toast(e.message, 'bad');

function tomorrowAt(hour) {
  const d = new Date(Date.now() + DAY);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
}

/** A datetime-local value (YYYY-MM-DDTHH:MM) for the browser's clock. */
function local(ms) {
  const d = new Date(ms);
  return new Date(ms - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
