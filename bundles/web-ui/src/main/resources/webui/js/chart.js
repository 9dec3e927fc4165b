// A small line chart as inline SVG: time on x, one or two series on y, with a text summary for screen readers.
import { h } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}, ...children) => h(tag, { ...attrs, ns: NS }, ...children);

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

/**
 * points: [{t: Date, a: number, b: number}], labels: {a, b}, unit: text after numbers, title: accessible name.
 */
export function lineChart(points, { title, labels, unit = '', digits = 1 }) {
  const W = 640, H = 200, L = 48, R = 10, T = 10, B = 24;
  const max = niceMax(Math.max(0, ...points.flatMap((p) => [p.a, p.b])));
  const n = Math.max(points.length - 1, 1);
  const x = (i) => L + (i / n) * (W - L - R);
  const y = (v) => T + (1 - v / max) * (H - T - B);
  const path = (key) => points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[key] || 0).toFixed(1)}`).join('');
  // small rates keep two significant digits (0.0012 MB/s), larger ones `digits` decimals
  const fmt = (v) => (v > 0 && v < 1 ? Number(Number(v).toPrecision(2)) : Number(v))
    .toLocaleString(undefined, { maximumFractionDigits: v > 0 && v < 1 ? 10 : digits });
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'xMidYMid meet' });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    svg.append(s('line', { class: 'grid-line', x1: L, x2: W - R, y1: y(v), y2: y(v) }),
      s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  svg.append(s('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }), s('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  if (points.length) {
    const time = (p) => p.t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    svg.append(s('text', { x: L, y: H - 6 }, time(points[0])),
      s('text', { x: W - R, y: H - 6, 'text-anchor': 'end' }, time(points[points.length - 1])));
    svg.append(s('path', { class: 'series-a', d: path('a') }));
    if (labels.b) svg.append(s('path', { class: 'series-b', d: path('b') }));
  }
  const sum = (k) => points.reduce((acc, p) => acc + (p[k] || 0), 0);
  const peak = (k) => Math.max(0, ...points.map((p) => p[k] || 0));
  const summary = [labels.a, labels.b].filter(Boolean).map((label, i) => {
    const k = i ? 'b' : 'a';
    return `${label}: average ${fmt(points.length ? sum(k) / points.length : 0)} ${unit}, peak ${fmt(peak(k))} ${unit}`;
  }).join('; ');
  return h('figure', { class: 'chart' }, svg,
    h('figcaption', {}, h('div', { class: 'legend' },
      h('span', {}, h('span', { class: 'swatch-a' }), labels.a),
      labels.b ? h('span', {}, h('span', { class: 'swatch-b' }), labels.b) : null),
    h('p', { class: 'visually-hidden', text: summary })));
}
