// Department clerk (R4, R5): the department's open cases, the first to breach first, each with a
// live countdown of its current step; new and changed cases arrive through the department's live
// stream without a reload; acknowledge, start, reply, resolve and return from the row. A clerk
// claims a case so colleagues see who handles it; a joint case's co-parts show their role and open the case page; the head assigns it; the list filters mine /
// unassigned / all.
import * as api from '../api.js';
import { h, field } from '../dom.js';
import { t, localName, formatTime } from '../i18n.js';
import { subscribe } from '../live.js';
import { tick } from '../countdown.js';
import { describe, toast } from '../app.js';

/** What the clerk may do at each status, and whether the step needs a text (reply, resolve) or a reason (return). */
const actions = {
  dispatched: [['acknowledge'], ['return', 'reason']],
  reopened: [['acknowledge'], ['return', 'reason']],
  acknowledged: [['start'], ['reply', 'text'], ['return', 'reason']],
  inProgress: [['reply', 'text'], ['return', 'reason']],
  replied: [['resolve', 'text']],
};

export default async function inbox(view, { session }) {
  const department = session.departmentId;
  const city = await api.get('/api/city');
  const categories = Object.fromEntries(city.categories.map(c => [c.id, c.name]));
  const districts = Object.fromEntries(city.districts.map(d => [d.id, d.name]));
  const body = h('tbody', { id: 'inbox-rows' });
  const count = h('span', { class: 'badge', id: 'inbox-count' });
  const filter = h('select', {}, ...['all', 'mine', 'unassigned'].map(f => h('option', { value: f, text: t(`inbox.filter.${f}`) })));
  filter.value = localStorage.getItem('console.inboxFilter') || 'all';
  filter.addEventListener('change', () => { localStorage.setItem('console.inboxFilter', filter.value); load(); });
  view.append(h('section', { class: 'card' },
    h('h2', {}, t('inbox.title', { department }), ' ', count),
    h('div', { class: 'filters' }, field('inbox-filter', t('inbox.filter'), filter)),
    h('table', { id: 'inbox' },
      h('thead', {}, h('tr', {}, ...['inbox.case', 'inbox.category', 'inbox.district', 'inbox.status', 'inbox.role', 'inbox.assigned', 'inbox.countdown', 'inbox.claimedBy', 'inbox.actions']
        .map(k => h('th', { scope: 'col', text: t(k) })))),
      body)));
  const known = new Set();
  let first = true;

  async function load(changedId) {
    const items = await api.get(`/api/departments/${encodeURIComponent(department)}/desk${api.query({ filter: filter.value })}`);
    count.textContent = String(items.length);
    body.replaceChildren(...items.map(item => row(item, !first && (!known.has(item.caseId) || item.caseId === changedId))));
    items.forEach(i => known.add(i.caseId));
    first = false;
  }

  function row(item, fresh) {
    const countdown = item.dueAt
      ? h('span', { class: 'countdown', dataset: { start: item.assignedAt, due: item.dueAt } })
      : h('span', { class: 'hint', text: t('common.none') });
    return h('tr', { class: fresh ? 'fresh' : null, dataset: { case: item.caseId } },
      h('td', {}, h('a', { href: `#/case/${encodeURIComponent(item.caseId)}`, text: item.caseId }),
        item.priority !== 'normal' ? h('span', { class: 'badge', text: ` ${t(`priority.${item.priority}`)}` }) : null),
      h('td', { text: localName(categories[item.category] || item.category) }),
      h('td', { text: localName(districts[item.district] || item.district) }),
      h('td', { class: 'status', text: t(`status.${item.status}`) }),
      h('td', { class: 'role', text: t(`caseRole.${item.role}`) }),
      h('td', { text: formatTime(item.assignedAt) }),
      h('td', {}, countdown),
      h('td', { class: 'claimed', text: item.claimedBy ?? t('inbox.unclaimed') }),
      h('td', {}, actionsFor(item)));
  }

  function actionsFor(item) {
    const box = h('div', { class: 'inline-form' });
    // A co-department's part of a joint case (ADR-027) is worked on the case page, where its own status and clock are.
    if (item.role === 'co') {
      box.append(h('a', { href: `#/case/${encodeURIComponent(item.caseId)}`, dataset: { action: 'co-part' }, text: t('inbox.coPart') }));
      return box;
    }
    if (item.claimedBy !== session.login) {
      box.append(h('button', { type: 'button', dataset: { action: 'claim' }, onclick: () => act(item.caseId, 'claim', {}), text: t('action.claim') }));
    }
    if (session.head) {
      const clerk = h('input', { id: `assign-${item.caseId}`, 'aria-label': t('inbox.assignTo'), placeholder: t('inbox.assignTo'), size: 10 });
      const assign = h('form', { class: 'inline-form', dataset: { action: 'assign' } }, clerk, h('button', { type: 'submit', text: t('action.assign') }));
      assign.addEventListener('submit', event => { event.preventDefault(); act(item.caseId, 'assign', { clerk: clerk.value.trim() }); });
      box.append(assign);
    }
    for (const [verb, needs] of actions[item.status] || []) {
      if (!needs) {
        box.append(h('button', { type: 'button', class: 'primary', dataset: { action: verb }, onclick: () => act(item.caseId, verb, {}), text: t(`action.${verb}`) }));
        continue;
      }
      const input = h('input', { id: `${verb}-${item.caseId}`, 'aria-label': t(needs === 'reason' ? 'common.reason' : 'common.text'), placeholder: t(`action.${verb}.placeholder`) });
      const form = h('form', { class: 'inline-form', dataset: { action: verb } }, input, h('button', { type: 'submit', text: t(`action.${verb}`) }));
      form.addEventListener('submit', event => { event.preventDefault(); act(item.caseId, verb, { [needs]: input.value }); });
      box.append(form);
    }
    return box;
  }

  async function act(id, verb, payload) {
    try {
      await api.post(`/api/cases/${encodeURIComponent(id)}/${verb}`, payload);
      toast(t('inbox.done', { action: t(`action.${verb}`), id }));
      await load(id);
    } catch (error) {
      toast(describe(error));
    }
  }

  const stopTick = tick(body);
  const close = subscribe(`/api/live/departments/${encodeURIComponent(department)}`,
    { case: event => load(event.caseId) }, () => load());
  await load();
  return () => { stopTick(); close(); };
}
