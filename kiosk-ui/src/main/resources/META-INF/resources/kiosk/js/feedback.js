// Feedback: one tap from 1 to 5, optional; the agent turns it into a feedback event. The screen thanks
// the patron and returns by itself, and returns too if nobody taps.
import { el, fill, post } from './dom.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const IDLE_MS = 20000;
const THANKS_MS = 3000;

let ctx;
let timer = 0;
let sent = false;

export function init(context) {
  ctx = context;
  document.getElementById('feedback-skip').addEventListener('click', leave);
}

function leave() {
  clearTimeout(timer);
  timer = 0;
  sent = false;
  ctx.show(ctx.home());
}

export function render(state) {
  if (!timer) timer = setTimeout(leave, IDLE_MS);
  document.getElementById('feedback-title').textContent = t('feedback.title.' + state.kiosk.mode);
  document.getElementById('feedback-thanks').hidden = !sent;
  document.getElementById('feedback-skip').hidden = sent;
  document.getElementById('scores').hidden = sent;
  fill(document.getElementById('scores'), [1, 2, 3, 4, 5].map((score) => el('button', {
    type: 'button', class: 'score', 'data-score': score, onclick: () => rate(score),
  }, face(score), el('span', { class: 'label', text: t('feedback.' + score) }))));
}

async function rate(score) {
  if (sent) return;
  sent = true;
  ctx.render();
  try {
    await post('api/feedback', { score });
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
