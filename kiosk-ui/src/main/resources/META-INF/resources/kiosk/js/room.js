// Room (discussion room door): the room's state now, today's bookings when the hub sent them (with the
// current group's size and join code only if the booking carries them), check-in by card or code, and
// booking the room for the patron who tapped (roombooking.js).
import { button, done, init as initActions, seatButtons, secondsLeft } from './actions.js';
import { el, fill, seatLabel } from './dom.js';
import { t } from './i18n.js';
import * as booking from './roombooking.js';

const COLOURS = { free: 'var(--free)', reserved: 'var(--reserved)', occupied: 'var(--occupied)', away: 'var(--away)', out_of_order: 'var(--broken)' };

export function init(context) {
  initActions(context);
  booking.init(context);
}

export function render(state) {
  const room = state.seats[0];
  document.getElementById('room-name').textContent = room ? seatLabel(room.id) : '';
  const box = document.getElementById('room-state');
  box.textContent = room ? t('room.state.' + room.state) : '';
  box.style.background = room ? COLOURS[room.state] : 'transparent';
  box.style.color = room?.state === 'reserved' ? '#111' : '#fff';
  renderBookings(state.kiosk.bookings ?? []);
  renderPanel(state, room);
}

export function tick(state) {
  const had = Boolean(state.patron);
  const left = secondsLeft(state);
  const node = document.querySelector('#room-panel .left');
  if (booking.expire(state) || (had && !state.patron)) {
    if (!state.patron) state.roomBooking = null;
    render(state);
  } else if (node) node.textContent = t('seats.left', { s: left });
}

function renderBookings(bookings) {
  document.getElementById('room-bookings').hidden = bookings.length === 0;
  const now = new Date().toTimeString().slice(0, 5);
  fill(document.getElementById('bookings-list'), bookings.map((b) => {
    const current = b.from <= now && now < b.to;
    return el('li', { class: current ? 'now' : '' },
      el('span', { class: 'when', text: b.from + ' – ' + b.to }),
      current ? el('span', { class: 'badge', text: t('room.now') }) : null,
      b.size ? el('span', { text: t('room.people', { n: b.size }) }) : null,
      current && b.joinCode
        ? [el('span', { text: t('room.joinCode') }), el('span', { class: 'code', translate: 'no', text: b.joinCode })]
        : null);
  }));
}

function renderPanel(state, room) {
  const panel = document.getElementById('room-panel');
  if (state.roomBooked) {
    fill(panel, booking.answer(state));
    return;
  }
  if (!state.patron || !room) {
    state.roomBooking = null;
    fill(panel, el('span', { class: 'icon icon-card tap-icon' }), el('span', { class: 'say', text: t('room.tap') }));
    return;
  }
  if (state.roomBooking) {
    fill(panel,
      el('span', { class: 'say', text: t('roomBooking.choose') }),
      booking.choices(state, room.id),
      el('span', { class: 'left', text: t('seats.left', { s: secondsLeft(state) }) }),
      button('action.cancel', () => booking.stop(state), true));
    return;
  }
  const holds = state.patron.seat === room.id;
  fill(panel,
    el('span', { class: 'say', text: t('room.yours') }),
    holds ? seatButtons(room.id, room.state) : room.state === 'free' ? seatButtons(room.id, 'reserved').slice(0, 1) : null,
    holds ? null : button('action.bookRoom', () => booking.start(state), true),
    el('span', { class: 'left', text: t('seats.left', { s: secondsLeft(state) }) }),
    button('action.done', done, true));
}
