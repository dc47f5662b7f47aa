// Building the page from data: text only (never HTML from the hub), so a name with "<" stays a name.

/** h('tr#id.row', {onclick}, child…): an element with an id after '#', classes after dots, attributes and children. */
export function h(spec, attrs = {}, ...children) {
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  const node = document.createElement(spec.match(/^[a-z0-9]*/)[0] || 'div');
  const id = spec.match(/#([\w-]+)/);
  if (id) node.id = id[1];
  const classes = [...spec.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
  if (classes.length) node.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.classList.add(...String(value).split(' ').filter(Boolean));
    else if (key === 'value') node.value = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function put(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let toastTimer = 0;

/** A short message at the bottom; kind "good" or "bad". */
export function toast(text, kind = '') {
  const node = document.getElementById('toast');
  node.textContent = text;
  node.className = 'toast ' + kind;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 5000);
}

/** An SVG document from the hub (a QR code) shown as an image, never parsed into this page. */
export function svgImage(svgText, alt) {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  return h('img', { src: url, alt, onload: () => URL.revokeObjectURL(url) });
}

/** A table with a header row; rows are arrays of cells or ready <tr> elements. */
export function table(headers, rows, cls = '') {
  return h('table' + (cls ? '.' + cls : ''),
    h('thead', h('tr', headers.map((x) => (x instanceof Node ? x : h('th', x))))),
    h('tbody', rows.map((r) => (r instanceof Node ? r : h('tr', r.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : h('td', c))))))));
}

/** A labelled form field. */
export function field(label, input) {
  return h('label.field', h('span', label), input);
}

/** Options for a <select>: [[value, text]…], with the current one selected. */
export function options(pairs, current) {
  return pairs.map(([v, text]) => h('option', { value: v, selected: String(v) === String(current) }, text));
}
