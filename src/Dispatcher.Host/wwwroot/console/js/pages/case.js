// The case page (R4, R6, R13): status, department, rule, deadlines, reporters (contact masked by
// role exactly as the API masks it), the full history as a timeline, and the actions the signed-in
// person may take — for a joint case (ADR-027) also each co-department's part, and a co-department's own steps. A case outside the person's scope is refused by the server (403) and says so.
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

/** A co-department's steps on its part of a joint case (ADR-027), by the part's status. */
const coPartActions = {
  assigned: [['acknowledge'], ['release', 'reason']],
  acknowledged: [['reply', 'text'], ['release', 'reason']],
};

function allowed(session, status, c) {
  if (session.role === 'department') {
    const part = (c.coDepartments || []).find(p => p.departmentId === session.departmentId);
    if (part) return [];
    const list = departmentActions[status] ? [['claim'], ...departmentActions[status]] : [];
    // Resolving before every co-department replied (or was released) takes a reason, which the history records.
    if (status === 'replied' && (c.coDepartments || []).some(p => p.status === 'assigned' || p.status === 'acknowledged')) list[list.length - 1] = ['resolve', 'text', 'reason'];
    return list;
  }
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
      coDepartmentsCard(),
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

  /** The joint case's co-departments (ADR-027): each part's status, reply or release reason and clock; the co-department's own steps. */
  function coDepartmentsCard() {
    const parts = c.coDepartments || [];
    if (parts.length === 0) return null;
    return h('section', { class: 'card' }, h('h2', { text: t('case.coDepartments') }),
      h('p', { class: 'hint', text: t('case.leadIs', { department: c.departmentId ? localName(names[c.departmentId] || c.departmentId) : t('common.none') }) }),
      h('ul', { id: 'case-co-departments' }, ...parts.map(p => {
        const next = (p.deadlines || []).find(d => !d.done);
        return h('li', { dataset: { department: p.departmentId, status: p.status } },
          h('strong', { text: localName(names[p.departmentId] || p.departmentId) }), ` · ${t(`coStatus.${p.status}`)}`,
          next ? h('span', {}, ` · ${t(`step.${next.step}`)} `, h('span', { class: 'countdown', dataset: { start: next.start, due: next.due } })) : null,
          p.reply ? h('p', { class: 'hint', text: p.reply }) : null,
          p.releaseReason ? h('p', { class: 'hint', text: `${t('case.releaseReason')}: ${p.releaseReason}` }) : null,
          session.role === 'department' && session.departmentId === p.departmentId ? coActions(p) : null);
      })));
  }

  function coActions(part) {
    const box = h('div', { class: 'inline-form', id: 'case-co-actions' });
    for (const [verb, needs] of coPartActions[part.status] || []) {
      const input = needs ? h('input', { 'aria-label': t(needs === 'reason' ? 'common.reason' : 'common.text'), placeholder: t(`co.${verb}.placeholder`) }) : null;
      const form = h('form', { class: 'inline-form', dataset: { action: `co-${verb}` } }, input, h('button', { type: 'submit', text: t(`co.${verb}`) }));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        try {
          await api.post(`/api/cases/${encodeURIComponent(c.id)}/co/${encodeURIComponent(part.departmentId)}/${verb}`, needs ? { [needs]: input.value } : {});
          toast(t('inbox.done', { action: t(`co.${verb}`), id: c.id }));
          navigate(`#/case/${encodeURIComponent(c.id)}`);
        } catch (error) {
          toast(describe(error));
        }
      });
      box.append(form);
    }
    return box;
  }

  function actionsFor(current, who) {
    const box = h('div', { class: 'inline-form', id: 'case-actions' });
    for (const [verb, needs, extra] of allowed(who, current.status, current)) {
      const inputs = [];
      if (verb === 'dispatch') inputs.push(['departmentId', h('select', { 'aria-label': t('case.department') },
        ...departments.map(d => h('option', { value: d.id, text: localName(d.name) })))]);
      if (needs === 'satisfaction') inputs.push(['satisfaction', h('select', { 'aria-label': t('case.satisfaction') },
        ...['satisfied', 'basicallySatisfied', 'unsatisfied'].map(s => h('option', { value: s, text: t(`satisfaction.${s}`) })))]);
      else if (needs) inputs.push([needs, h('input', { 'aria-label': t(needs === 'reason' ? 'common.reason' : 'common.text'), placeholder: t(`action.${verb}.placeholder`) })]);
      if (extra === 'reason') inputs.push(['reason', h('input', { 'aria-label': t('common.reason'), placeholder: t('case.resolveReason') })]);
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
