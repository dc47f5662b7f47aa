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

/** A button labelled by a string key; while its action runs, every list button is disabled. */
export function button(cls, label, action) {
  const b = el('button', {type: 'button', class: cls}, t(label));
  b.addEventListener('click', async () => {
    for (const other of document.querySelectorAll('.item button')) other.disabled = true;
    try { await action(); } finally { for (const other of document.querySelectorAll('.item button')) other.disabled = false; }
  });
  return b;
}
