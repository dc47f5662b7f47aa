// One EventSource on /api/stream for the whole page, shared by the pages that show live state. It
// reconnects by itself; after an "overflow" (the page fell behind) or a reconnect the pages re-read state.

import { checkSession } from './api.js';

const handlers = new Map(); // event name -> Set of functions
const resyncs = new Set();
let source = null;
let opened = false;

function connect() {
  source = new EventSource('/api/stream');
  for (const name of ['seat', 'presence', 'lamp', 'outlet', 'command']) {
    source.addEventListener(name, (e) => dispatch(name, JSON.parse(e.data)));
  }
  source.addEventListener('overflow', () => { source.close(); resync(); connect(); });
  source.onopen = () => {
    setIndicator(true);
    if (opened) resync(); // changes made while disconnected were missed
    opened = true;
  };
  source.onerror = () => {
    setIndicator(false);
    checkSession(); // an ended session looks like a dropped stream from here
  };
}

// A page the browser keeps in its back/forward cache keeps its connections, and Chrome allows six per host:
// a few pages left that way held every one, and the page in use could not send a request. So the stream closes
// when the page is hidden and opens again (reading the state afresh: onopen) if the page comes back.
window.addEventListener('pagehide', () => {
  if (source) source.close();
  source = null;
});
window.addEventListener('pageshow', (e) => {
  if (e.persisted && !source && [...handlers.values()].some((set) => set.size)) connect();
});

function dispatch(name, data) {
  for (const fn of handlers.get(name) || []) fn(data, name);
}

function resync() {
  for (const fn of resyncs) fn();
}

function setIndicator(up) {
  const node = document.getElementById('live');
  node.hidden = false;
  node.classList.toggle('down', !up);
  node.dataset.state = up ? 'up' : 'down';
}

/**
 * Calls fn(data, name) for each named event until the returned function is called; resync() runs after a
 * reconnect or an overflow, when the page should read the state again.
 */
export function listen(names, fn, resyncFn) {
  if (!source) connect();
  for (const name of names) {
    if (!handlers.has(name)) handlers.set(name, new Set());
    handlers.get(name).add(fn);
  }
  if (resyncFn) resyncs.add(resyncFn);
  return () => {
    for (const name of names) handlers.get(name).delete(fn);
    if (resyncFn) resyncs.delete(resyncFn);
  };
}

export function close() {
  if (source) source.close();
  source = null;
  opened = false;
}
