// Idle (gate): the library's name, today's hours, free seats per zone (only when the hub sent them),
// how to enter, the QR code of the patron web page, and a way to rate the visit.
import { el, fill } from './dom.js';
import { pick, t } from './i18n.js';

let ctx;

export function init(context) {
  ctx = context;
  document.getElementById('rate').addEventListener('click', () => ctx.show('feedback'));
  document.getElementById('qr-img').src = 'api/qr.svg';
}

export function render(state) {
  const k = state.kiosk;
  renderHours(k.hours ?? []);
  renderZones(k.zones ?? []);
  document.getElementById('qr').hidden = !k.qr;
}

/** Each building's hours today; the card stays hidden when the hub has sent no schedule. */
function renderHours(hours) {
  document.getElementById('hours').hidden = hours.length === 0;
  fill(document.getElementById('hours-list'), hours.map((day) => {
    if (!day.open) return el('div', { class: 'closed', text: t('hours.closed') });
    const kind = day.kind === 'exam' || day.kind === 'holiday'
      ? el('span', { class: 'badge', text: t('hours.kind.' + day.kind) })
      : null;
    return el('div', { class: 'hours-line' },
      el('span', { class: 'hours-time', text: day.opens + ' – ' + day.closes }), kind);
  }));
}

/** Free seats per zone, as the hub counts them; nothing at all when it sent no counts. */
function renderZones(zones) {
  document.getElementById('zones').hidden = zones.length === 0;
  fill(document.getElementById('zones-list'), zones.map((z) => {
    const share = z.total > 0 ? Math.round((z.free / z.total) * 100) : 0;
    return el('li', {},
      el('span', { class: 'name', text: pick(z.name) }),
      el('span', { class: 'count', text: t('zones.free', { free: z.free, total: z.total }) }),
      el('div', { class: 'meter' }, el('div', { style: 'width:' + share + '%' })));
  }));
}
