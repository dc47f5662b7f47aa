// Small helpers shared by the screens: building elements (text only, never HTML from data), the toast,
// and the agent's JSON API.

/** An element with attributes and children; strings become text nodes, so data is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'onclick') node.addEventListener('click', value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a container's children. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

let toastTimer = 0;

/** A short message over the screen; kind is "good", "bad" or nothing. */
export function toast(text, kind = '', ms = 4000) {
  const node = document.getElementById('toast');
  node.textContent = text;
  node.className = 'toast' + (kind ? ' ' + kind : '');
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, ms);
}

export async function getJson(path) {
  const res = await fetch(path, { cache: 'no-store' });
  if (!res.ok) throw new Error(path + ' answered ' + res.status);
  return res.json();
}

/** POSTs JSON; resolves to {ok, status, body} whatever the status, rejects only when the agent is gone. */
export async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  let parsed = {};
  try { parsed = await res.json(); } catch { /* an empty or non-JSON answer */ }
  return { ok: res.ok, status: res.status, body: parsed };
}

/** The number a patron reads for a seat: "desk-07" shows as "07"; an id without digits as itself. */
export function seatLabel(id) {
  const m = /(\d+)$/.exec(id);
  return m ? m[1] : id;
}
