// Gate result: a welcome with the patron's reminders, a refusal with its reason and what to do, or a
// goodbye at the exit with the reminders, after which the kiosk asks how the visit was. The screen moves on
// by itself; a new decision replaces the one shown.
import { el, fill } from './dom.js';
import { t } from './i18n.js';

const GREETING_MS = 7000;
const PER_REMINDER_MS = 2000;
const REFUSAL_MS = 10000;
const FAREWELL_MS = 5000;

let ctx;
let shown = null;
let timer = 0;

export function init(context) {
  ctx = context;
}

export function greeting(g) {
  const ms = Math.min(GREETING_MS + PER_REMINDER_MS * g.reminders.length, 16000);
  present({ kind: 'allow', name: g.shortName, reminders: g.reminders }, ms);
}

export function refusal(r) {
  present({ kind: 'deny', reason: r.reason, hint: r.hint }, REFUSAL_MS);
}

export function farewell(f) {
  const ms = Math.min(FAREWELL_MS + PER_REMINDER_MS * f.reminders.length, 14000);
  present({ kind: 'bye', name: f.shortName, reminders: f.reminders }, ms, 'feedback');
}

function present(decision, ms, next = null) {
  shown = decision;
  clearTimeout(timer);
  timer = setTimeout(() => {
    shown = null;
    ctx.show(next ?? ctx.home());
  }, ms);
  restartCountdown(ms);
  ctx.show('result');
}

function restartCountdown(ms) {
  const fill = document.getElementById('result-fill');
  fill.getAnimations().forEach((a) => a.cancel());
  fill.animate([{ transform: 'scaleX(1)' }, { transform: 'scaleX(0)' }], { duration: ms, easing: 'linear' });
}

export function render() {
  if (!shown) return;
  const verdict = document.getElementById('verdict');
  verdict.className = 'verdict ' + shown.kind;
  const title = document.getElementById('verdict-title');
  const sub = document.getElementById('verdict-sub');
  if (shown.kind === 'allow' || shown.kind === 'bye') {
    const words = shown.kind === 'allow' ? 'greeting' : 'farewell';
    fill(title, shown.name
      ? [el('span', { text: t(words + '.helloName') }), el('span', { translate: 'no', text: shown.name })]
      : [el('span', { text: t(words + '.hello') })]);
    sub.textContent = t(words + '.go');
    document.getElementById('reminders').hidden = shown.reminders.length === 0;
    fill(document.getElementById('reminders-list'), shown.reminders.map((line) => el('li', { text: line })));
    document.getElementById('todo').hidden = true;
  } else {
    title.textContent = t('refusal.title');
    sub.textContent = t('reason.' + shown.reason);
    document.getElementById('reminders').hidden = true;
    document.getElementById('todo').hidden = false;
    document.getElementById('todo-text').textContent = t('hint.' + shown.hint);
  }
}
