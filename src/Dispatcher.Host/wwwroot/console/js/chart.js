// The monthly bulletin's ranked rates as an SVG bar chart (no library): one group of four bars per
// department — reply, resolution, on-time and satisfaction rate — in rank order.
import { t } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const series = [['replyRate', 'reply'], ['resolutionRate', 'resolution'], ['onTimeRate', 'ontime'], ['satisfactionRate', 'satisfaction']];

function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

export function rateChart(lines) {
  const group = 120, height = 220, top = 10, bottom = 60, left = 40;
  const width = left + lines.length * group + 10;
  const chart = svg('svg', { class: 'chart', id: 'bulletin-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('bulletin.chart') });
  const plot = height - top - bottom;
  for (const tickValue of [0, 0.5, 1]) {
    const y = top + plot * (1 - tickValue);
    chart.append(svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#d6dbe3' }), svg('text', { x: 2, y: y + 4 }, `${tickValue * 100}%`));
  }
  lines.forEach((line, i) => {
    const x0 = left + i * group + 10;
    series.forEach(([key, css], j) => {
      const value = line.stats[key];
      const barHeight = value == null ? 0 : plot * value;
      const bar = svg('rect', { class: `bar-${css}`, x: x0 + j * 24, y: top + plot - barHeight, width: 20, height: Math.max(barHeight, 0.5) });
      bar.append(svg('title', {}, `${line.label} · ${t(`scoreboard.${key}`)}: ${value == null ? t('common.noRate') : `${(value * 100).toFixed(1)} %`}`));
      chart.append(bar);
    });
    chart.append(svg('text', { x: x0, y: height - bottom + 16 }, `${i + 1}. ${line.label.slice(0, 14)}`));
  });
  const legend = document.createElement('div');
  legend.className = 'legend';
  for (const [key, css] of series) {
    const item = document.createElement('span');
    item.className = css;
    item.textContent = t(`scoreboard.${key}`);
    legend.append(item);
  }
  const figure = document.createElement('figure');
  figure.append(chart, legend);
  return figure;
}
