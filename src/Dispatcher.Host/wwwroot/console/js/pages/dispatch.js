// Dispatcher (R3, R4, R13): the triage queue (no rule matched), returned cases awaiting
// re-dispatch and cases in arbitration — each opened on its case page to dispatch, override or rule
// with a reason — and a case search with the index's filters.
import * as api from '../api.js';
import { h, field } from '../dom.js';
import { t, localName, formatTime } from '../i18n.js';

export default async function dispatch(view) {
  const [triage, returned, arbitration, departments, city] = await Promise.all([
    api.get('/api/triage?pageSize=50'),
    api.get('/api/cases?status=returned&pageSize=50'),
    api.get('/api/cases?status=arbitration&pageSize=50'),
    api.get('/api/departments'),
    api.get('/api/city'),
  ]);
  const link = id => h('a', { href: `#/case/${encodeURIComponent(id)}`, text: id });
  const names = list => Object.fromEntries(list.map(x => [x.id, localName(x.name)]));
  const categoryName = names(city.categories), districtName = names(city.districts);
  // Each queue is a page of the case index (oldest first for triage); the badge counts all of it.
  const queue = (title, id, page, describeItem) => h('section', { class: 'card', id },
    h('h2', {}, t(title), ' ', h('span', { class: 'badge', text: String(page.total) })),
    page.items.length ? h('ul', {}, ...page.items.map(describeItem)) : h('p', { class: 'hint', text: t('dispatch.empty') }));
  view.append(h('div', { class: 'columns' },
    h('div', {},
      queue('dispatch.triage', 'triage', triage, r => h('li', {}, link(r.id),
        ` · ${categoryName[r.category] ?? r.category} · ${districtName[r.district] ?? r.district} · ${formatTime(r.createdAt)}`)),
      queue('dispatch.returned', 'returned', returned, r => h('li', {}, link(r.id), ` · ${r.departmentId ?? ''} · ${t(`status.${r.status}`)}`)),
      queue('dispatch.arbitration', 'arbitration', arbitration, r => h('li', {}, link(r.id), ` · ${r.departmentId ?? ''}`))),
    search(departments, city)));
}

function search(departments, city) {
  const option = (value, text) => h('option', { value, text });
  const department = h('select', {}, option('', t('dispatch.any')), ...departments.map(d => option(d.id, localName(d.name))));
  const status = h('select', {}, option('', t('dispatch.any')),
    ...['triage', 'dispatched', 'acknowledged', 'inProgress', 'replied', 'resolved', 'closed', 'returned', 'arbitration', 'reopened', 'merged', 'transferredOut', 'closedAtFirstContact']
      .map(s => option(s, t(`status.${s}`))));
  const category = h('select', {}, option('', t('dispatch.any')), ...city.categories.map(c => option(c.id, localName(c.name))));
  const district = h('select', {}, option('', t('dispatch.any')), ...city.districts.map(d => option(d.id, localName(d.name))));
  const from = h('input', { type: 'date' });
  const to = h('input', { type: 'date' });
  const results = h('tbody', { id: 'search-results' });
  const total = h('span', { class: 'badge' });
  const form = h('form', { class: 'filters', id: 'search-form' },
    field('search-department', t('case.department'), department), field('search-status', t('inbox.status'), status),
    field('search-category', t('inbox.category'), category), field('search-district', t('inbox.district'), district),
    field('search-from', t('dispatch.from'), from), field('search-to', t('dispatch.to'), to),
    h('button', { type: 'submit', class: 'primary', text: t('dispatch.search') }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const page = await api.get(`/api/cases${api.query({
      department: department.value, status: status.value, category: category.value, district: district.value,
      from: from.value ? `${from.value}T00:00:00+08:00` : '', to: to.value ? `${to.value}T00:00:00+08:00` : '', pageSize: 50,
    })}`);
    total.textContent = String(page.total);
    results.replaceChildren(...page.items.map(r => h('tr', {},
      h('td', {}, h('a', { href: `#/case/${encodeURIComponent(r.id)}`, text: r.id })),
      h('td', { text: t(`status.${r.status}`) }), h('td', { text: r.category }), h('td', { text: r.district }),
      h('td', { text: r.departmentId ?? '' }), h('td', { text: formatTime(r.createdAt) }))));
  });
  return h('section', { class: 'card' }, h('h2', {}, t('dispatch.searchTitle'), ' ', total), form,
    h('table', {}, h('thead', {}, h('tr', {}, ...['inbox.case', 'inbox.status', 'inbox.category', 'inbox.district', 'case.department', 'dispatch.created']
      .map(k => h('th', { scope: 'col', text: t(k) })))), results));
}
