// Device enrolment (admin): create a one-time token shown as a QR code, list tokens and enrolled devices,
// revoke either.

import { api, get, post } from '../api.js';
import { field, h, options, put, svgImage, table, toast } from '../dom.js';
import { t, time } from '../i18n.js';

const ROLES = ['reading-room', 'gate-kiosk', 'room-door'];

export async function render(view) {
  const model = await get('/api/spaces');
  const role = h('select#token-role', options(ROLES.map((r) => [r, t('role.' + r)]), 'reading-room'));
  const zone = h('input#token-zone', { required: true, list: 'zone-ids', pattern: '[a-z0-9]([a-z0-9-]{0,22}[a-z0-9])?', value: model.zones[0]?.id || '' });
  const hours = h('input#token-hours', { type: 'number', min: 1, max: 720, value: 24 });
  const note = h('input#token-note');
  const made = h('div#token-made');
  const tokens = h('div#tokens');
  const devices = h('div#devices');
  put(view,
    h('form.panel', { onsubmit: async (e) => {
      e.preventDefault();
      try {
        const tok = await post('/api/enrolment/tokens', { role: role.value, zone: zone.value, expiresInHours: Number(hours.value), note: note.value });
        put(made, h('div.qr', { 'data-token': tok.id }, svgImage(tok.qrSvg, 'QR'), h('div',
          h('p', t('dev.scan')), h('code.token', { translate: 'no' }, tok.token),
          h('p', t('dev.expires'), ' ', time(tok.expiresAt)))));
        await load();
      } catch (err) { toast(err.message, 'bad'); }
    } },
    h('h2', t('dev.create')),
    h('datalist#zone-ids', model.zones.map((z) => h('option', { value: z.id }, z.name || z.id))),
    h('div.toolbar', field(t('dev.role'), role), field(t('dev.zone'), zone), field(t('dev.hours'), hours), field(t('dev.note'), note)),
    h('button.primary#make-token', { type: 'submit' }, t('dev.make'))),
    made, h('h2', t('dev.tokens')), tokens, h('h2', t('dev.devices')), devices);

  const revoke = (method, path) => async () => {
    try { await api(method, path); await load(); } catch (e) { toast(e.message, 'bad'); }
  };

  async function load() {
    const [ts, ds] = await Promise.all([get('/api/enrolment/tokens'), get('/api/devices')]);
    put(tokens, table([t('col.id'), t('dev.role'), t('dev.zone'), t('dev.note'), t('dev.state'), t('dev.expires'), t('dev.usedBy'), ''],
      ts.map((k) => h('tr', { 'data-token': k.id }, h('td', { translate: 'no' }, k.id), h('td', t('role.' + k.role)),
        h('td', { translate: 'no' }, k.zone), h('td', { translate: 'no' }, k.note || ''), h('td', { 'data-state': k.state }, t('tok.' + k.state)),
        h('td', time(k.expiresAt)), h('td', { translate: 'no' }, k.usedBy || ''),
        h('td', k.state === 'open' ? h('button.danger', { onclick: revoke('DELETE', '/api/enrolment/tokens/' + encodeURIComponent(k.id)) }, t('dev.revoke')) : '')))));
    put(devices, table([t('col.agent'), t('dev.role'), t('dev.zone'), t('dev.host'), t('dev.enrolledAt'), t('dev.state'), ''],
      ds.map((d) => h('tr', { 'data-device': d.agentId }, h('td', { translate: 'no' }, d.agentId), h('td', t('role.' + d.role)),
        h('td', { translate: 'no' }, d.zone), h('td', { translate: 'no' }, d.hostname), h('td', time(d.enrolledAt)),
        h('td', d.revokedAt ? h('span.badge.bad', t('dev.revoked')) : h('span.badge.good', t('dev.active'))),
        h('td', d.revokedAt ? '' : h('button.danger', { onclick: revoke('POST', '/api/devices/' + encodeURIComponent(d.agentId) + '/revoke') }, t('dev.revoke')))))));
  }
  await load();
}
