// Schedules (facilities): a building's weekly opening hours, holiday closures and exam-period hours, the
// actions at opening and closing, and a calendar of the next six weeks computed as the hub does.

import { api, get } from '../api.js';
import { field, h, options, put, toast } from '../dom.js';
import { language, t } from '../i18n.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ACTIONS = ['warning_blink', 'release_seats', 'lamps_off', 'outlets_off', 'common_lighting_on'];
const MOMENTS = ['atOpening', 'beforeClosing', 'atClosing'];

export async function render(view, params) {
  const model = await get('/api/spaces');
  const building = params[0] || model.buildings[0]?.id;
  const pick = h('select#schedule-building', { onchange: () => { location.hash = '#/schedules/' + encodeURIComponent(pick.value); } },
    options(model.buildings.map((b) => [b.id, b.name || b.id]), building));
  const schedule = await get('/api/schedules/' + encodeURIComponent(building));
  const weekly = Object.fromEntries(DAYS.map((d) => [d, h('input', { name: d, pattern: '\\d\\d:\\d\\d-\\d\\d:\\d\\d', placeholder: t('sched.closed'),
    value: schedule.weekly[d] && schedule.weekly[d] !== 'closed' ? schedule.weekly[d] : '' })]));
  const exceptions = h('tbody#exceptions');
  (schedule.exceptions || []).forEach((e) => exceptions.append(exceptionRow(e)));
  const warn = h('input#warn', { type: 'number', min: 0, max: 120, value: schedule.actions?.warnMinutesBeforeClose ?? 15 });
  const boxes = {};
  const actions = MOMENTS.map((m) => h('fieldset', h('legend', t('sched.' + m)), ACTIONS.map((a) => {
    boxes[m + '.' + a] = h('input', { type: 'checkbox', checked: (schedule.actions?.[m] || []).includes(a) });
    return h('label.check', boxes[m + '.' + a], t('act.' + a));
  })));
  const calendar = h('div#calendar');

  const current = () => ({
    weekly: Object.fromEntries(DAYS.map((d) => [d, weekly[d].value.trim() || 'closed'])),
    exceptions: [...exceptions.children].map(readException),
    actions: Object.assign({ warnMinutesBeforeClose: Number(warn.value) },
      Object.fromEntries(MOMENTS.map((m) => [m, ACTIONS.filter((a) => boxes[m + '.' + a].checked)]))),
  });
  const redraw = () => put(calendar, calendarView(current()));

  put(view,
    h('div.toolbar', field(t('sched.building'), pick)),
    h('form.panel#schedule', { oninput: redraw, onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api('PUT', '/api/schedules/' + encodeURIComponent(building), current());
        toast(t('saved'), 'good');
      } catch (err) { toast(err.message, 'bad'); }
    } },
    h('h2', t('sched.weekly')), h('p.hint', t('sched.hint')),
    h('div.week', DAYS.map((d) => field(t('day.' + d), weekly[d]))),
    h('h2', t('sched.exceptions')),
    h('table', h('thead', h('tr', ['sched.from', 'sched.to', 'sched.kind', 'sched.hours', 'sched.note', 'col.actions'].map((k) => h('th', t(k))))), exceptions),
    h('button', { type: 'button', onclick: () => { exceptions.append(exceptionRow({ kind: 'holiday', closed: true })); redraw(); } }, t('add')),
    h('h2', t('sched.actions')), field(t('sched.warn'), warn), h('div.moments', actions),
    h('p', h('button.primary', { type: 'submit', id: 'save-schedule' }, t('save')))),
    h('h2', t('sched.calendar')), calendar);
  redraw();
}

function exceptionRow(e) {
  const from = h('input', { type: 'date', value: e.date || e.from || '' });
  const to = h('input', { type: 'date', value: e.date || e.to || '' });
  const kind = h('select', options([['holiday', t('sched.holiday')], ['exam', t('sched.exam')]], e.kind || 'holiday'));
  const hours = h('input', { value: e.closed ? '' : e.hours || '', placeholder: t('sched.closed') });
  const note = h('input', { value: e.note || '' });
  const tr = h('tr', h('td', from), h('td', to), h('td', kind), h('td', hours), h('td', note),
    h('td', h('button', { type: 'button', onclick: () => { const f = tr.closest('form'); tr.remove(); f?.dispatchEvent(new Event('input')); } }, t('remove'))));
  tr.read = () => {
    const out = { from: from.value, to: to.value || from.value, kind: kind.value };
    if (hours.value.trim()) out.hours = hours.value.trim(); else out.closed = true;
    if (note.value.trim()) out.note = note.value.trim();
    return out;
  };
  return tr;
}

const readException = (tr) => tr.read();

/** The hub's rule (Schedule.day): a single-day exception beats a range; among equals the later one wins. */
export function dayOf(schedule, date) {
  const iso = date.toISOString().slice(0, 10);
  let best = null; let bestRank = null;
  schedule.exceptions.forEach((e, i) => {
    const from = e.date || e.from; const to = e.date || e.to || from;
    if (!from || iso < from || iso > to) return;
    const rank = [from === to ? 1 : 0, i];
    if (!bestRank || rank[0] > bestRank[0] || (rank[0] === bestRank[0] && rank[1] > bestRank[1])) { best = e; bestRank = rank; }
  });
  if (best) return { hours: best.closed ? null : best.hours, kind: best.kind || 'holiday', note: best.note || '' };
  const w = schedule.weekly[DAYS[(date.getUTCDay() + 6) % 7]];
  return { hours: w && w !== 'closed' ? w : null, kind: 'regular', note: '' };
}

function calendarView(schedule) {
  const today = new Date();
  const start = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const cells = [];
  for (let i = 0; i < 42; i++) {
    const d = new Date(start); d.setUTCDate(start.getUTCDate() + i);
    const day = dayOf(schedule, d);
    const label = d.toLocaleDateString(language(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
    cells.push(h('div.day', { 'data-kind': day.kind, 'data-open': String(!!day.hours), 'data-date': d.toISOString().slice(0, 10),
      class: d < start || i < (today.getDay() + 6) % 7 ? 'past' : '' },
    h('b', label), h('span', day.hours || t('sched.closed')),
    day.kind !== 'regular' ? h('small', t('sched.' + day.kind) + (day.note ? ' · ' : ''), h('span', { translate: 'no' }, day.note)) : null));
  }
  return h('div.calendar', DAYS.map((d) => h('div.dow', t('day.' + d))), cells);
}
