// Seat actions for the patron who just tapped a card at this kiosk: check-in, temporary leave,
// check-out. The agent decides; the page says what happened in the patron's language. After a check-out
// the kiosk asks for a one-tap score.
import { el, post, seatLabel, toast } from './dom.js';
import { t } from './i18n.js';

let ctx;

export function init(context) {
  ctx = context;
}

export async function act(seatId, action) {
  let answer;
  try {
    answer = await post('api/seats/' + encodeURIComponent(seatId) + '/' + action);
  } catch {
    toast(t('error.other'), 'bad');
    return;
  }
  if (!answer.ok) {
    toast(t('error.' + (answer.body.code ?? 'other')), 'bad');
    return;
  }
  ctx.state.patron = null;
  toast(t('done.' + action, { seat: seatLabel(seatId) }), 'good', 6000);
  if (action === 'check-out') {
    ctx.show('feedback');
  } else {
    ctx.render();
  }
}

/** Seconds left for the tapped patron; clears the patron when the time is up. */
export function secondsLeft(state) {
  if (!state.patron) return 0;
  const left = Math.ceil((state.patron.until - Date.now()) / 1000);
  if (left <= 0) state.patron = null;
  return Math.max(left, 0);
}

/** The buttons for the seat the patron holds, by its state. */
export function seatButtons(seat, state) {
  const buttons = [];
  if (state === 'reserved') buttons.push(button('action.checkin', () => act(seat, 'check-in')));
  if (state === 'away') buttons.push(button('action.back', () => act(seat, 'check-in')));
  if (state === 'occupied') buttons.push(button('action.leave', () => act(seat, 'leave'), true));
  buttons.push(button('action.checkout', () => act(seat, 'check-out'), true));
  return buttons;
}

export function button(key, onclick, secondary = false) {
  return el('button', { type: 'button', class: 'big' + (secondary ? ' secondary' : ''), 'data-action': key, onclick, text: t(key) });
}

/** Forget the patron now (the "Done" button). */
export function done() {
  ctx.state.patron = null;
  ctx.render();
}
