// Supervisor / operations (R7, R8, R12): every department's month in the caller's scope, kept live
// by the scoreboard stream (fed by the department streams and counters), assignments per minute,
// the supervision list and discipline queue, and the monthly bulletin with a chart and its CSV.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t, localName, percent, formatTime } from '../i18n.js';
import { subscribe } from '../live.js';
import { rateChart } from '../chart.js';

export default async function scoreboard(view, { session }) {
  const departments = await api.get('/api/departments');
  const names = Object.fromEntries(departments.map(d => [d.id, d.name]));
  const rows = new Map();
  const body = h('tbody', { id: 'scoreboard-rows' });
  const perMinute = h('strong', { id: 'intake-per-minute', text: '0' });
  const columns = ['received', 'acknowledged', 'openNow', 'openOverdue', 'replyRate', 'resolutionRate', 'onTimeRate', 'satisfactionRate'];
  view.append(h('section', { class: 'card' },
    h('h2', { text: t('scoreboard.title') }),
    h('p', {}, t('scoreboard.perMinute'), ' ', perMinute),
    h('table', { id: 'scoreboard' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('scoreboard.department') }),
        ...columns.map(c => h('th', { scope: 'col', class: 'number', text: t(`scoreboard.${c}`) })))),
      body)));

  function render() {
    body.replaceChildren(...[...rows.values()]
      .sort((a, b) => b.stats.received - a.stats.received || a.stats.departmentId.localeCompare(b.stats.departmentId))
      .map(({ stats }) => h('tr', { dataset: { department: stats.departmentId } },
        h('th', { scope: 'row', text: localName(names[stats.departmentId] || stats.departmentId) }),
        ...columns.map(c => h('td', { class: 'number', dataset: { column: c }, text: c.endsWith('Rate') ? percent(stats[c]) : String(stats[c]) })))));
  }

  const close = subscribe('/api/live/scoreboard', {
    stats: data => {
      for (const row of data.rows) rows.set(row.stats.departmentId, row);
      perMinute.textContent = String(data.intakePerMinute);
      render();
    },
  });

  const oversight = h('div', { class: 'columns' });
  view.append(oversight);
  const scope = session.role === 'supervisor' && session.departmentId ? [session.departmentId] : departments.map(d => d.id);
  oversight.append(await supervision(scope, names), await discipline(names));
  view.append(await bulletin(names));
  return close;
}

async function supervision(scope, names) {
  const list = h('tbody', {});
  const pick = h('select', { id: 'supervision-department' }, ...scope.map(id => h('option', { value: id, text: localName(names[id] || id) })));
  const load = async () => {
    const page = await api.get(`/api/departments/${encodeURIComponent(pick.value)}/supervision`);
    list.replaceChildren(...(page.items.length ? page.items.map(c => h('tr', {},
      h('td', {}, h('a', { href: `#/case/${encodeURIComponent(c.id)}`, text: c.id })),
      h('td', { text: t(`status.${c.status}`) }),
      h('td', { text: formatTime(c.deadlineAt) }))) : [h('tr', {}, h('td', { colspan: 3, class: 'hint', text: t('scoreboard.noneOverdue') }))]));
  };
  pick.addEventListener('change', load);
  await load();
  return h('section', { class: 'card' }, h('h2', { text: t('scoreboard.supervision') }),
    h('div', { class: 'field' }, h('label', { for: 'supervision-department', text: t('scoreboard.department') }), pick),
    h('table', {}, h('thead', {}, h('tr', {}, ...['inbox.case', 'inbox.status', 'scoreboard.due'].map(k => h('th', { scope: 'col', text: t(k) })))), list));
}

// The referred cases are a page of the case index, oldest first (ADR-040); the badge counts them all.
async function discipline(names) {
  const [page, city] = await Promise.all([api.get('/api/discipline?pageSize=50'), api.get('/api/city')]);
  const label = list => Object.fromEntries(list.map(x => [x.id, localName(x.name)]));
  const category = label(city.categories), district = label(city.districts);
  return h('section', { class: 'card', id: 'discipline' },
    h('h2', {}, t('scoreboard.discipline'), ' ', h('span', { class: 'badge', text: String(page.total) })),
    page.items.length
      ? h('ul', {}, ...page.items.map(r => h('li', { dataset: { case: r.id } }, h('a', { href: `#/case/${encodeURIComponent(r.id)}`, text: r.id }),
        ` · ${localName(names[r.departmentId] || r.departmentId || '')} · ${category[r.category] ?? r.category} · ${district[r.district] ?? r.district}` +
        ` · ${t(`status.${r.status}`)} · ${formatTime(r.createdAt)}`)))
      : h('p', { class: 'hint', text: t('scoreboard.noReferrals') }));
}

async function bulletin(names) {
  const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
  const report = await api.get(`/api/reports/monthly?month=${month}`);
  const ranked = report.lines.filter(l => l.rank !== null);
  return h('section', { class: 'card', id: 'bulletin' },
    h('h2', { text: t('bulletin.title', { month }) }),
    h('p', {}, h('a', { href: `/api/reports/monthly?month=${month}&format=csv`, download: `bulletin-${month}.csv`, id: 'bulletin-csv', text: t('bulletin.csv') })),
    ranked.length ? rateChart(ranked.map(l => ({ label: localName(names[l.departmentId] || l.departmentName), stats: l.stats })))
      : h('p', { class: 'hint', text: t('bulletin.empty') }),
    h('p', {}, t('bulletin.praised'), ' ', report.praised.map(id => localName(names[id] || id)).join('、') || t('common.none')),
    h('p', {}, t('bulletin.criticised'), ' ', report.criticised.map(id => localName(names[id] || id)).join('、') || t('common.none')));
}
