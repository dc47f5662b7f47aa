// Feedback: one tap from 1 to 5, optional; the agent turns it into a feedback event. After the tap the
// patron may add what it was about (one-tap topics, or a line typed where the kiosk has a keyboard) and
// send; walking away sends the score alone, so the one tap always counts. The screen thanks the patron and
// returns by itself, and returns too if nobody taps.
import { el, fill, post } from './dom.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const IDLE_MS = 20000;
const COMMENT_MS = 15000;
const THANKS_MS = 3000;
/** Topics a patron can tap instead of typing; their words go into the comment in the patron's language. */
const TOPICS = ['noise', 'temperature', 'seats', 'wifi', 'power', 'lighting', 'cleanliness', 'staff'];

let ctx;
let timer = 0;
let score = 0;
let topics = new Set();
let sent = false;

export function init(context) {
  ctx = context;
  document.getElementById('feedback-skip').addEventListener('click', leave);
  document.getElementById('feedback-send').addEventListener('click', send);
}

/** Done here: back home, unless a gate decision has taken the screen meanwhile (then it stays). */
function leave() {
  clearTimeout(timer);
  timer = 0;
  score = 0;
  topics = new Set();
  sent = false;
  document.getElementById('feedback-comment').value = '';
  if (ctx.state.screen === 'feedback') ctx.show(ctx.home());
}

export function render(state) {
  if (!timer) timer = setTimeout(leave, IDLE_MS);
  document.getElementById('feedback-title').textContent = t('feedback.title.' + state.kiosk.mode);
  document.getElementById('feedback-thanks').hidden = score === 0;
  document.getElementById('feedback-skip').hidden = sent || score > 0;
  document.getElementById('scores').hidden = sent;
  document.getElementById('feedback-more').hidden = sent || score === 0;
  document.getElementById('feedback-comment').placeholder = t('feedback.comment');
  fill(document.getElementById('scores'), [1, 2, 3, 4, 5].map((n) => el('button', {
    type: 'button', class: 'score' + (n === score ? ' chosen' : ''), 'data-score': n, onclick: () => rate(n),
  }, face(n), el('span', { class: 'label', text: t('feedback.' + n) }))));
  fill(document.getElementById('feedback-topics'), TOPICS.map((topic) => el('button', {
    type: 'button',
    class: 'topic' + (topics.has(topic) ? ' chosen' : ''),
    'data-topic': topic,
    'aria-pressed': String(topics.has(topic)),
    text: t('feedback.topic.' + topic),
    onclick: () => toggle(topic),
  })));
}

/** The tap: the score is chosen (a second tap changes it); the patron may now say more, or walk away. */
function rate(n) {
  if (sent) return;
  score = n;
  clearTimeout(timer);
  timer = setTimeout(send, COMMENT_MS);
  ctx.render();
}

function toggle(topic) {
  if (topics.has(topic)) topics.delete(topic);
  else topics.add(topic);
  ctx.render();
}

/** The tapped topics in the patron's words, then what they typed. */
function comment() {
  const typed = document.getElementById('feedback-comment').value.trim();
  return [...TOPICS.filter((topic) => topics.has(topic)).map((topic) => t('feedback.topic.' + topic)), typed]
    .filter(Boolean)
    .join('; ')
    .slice(0, 500);
}

async function send() {
  if (sent || score === 0) return;
  sent = true;
  const body = { score };
  const said = comment();
  if (said) body.comment = said;
  ctx.render();
  try {
    await post('api/feedback', body);
  } catch {
    // a lost score is not worth troubling the patron with
  }
  clearTimeout(timer);
  timer = setTimeout(leave, THANKS_MS);
}

/** A face drawn, not typed: no colour-emoji font is needed on the Pi. The mouth curves with the score. */
function face(score) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 48 48');
  svg.setAttribute('class', 'face');
  svg.setAttribute('aria-hidden', 'true');
  const bend = 30 + (score - 3) * 6;
  const hue = ['#ff5a5f', '#ff9a3c', '#ffd23f', '#9be15d', '#2ecc71'][score - 1];
  for (const [tag, attrs] of [
    ['circle', { cx: 24, cy: 24, r: 21, fill: hue }],
    ['circle', { cx: 17, cy: 19, r: 3, fill: '#111' }],
    ['circle', { cx: 31, cy: 19, r: 3, fill: '#111' }],
    ['path', { d: `M14 31 Q24 ${bend} 34 31`, fill: 'none', stroke: '#111', 'stroke-width': 3.5, 'stroke-linecap': 'round' }],
  ]) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    svg.append(node);
  }
  return svg;
}
