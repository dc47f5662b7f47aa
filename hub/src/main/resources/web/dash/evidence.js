// A violation's evidence for the librarian who decides its appeal (docs/reservations.md, "Violations,
// penalties and appeals"): the booking, the seat sensor's presence intervals around it and the patron's gate
// passages of the 24 hours before, as one timeline, from GET /api/reservations/violations/{id}. What the
// hub recorded is shown as it is (seat, gate and source ids marked translate="no").

import { get } from './api.js';
import { h } from './dom.js';
import { t, time } from './i18n.js';

const id = (text) => h('span', { translate: 'no' }, text);

/** The evidence of one violation as a summary line and a timeline, oldest first. */
export async function evidence(violationId) {
  const e = await get('/api/reservations/violations/' + encodeURIComponent(violationId));
  return h('div.evidence', { 'data-evidence': violationId },
    h('p.evidence-summary',
      e.presence.length ? t('ev.presenceSeen', { n: e.presence.length }) : t('ev.presenceNone'), ' · ',
      e.gate.length ? t('ev.gateSeen', { n: e.gate.length }) : t('ev.gateNone')),
    h('ol.timeline', moments(e).map(([at, kind, label, data]) =>
      h('li', { 'data-kind': kind }, h('time', time(at)), ' ', label, data ? [' ', id(data)] : null))));
}

/** [time, kind, label, the hub's own word or null] for every moment the evidence holds, in time order. */
function moments(e) {
  const out = [];
  const b = e.booking;
  if (b) {
    out.push([b.start, 'booking', t('ev.start'), b.resourceId]);
    out.push([b.graceUntil, 'booking', t('ev.grace'), null]);
    if (b.checkedInAt) out.push([b.checkedInAt, 'booking', t('ev.checkIn'), b.checkInSource ?? null]);
    out.push([b.end, 'booking', t('ev.end'), null]);
  }
  for (const p of e.presence) {
    out.push([p.from, 'presence', t('ev.present'), null]);
    if (p.to) out.push([p.to, 'presence', t('ev.absent'), null]);
  }
  for (const g of e.gate) out.push([g.at, 'gate', t(g.direction === 'out' ? 'ev.gateOut' : 'ev.gateIn'), g.gate]);
  // A peer report names its reporter here, for staff only (the patron's own view never does).
  for (const r of e.reports ?? []) out.push([r.at, 'report', t('ev.reported'), r.reporterId]);
  out.push([e.violation.at, 'violation', t('ev.violation', { kind: t('vio.' + e.violation.kind) }), null]);
  return out.sort((x, y) => Date.parse(x[0]) - Date.parse(y[0]));
}
