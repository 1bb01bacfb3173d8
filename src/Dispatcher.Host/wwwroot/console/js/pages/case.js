// The case page (R4, R6, R13): status, department, rule, deadlines, reporters (contact masked by
// role exactly as the API masks it), the full history as a timeline, and the actions the signed-in
// person may take. A case outside the person's scope is refused by the server (403) and says so.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t, localName, formatTime } from '../i18n.js';
import { tick } from '../countdown.js';
import { describe, toast, navigate } from '../app.js';

const departmentActions = {
  dispatched: [['acknowledge'], ['return', 'reason']],
  reopened: [['acknowledge'], ['return', 'reason']],
  acknowledged: [['start'], ['reply', 'text'], ['return', 'reason']],
  inProgress: [['reply', 'text'], ['return', 'reason']],
  replied: [['resolve', 'text']],
};

function allowed(session, status) {
  if (session.role === 'department') return departmentActions[status] ? [['claim'], ...departmentActions[status]] : [];
  if (session.role === 'agent' || session.role === 'admin') {
    const list = [];
    if (['triage', 'returned', 'arbitration', 'dispatched', 'acknowledged', 'inProgress', 'reopened'].includes(status)) list.push(['dispatch', 'reason']);
    if (status === 'resolved') list.push(['close'], ['callback', 'satisfaction']);
    if (status === 'resolved' || status === 'closed') list.push(['reopen', 'reason']);
    return list;
  }
  return [];
}

export default async function casePage(view, { session, args }) {
  const id = args[0];
  let c;
  try {
    c = await api.get(`/api/cases/${encodeURIComponent(id)}`);
  } catch (error) {
    view.append(h('section', { class: 'card' }, h('h2', { text: id }), h('p', { class: 'problem', role: 'alert', id: 'case-problem', text: describe(error) })));
    return null;
  }
  const [departments, city] = await Promise.all([api.get('/api/departments'), api.get('/api/city')]);
  const names = Object.fromEntries(departments.map(d => [d.id, d.name]));
  const category = city.categories.find(x => x.id === c.category);
  const district = city.districts.find(x => x.id === c.district);
  const deadlines = h('table', {}, h('thead', {}, h('tr', {}, ...['case.step', 'case.due', 'inbox.countdown'].map(k => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, ...(c.deadlines || []).map(d => h('tr', {},
      h('td', { text: t(`step.${d.step}`) }),
      h('td', { text: formatTime(d.due) }),
      h('td', {}, d.done ? h('span', { class: 'badge', text: d.breached ? t('case.doneLate') : t('case.done') })
        : h('span', { class: 'countdown', dataset: { start: d.start, due: d.due } }))))));
  const reporters = [c.citizen, ...(c.reporters || []).map(r => r.citizen)];
  view.append(h('div', { class: 'columns wide-left' },
    h('div', {},
      h('section', { class: 'card' },
        h('h2', { id: 'case-id', text: c.id }),
        h('dl', {},
          h('dt', { text: t('inbox.status') }), h('dd', { id: 'case-status', text: t(`status.${c.status}`) }),
          h('dt', { text: t('inbox.category') }), h('dd', { text: localName(category?.name || c.category) }),
          h('dt', { text: t('inbox.district') }), h('dd', { text: localName(district?.name || c.district) }),
          h('dt', { text: t('intake.address') }), h('dd', { text: c.address || t('common.none') }),
          h('dt', { text: t('case.department') }), h('dd', { id: 'case-department', text: c.departmentId ? localName(names[c.departmentId] || c.departmentId) : t('common.none') }),
          h('dt', { text: t('case.claimedBy') }), h('dd', { id: 'case-claimed', text: c.claimedBy || t('inbox.unclaimed') }),
          h('dt', { text: t('case.rule') }), h('dd', { text: c.ruleId || t('common.none') }),
          h('dt', { text: t('intake.priority') }), h('dd', { text: t(`priority.${c.priority}`) }),
          h('dt', { text: t('intake.description') }), h('dd', { text: c.description })),
        actionsFor(c, session)),
      h('section', { class: 'card' }, h('h2', { text: t('case.deadlines') }), deadlines),
      h('section', { class: 'card' }, h('h2', { text: t('case.reporters') }),
        h('ul', { id: 'case-reporters' }, ...reporters.map(r => h('li', { text: `${r?.name ?? t('common.none')} · ${r?.phone ?? t('common.none')}` }))))),
    h('section', { class: 'card' }, h('h2', { text: t('case.history') }),
      h('ol', { class: 'timeline', id: 'case-history' }, ...c.history.map(e => h('li', {},
        h('time', { datetime: e.at, text: formatTime(e.at) }),
        // A deadline event's time is its due time; when it was written is shown beside it (ADR-030).
        e.recordedAt ? h('span', { class: 'recorded', text: ` (${t('case.recordedAt')} ${formatTime(e.recordedAt)})` }) : null,
        h('strong', { text: t(`action.${e.action}`) }), ` ${t(`status.${e.from}`)} → ${t(`status.${e.to}`)} · `,
        h('span', { class: 'actor', text: e.actor }),
        e.note ? h('p', { class: 'hint', text: e.note }) : null))))));
  return tick(view);

  function actionsFor(current, who) {
    const box = h('div', { class: 'inline-form', id: 'case-actions' });
    for (const [verb, needs] of allowed(who, current.status)) {
      const inputs = [];
      if (verb === 'dispatch') inputs.push(['departmentId', h('select', { 'aria-label': t('case.department') },
        ...departments.map(d => h('option', { value: d.id, text: localName(d.name) })))]);
      if (needs === 'satisfaction') inputs.push(['satisfaction', h('select', { 'aria-label': t('case.satisfaction') },
        ...['satisfied', 'basicallySatisfied', 'unsatisfied'].map(s => h('option', { value: s, text: t(`satisfaction.${s}`) })))]);
      else if (needs) inputs.push([needs, h('input', { 'aria-label': t(needs === 'reason' ? 'common.reason' : 'common.text'), placeholder: t(`action.${verb}.placeholder`) })]);
      const form = h('form', { class: 'inline-form', dataset: { action: verb } }, ...inputs.map(([, el]) => el), h('button', { type: 'submit', text: t(`action.${verb}`) }));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        try {
          await api.post(`/api/cases/${encodeURIComponent(current.id)}/${verb}`, Object.fromEntries(inputs.map(([k, el]) => [k, el.value])));
          toast(t('inbox.done', { action: t(`action.${verb}`), id: current.id }));
          navigate(`#/case/${encodeURIComponent(current.id)}`);
        } catch (error) {
          toast(describe(error));
        }
      });
      box.append(form);
    }
    return box;
  }
}
