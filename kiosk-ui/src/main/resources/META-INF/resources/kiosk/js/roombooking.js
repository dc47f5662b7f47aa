// Booking the discussion room at its door (docs/kiosk.md, "Booking"): the patron who tapped their card picks a
// start (now, if the room is free now, or a later full or half hour today that today's bookings leave free)
// and a length (every 30 minutes from the hub's room-min to room-max), and the agent books the room's seat at
// the hub, which books the room with the patron as organiser (POST api/seats/{id}/book). The answer shows the
// join code large and how many more people must join with it; a refusal is the hub's code as a sentence.
import { el, post, toast } from './dom.js';
import { clock, t } from './i18n.js';

/** When the hub has sent no rules (docs/reservations.md's defaults). */
const DEFAULTS = { minMinutes: 30, maxMinutes: 120, groupSize: 3, formationMinutes: 15 };
const SLOT_MS = 30 * 60_000;
const MAX_STARTS = 6;
/** How long the answer with the join code stays on the door's screen, unless "Done" is pressed. */
const SHOWN_MS = 60_000;

let ctx;

export function init(context) {
  ctx = context;
}

function rules(state) {
  return state.kiosk.room ?? DEFAULTS;
}

export function start(state) {
  state.roomBooking = { start: null, minutes: rules(state).minMinutes };
  if (!freeNow(state)) state.roomBooking.start = laterStarts(state)[0]?.toISOString() ?? null;
  ctx.render();
}

export function stop(state) {
  state.roomBooking = null;
  ctx.render();
}

/** Local "HH:MM" of a time, as today's bookings from the hub are written. */
function hhmm(d) {
  return d.toTimeString().slice(0, 5);
}

/** Whether [from, from + minutes) meets none of today's bookings (all on the same day, so text compares). */
function free(state, from, minutes) {
  const to = new Date(from.getTime() + minutes * 60_000);
  const a = hhmm(from);
  const b = to.getDate() === from.getDate() ? hhmm(to) : '24:00';
  return (state.kiosk.bookings ?? []).every((x) => x.to <= a || b <= x.from);
}

/** The day's closing time today ("HH:MM"), or midnight when the kiosk knows no hours. */
function closes(state) {
  const day = (state.kiosk.hours ?? []).find((h) => h.open);
  return day?.closes ?? '24:00';
}

function freeNow(state) {
  const room = state.seats[0];
  return room?.state === 'free' && free(state, new Date(), rules(state).minMinutes);
}

/** The next full and half hours today that are free for the shortest booking and end before closing. */
function laterStarts(state) {
  const min = rules(state).minMinutes;
  const out = [];
  let at = Math.ceil((Date.now() + 1) / SLOT_MS) * SLOT_MS;
  const today = new Date().getDate();
  while (out.length < MAX_STARTS) {
    const from = new Date(at);
    const end = new Date(at + min * 60_000);
    const endText = end.getDate() === today ? hhmm(end) : '24:00';
    if (from.getDate() !== today || endText > closes(state)) break;
    if (free(state, from, min)) out.push(from);
    at += SLOT_MS;
  }
  return out;
}

function choice(chosen, data, text, onclick) {
  return el('button', { type: 'button', class: 'choice' + (chosen ? ' chosen' : ''), ...data, onclick, text });
}

/** The start and length choices, and the button that books. */
export function choices(state, seatId) {
  const b = state.roomBooking;
  const r = rules(state);
  const starts = [
    freeNow(state) ? choice(b.start === null, { 'data-start': 'now' }, t('booking.now'), () => { b.start = null; ctx.render(); }) : null,
    ...laterStarts(state).map((d) => {
      const iso = d.toISOString();
      return choice(b.start === iso, { 'data-start': iso }, t('booking.from', { time: clock(d).time }), () => { b.start = iso; ctx.render(); });
    }),
  ].filter(Boolean);
  const lengths = [];
  for (let m = r.minMinutes; m <= r.maxMinutes; m += 30) {
    lengths.push(choice(b.minutes === m, { 'data-minutes': String(m) }, t('roomBooking.minutes', { m }), () => { b.minutes = m; ctx.render(); }));
  }
  return el('div', { class: 'choices' },
    starts.length ? el('div', { class: 'row' }, starts) : el('span', { class: 'say', text: t('roomBooking.full') }),
    el('div', { class: 'row' }, lengths),
    starts.length ? el('button', { type: 'button', class: 'big', 'data-action': 'roomBooking.book', onclick: () => book(state, seatId), text: t('roomBooking.book') }) : null);
}

async function book(state, seatId) {
  const body = { minutes: state.roomBooking.minutes };
  if (state.roomBooking.start) body.start = state.roomBooking.start;
  let answer;
  try {
    answer = await post('api/seats/' + encodeURIComponent(seatId) + '/book', body);
  } catch {
    toast(t('roomBooking.other'), 'bad');
    return;
  }
  if (!answer.ok) {
    const code = answer.status === 400 ? 'invalid' : answer.body.code ?? 'other';
    toast(t('roomBooking.' + code), 'bad', 10000);
    return;
  }
  const a = answer.body;
  state.patron = null;
  state.roomBooking = null;
  state.roomBooked = {
    start: new Date(a.start),
    end: new Date(a.end),
    joinCode: a.joinCode ?? null,
    more: Math.max((a.groupSize ?? 1) - 1, 0),
    formation: rules(state).formationMinutes,
    until: Date.now() + SHOWN_MS,
  };
  // Shown in today's list at once; the hub's feed brings the same booking within a minute and replaces it.
  const booked = { from: hhmm(state.roomBooked.start), to: hhmm(state.roomBooked.end), size: a.groupSize, joinCode: a.joinCode };
  state.kiosk.bookings = [...(state.kiosk.bookings ?? []), booked].sort((x, y) => x.from.localeCompare(y.from));
  ctx.render();
}

/** The answer: the booking's time, the join code large, and how many more must join with it by when. */
export function answer(state) {
  const b = state.roomBooked;
  return el('div', { class: 'room-booked', id: 'room-booked' },
    el('span', { class: 'say', text: t('roomBooking.done', { from: clock(b.start).time, to: clock(b.end).time }) }),
    b.joinCode ? el('span', { class: 'label', text: t('room.joinCode') }) : null,
    b.joinCode ? el('span', { class: 'join-code', translate: 'no', text: b.joinCode }) : null,
    el('span', { class: 'say', text: b.more > 0 ? t('roomBooking.group', { n: b.more, m: b.formation }) : t('roomBooking.complete') }),
    el('button', { type: 'button', class: 'big secondary', 'data-action': 'action.done', onclick: () => { state.roomBooked = null; ctx.render(); }, text: t('action.done') }));
}

/** Forgets the answer once it has been on screen long enough; true when it did. */
export function expire(state) {
  if (state.roomBooked && Date.now() > state.roomBooked.until) {
    state.roomBooked = null;
    return true;
  }
  return false;
}
