// Booking a seat at the kiosk (docs/kiosk.md, "Booking"): the patron who tapped their card picks a start
// (now or one of the next full hours) and a length, then a free seat. The hub decides (through the agent,
// POST api/seats/{id}/book); the page says what it answered, in the patron's language. Without the hub
// nothing is booked and the page says to walk up to a free seat instead.
import { el, post, seatLabel, toast } from './dom.js';
import { clock, t } from './i18n.js';

const LENGTHS = [60, 120, 240];
let ctx;

export function init(context) {
  ctx = context;
}

/** Booking mode on: the next seat tapped is booked rather than checked in. */
export function start(state) {
  state.booking = { start: null, minutes: 120 };
  ctx.render();
}

export function stop(state) {
  state.booking = null;
  ctx.render();
}

/** The next two full hours, as instants the agent passes to the hub. */
function laterSlots() {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  return [1, 2].map((h) => new Date(d.getTime() + h * 3_600_000));
}

/** The start and length choices of the panel. */
export function choices(state) {
  const b = state.booking;
  const starts = [null, ...laterSlots().map((d) => d.toISOString())].map((iso) => el('button', {
    type: 'button',
    class: 'choice' + (b.start === iso ? ' chosen' : ''),
    'data-start': iso ?? 'now',
    onclick: () => { b.start = iso; ctx.render(); },
    text: iso ? t('booking.from', { time: clock(new Date(iso)).time }) : t('booking.now'),
  }));
  const lengths = LENGTHS.map((m) => el('button', {
    type: 'button',
    class: 'choice' + (b.minutes === m ? ' chosen' : ''),
    'data-minutes': String(m),
    onclick: () => { b.minutes = m; ctx.render(); },
    text: t('booking.hours', { h: m / 60 }),
  }));
  return el('div', { class: 'choices' }, el('div', { class: 'row' }, starts), el('div', { class: 'row' }, lengths));
}

export async function book(state, seatId) {
  const body = { minutes: state.booking.minutes };
  if (state.booking.start) body.start = state.booking.start;
  let answer;
  try {
    answer = await post('api/seats/' + encodeURIComponent(seatId) + '/book', body);
  } catch {
    toast(t('booking.other'), 'bad');
    return;
  }
  if (!answer.ok) {
    toast(t('booking.' + (answer.body.code ?? 'other')), 'bad', 10000);
    return;
  }
  state.patron = null;
  state.booking = null;
  toast(t('booking.done', {
    seat: seatLabel(seatId),
    from: clock(new Date(answer.body.start)).time,
    to: clock(new Date(answer.body.end)).time,
  }), 'good', 8000);
  ctx.render();
}
