// A small line chart in plain SVG: time on x, one series on y, min and max labelled. Enough for an agent's
// telemetry at a glance; no library needed.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** points: [[epochMillis, value]…] in time order; answers an <svg> or a note when there are none. */
export function lineChart(title, points, emptyText, { width = 420, height = 160 } = {}) {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
  root.append(svg('text', { x: 8, y: 16, class: 'chart-title' }, title));
  if (!points.length) {
    root.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, emptyText));
    return root;
  }
  const left = 44; const right = width - 8; const top = 26; const bottom = height - 20;
  const t0 = points[0][0]; const t1 = Math.max(points[points.length - 1][0], t0 + 1);
  let lo = Math.min(...points.map((p) => p[1])); let hi = Math.max(...points.map((p) => p[1]));
  if (hi === lo) { hi += 1; lo = Math.max(0, lo - 1); }
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (right - left);
  const y = (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  root.append(svg('line', { x1: left, y1: bottom, x2: right, y2: bottom, class: 'chart-axis' }));
  root.append(svg('text', { x: left - 4, y: top + 4, 'text-anchor': 'end', class: 'chart-label' }, round(hi)));
  root.append(svg('text', { x: left - 4, y: bottom, 'text-anchor': 'end', class: 'chart-label' }, round(lo)));
  const clock = (t) => new Date(t).toTimeString().slice(0, 5);
  root.append(svg('text', { x: left, y: height - 4, class: 'chart-label' }, clock(t0)));
  root.append(svg('text', { x: right, y: height - 4, 'text-anchor': 'end', class: 'chart-label' }, clock(t1)));
  const d = points.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ');
  root.append(svg('path', { d, class: 'chart-line' }));
  return root;
}

function round(v) {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);
}

/** bars: [[label, value]…] as vertical bars scaled to the largest; a note instead when every value is 0. */
export function barChart(title, bars, emptyText, { width = 420, height = 170 } = {}) {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bars', role: 'img', 'aria-label': title });
  root.append(svg('text', { x: 8, y: 16, class: 'chart-title' }, title));
  const hi = Math.max(0, ...bars.map((b) => b[1] || 0));
  if (!bars.length || hi === 0) {
    root.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, emptyText));
    return root;
  }
  const left = 44; const right = width - 8; const top = 26; const bottom = height - 20;
  const step = (right - left) / bars.length;
  root.append(svg('line', { x1: left, y1: bottom, x2: right, y2: bottom, class: 'chart-axis' }));
  root.append(svg('text', { x: left - 4, y: top + 4, 'text-anchor': 'end', class: 'chart-label' }, Number.isInteger(hi) ? hi : round(hi)));
  root.append(svg('text', { x: left - 4, y: bottom, 'text-anchor': 'end', class: 'chart-label' }, '0'));
  const every = Math.ceil(bars.length / 12); // at most a dozen labels under the bars
  bars.forEach(([label, value], i) => {
    const v = value || 0;
    const y = bottom - (v / hi) * (bottom - top);
    const bar = svg('rect', { x: (left + i * step + step * 0.12).toFixed(1), y: y.toFixed(1), width: (step * 0.76).toFixed(1),
      height: (bottom - y).toFixed(1), class: 'chart-bar', 'data-label': label, 'data-value': v });
    bar.append(svg('title', {}, `${label}: ${round(v)}`));
    root.append(bar);
    if (i % every === 0) {
      root.append(svg('text', { x: (left + i * step + step / 2).toFixed(1), y: height - 4, 'text-anchor': 'middle', class: 'chart-label' }, label));
    }
  });
  return root;
}
