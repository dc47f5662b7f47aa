// What the pass page's lists share: elements built from data (never HTML), the library's own words marked
// translate="no", and buttons that hold every other list button while their request runs.

import {t} from './strings.js';

/** An element with attributes and children (strings become text, never HTML). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) e.setAttribute(name, value);
  for (const child of children.flat()) if (child !== null) e.append(child);
  return e;
}

/** The library's own words (titles, room and seat ids, codes) are shown as they are, not translated. */
export const data = text => el('span', {translate: 'no'}, text);

/** A var of phrase() that is the library's own word: it goes into the sentence as data(), not as text. */
class Own {
  constructor(text) { this.text = String(text); }
}

export const own = text => new Own(text);

/**
 * The string for key as text and data() spans, each var made with own() a span of its own: a seat id or a
 * join code inside a sentence is marked translate="no" like every other id on the page.
 */
export function phrase(key, vars = {}) {
  const words = [];
  const marked = Object.fromEntries(Object.entries(vars).map(([name, value]) =>
      [name, value instanceof Own ? '\u0001' + (words.push(value.text) - 1) + '\u0002' : value]));
  return t(key, marked).split(/\u0001(\d+)\u0002/)
      .map((part, i) => (i % 2 === 1 ? data(words[Number(part)]) : part))
      .filter(part => part !== '');
}

/** A button labelled by a string key; while its action runs, every list button is disabled. */
export function button(cls, label, action) {
  const b = el('button', {type: 'button', class: cls}, t(label));
  b.addEventListener('click', async () => {
    for (const other of document.querySelectorAll('.item button')) other.disabled = true;
    try { await action(); } finally { for (const other of document.querySelectorAll('.item button')) other.disabled = false; }
  });
  return b;
}
