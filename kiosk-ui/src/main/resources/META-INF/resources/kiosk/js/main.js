// The kiosk page: loads what the kiosk is (/api/kiosk), follows the agent's event stream, and shows one
// screen at a time. Each screen module renders from the shared state; switching language re-renders all.
import { getJson, toast } from './dom.js';
import { clock, nativeName, other, setLanguage, t } from './i18n.js';
import * as idle from './idle.js';
import * as result from './result.js';
import * as seats from './seats.js';
import * as room from './room.js';
import * as feedback from './feedback.js';

/** Back to the kiosk's own language after this long without a touch or a tap. */
const QUIET_MS = 90_000;

export const state = {
  kiosk: { mode: 'gate', language: 'zh-CN', library: {}, hours: [], zones: [], bookings: [], qr: false },
  seats: [],
  online: true,
  patron: null,
  booking: null,
  roomBooking: null,
  roomBooked: null,
  screen: 'idle',
};

const screens = { idle, result, seats, room, feedback };
let quietTimer = 0;

/** The screen a kiosk rests on: the gate's idle screen, the seat map, or the room's door screen. */
export function home() {
  return { 'gate': 'idle', 'reading-room': 'seats', 'room': 'room' }[state.kiosk.mode] ?? 'idle';
}

export function show(name) {
  state.screen = name;
  for (const section of document.querySelectorAll('.screen')) {
    section.classList.toggle('active', section.id === name);
  }
  render();
}

export function render() {
  document.getElementById('library').textContent = state.kiosk.library?.[document.documentElement.lang] ?? '';
  document.getElementById('offline').hidden = state.online;
  const lang = document.getElementById('lang');
  lang.textContent = nativeName(other());
  lang.setAttribute('lang', other());
  tick();
  screens[state.screen].render(state);
}

function tick() {
  const now = clock();
  document.getElementById('time').textContent = now.time;
  document.getElementById('date').textContent = now.date;
}

function switchLanguage(lang) {
  setLanguage(lang);
  render();
}

/** Any touch or tap keeps the chosen language; quiet for a while, the kiosk returns to its own. */
function touched() {
  clearTimeout(quietTimer);
  quietTimer = setTimeout(() => {
    if (document.documentElement.lang !== state.kiosk.language) switchLanguage(state.kiosk.language);
  }, QUIET_MS);
}

function listen() {
  const events = new EventSource('api/events');
  // The agent opens every stream with the seat map: once it is here, a tap at the reader reaches this page
  // (one before it would be missed, so the browser tests wait for 'live').
  events.addEventListener('seats', () => document.body.classList.add('live'), { once: true });
  const on = (name, handler) => events.addEventListener(name, (e) => {
    handler(JSON.parse(e.data));
    render();
  });
  on('connection', (c) => { state.online = c.online; });
  on('seats', (s) => { state.seats = s.seats; });
  on('greeting', (g) => { touched(); result.greeting(g); });
  on('refusal', (r) => { touched(); result.refusal(r); });
  on('farewell', (f) => { touched(); result.farewell(f); });
  on('patron', (p) => {
    touched();
    state.patron = p.present ? { seat: p.seat ?? null, seatState: p.seatState ?? null, until: Date.now() + p.seconds * 1000 } : null;
  });
  on('problem', (p) => toast(t('error.' + p.message), 'bad'));
}

async function refresh() {
  try {
    const kiosk = await getJson('api/kiosk');
    state.kiosk = kiosk;
    render();
  } catch {
    // the agent serves this page: if it cannot answer now, the next refresh will
  }
}

async function boot() {
  const [kiosk, current] = await Promise.all([getJson('api/kiosk'), getJson('api/state')]);
  state.kiosk = kiosk;
  state.seats = current.seats;
  state.online = current.online;
  const asked = new URLSearchParams(location.search).get('lang');
  setLanguage(kiosk.languages.includes(asked) ? asked : kiosk.language);
  for (const screen of Object.values(screens)) screen.init?.({ state, show, home, render });
  document.getElementById('lang').addEventListener('click', () => { touched(); switchLanguage(other()); });
  document.addEventListener('pointerdown', touched);
  show(home());
  document.body.classList.remove('booting');
  listen();
  setInterval(() => {
    tick();
    screens[state.screen].tick?.(state);
  }, 1000);
  setInterval(refresh, 60_000);
}

boot();
