// Seat map (reading room): every seat live, coloured and worded by state. A tap on the kiosk's reader
// lets the patron choose a free seat (to sit down now, or to book it at the hub), or take a leave from or
// check out of the seat they hold.
import { act, button, done, init as initActions, seatButtons, secondsLeft } from './actions.js';
import * as booking from './booking.js';
import { el, fill, seatLabel, toast } from './dom.js';
import { t } from './i18n.js';

const STATES = ['free', 'reserved', 'occupied', 'away', 'out_of_order'];

export function init(context) {
  initActions(context);
  booking.init(context);
}

export function render(state) {
  fill(document.getElementById('legend'), STATES.map((s) => {
    const count = state.seats.filter((seat) => seat.state === s).length;
    return el('li', {}, el('span', { class: 'swatch s-' + s }), el('span', { text: t('state.' + s) }),
      el('b', { text: String(count) }));
  }));
  const mine = state.patron?.seat;
  const grid = document.getElementById('seat-grid');
  grid.classList.toggle('choosing', Boolean(state.patron));
  fill(grid, state.seats.map((seat) => el('button', {
    type: 'button',
    class: 'seat s-' + seat.state + (seat.id === mine ? ' mine' : ''),
    'data-seat': seat.id,
    'data-state': seat.state,
    onclick: () => chose(state, seat),
  }, el('span', { class: 'num', text: seatLabel(seat.id) }), el('span', { class: 'word', text: t('state.' + seat.state) }))));
  fit(grid, state.seats.length);
  renderPanel(state);
}

/** Every seat on screen at once, as large as the screen allows: the columns that give the biggest tiles. */
function fit(grid, n) {
  const w = grid.clientWidth;
  const h = grid.clientHeight;
  if (!n || !w || !h) return;
  let best = 1;
  let bestSize = 0;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const size = Math.min(w / cols, (h / rows) * 1.6);
    if (size > bestSize) { best = cols; bestSize = size; }
  }
  grid.style.gridTemplateColumns = `repeat(${best}, 1fr)`;
  grid.style.gridTemplateRows = `repeat(${Math.ceil(n / best)}, 1fr)`;
}

export function tick(state) {
  const had = Boolean(state.patron);
  const left = secondsLeft(state);
  const node = document.querySelector('#seat-panel .left');
  if (had && !state.patron) {
    state.booking = null;
    render(state);
  }
  else if (node) node.textContent = t('seats.left', { s: left });
}

function chose(state, seat) {
  if (!state.patron) {
    toast(t('error.tap_first'), 'bad');
    return;
  }
  if (seat.id === state.patron.seat) return;
  if (seat.state !== 'free') {
    toast(t('error.' + (seat.state === 'reserved' ? 'seat_reserved' : seat.state === 'out_of_order' ? 'seat_out_of_order' : 'seat_taken')), 'bad');
    return;
  }
  if (state.booking) booking.book(state, seat.id);
  else act(seat.id, 'check-in');
}

function renderPanel(state) {
  const panel = document.getElementById('seat-panel');
  if (!state.patron) {
    state.booking = null;
    fill(panel, el('span', { class: 'icon icon-card tap-icon' }), el('span', { class: 'say', text: t('seats.tap') }));
    return;
  }
  if (state.booking) {
    fill(panel,
      el('span', { class: 'say', text: t('booking.choose') }),
      booking.choices(state),
      el('span', { class: 'left', text: t('seats.left', { s: secondsLeft(state) }) }),
      button('action.cancel', () => booking.stop(state), true));
    return;
  }
  const { seat } = state.patron;
  const held = seat ? state.seats.find((s) => s.id === seat) : null;
  fill(panel,
    el('span', { class: 'say', text: held ? t('seats.yours', { seat: seatLabel(seat) }) : t('seats.choose') }),
    held ? seatButtons(seat, held.state) : button('action.book', () => booking.start(state), true),
    el('span', { class: 'left', text: t('seats.left', { s: secondsLeft(state) }) }),
    button('action.done', done, true));
}
