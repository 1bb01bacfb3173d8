// Surge view (ADR-028): the open surge incidents with their reports, intake per minute per category ×
// district and the age of the oldest waiting case, polled every few seconds; operators open an
// incident by hand and close one with its outcome, which resolves every report that joined it.
import * as api from '../api.js';
import { h, field, showFieldErrors } from '../dom.js';
import { t, localName, formatTime } from '../i18n.js';
import { describe, toast } from '../app.js';

const PollMilliseconds = 5000;

export default async function surge(view) {
  const city = await api.get('/api/city');
  const categoryName = Object.fromEntries(city.categories.map(c => [c.id, c.name]));
  const districtName = Object.fromEntries(city.districts.map(d => [d.id, d.name]));
  const pair = (category, district) => `${localName(categoryName[category] || category)} · ${localName(districtName[district] || district)}`;

  const incidents = h('tbody', { id: 'surge-incidents' });
  const intake = h('tbody', { id: 'surge-intake' });
  const queues = h('dl', { id: 'surge-queues' });
  const updated = h('small', { class: 'hint', id: 'surge-updated' });
  view.append(
    h('section', { class: 'card' }, h('h2', { text: t('surge.title') }), updated,
      h('table', { id: 'surge-open' }, h('thead', {}, h('tr', {},
        ...['surge.incident', 'surge.pair', 'surge.status', 'surge.reporters', 'surge.openedAt', 'surge.openedBy', 'surge.close']
          .map(k => h('th', { scope: 'col', text: t(k) })))), incidents)),
    h('div', { class: 'columns' },
      h('section', { class: 'card' }, h('h2', { text: t('surge.intake') }),
        h('table', {}, h('thead', {}, h('tr', {}, ...['surge.pair', 'surge.total', 'surge.perMinute'].map(k => h('th', { scope: 'col', text: t(k) })))), intake)),
      h('section', { class: 'card' }, h('h2', { text: t('surge.queues') }), queues)),
    openForm(city, refresh));

  async function refresh() {
    let board;
    try { board = await api.get('/api/surges/view?minutes=15'); } catch (error) { updated.textContent = describe(error); return; }
    updated.textContent = t('surge.updated', { at: formatTime(board.at) });
    incidents.replaceChildren(...(board.open.length ? board.open.map(s => h('tr', { dataset: { surge: s.id } },
      h('td', {}, h('strong', { text: s.title }), h('br'), h('small', { text: s.id }), h('p', { class: 'hint', text: s.notice })),
      h('td', { text: pair(s.category, s.district) }),
      h('td', { text: t(`surge.status.${s.status}`) + (s.status === 'closing' ? ` ${s.casesResolved}/${s.casesToResolve}` : '') }),
      h('td', { class: 'number', text: String(s.reporters) }),
      h('td', { text: formatTime(s.openedAt) }),
      h('td', { text: s.openedBy.kind === 'system' ? t('surge.byRule') : s.openedBy.id }),
      h('td', {}, s.status === 'open' ? closeForm(s, refresh) : ''))) : [h('tr', {}, h('td', { colspan: 7, class: 'hint', text: t('surge.none') }))]));
    intake.replaceChildren(...(board.intake.length ? board.intake.map(p => h('tr', {},
      h('td', { text: pair(p.category, p.district) }),
      h('td', { class: 'number', text: String(p.total) }),
      h('td', { class: 'spark', text: p.perMinute.join(' ') }))) : [h('tr', {}, h('td', { colspan: 3, class: 'hint', text: t('surge.noIntake') }))]));
    const age = q => q.oldestAgeSeconds == null ? t('common.none') : t('surge.age', { n: Math.round(q.oldestAgeSeconds / 60), count: q.waiting });
    queues.replaceChildren(h('dt', { text: t('surge.triage') }), h('dd', { id: 'surge-triage-age', text: age(board.triage) }),
      h('dt', { text: t('surge.unacknowledged') }), h('dd', { id: 'surge-unacknowledged-age', text: age(board.unacknowledged) }));
  }

  await refresh();
  const timer = setInterval(refresh, PollMilliseconds);
  return () => clearInterval(timer);
}

function closeForm(incident, done) {
  const outcome = h('input', { autocomplete: 'off', value: incident.outcome || '', 'aria-label': t('surge.outcome') });
  const form = h('form', { class: 'inline' }, outcome, h('button', { type: 'submit', text: t('surge.close') }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api.post(`/api/surges/${encodeURIComponent(incident.id)}/close`, { outcome: outcome.value, requestId: `console-${incident.id}` });
      toast(t('surge.closing', { id: incident.id }));
      await done();
    } catch (error) { toast(error instanceof api.ApiError && error.fields.outcome ? error.fields.outcome[0] : describe(error)); }
  });
  return form;
}

function openForm(city, done) {
  const category = h('select', {}, ...city.categories.filter(c => !c.emergency).map(c => h('option', { value: c.id, text: localName(c.name) })));
  const district = h('select', {}, ...city.districts.map(d => h('option', { value: d.id, text: localName(d.name) })));
  const title = h('input', { autocomplete: 'off' });
  const notice = h('textarea', { rows: 2 });
  const script = h('textarea', { rows: 2 });
  const problem = h('p', { class: 'problem', role: 'alert' });
  const ids = { category: 'surge-category', district: 'surge-district', title: 'surge-title', notice: 'surge-notice', script: 'surge-script' };
  const form = h('form', { class: 'card', id: 'surge-open-form', novalidate: true }, h('h2', { text: t('surge.open') }),
    h('div', { class: 'row' }, field(ids.category, t('intake.category'), category), field(ids.district, t('intake.district'), district)),
    field(ids.title, t('surge.titleField'), title), field(ids.notice, t('surge.notice'), notice, t('surge.noticeHint')),
    field(ids.script, t('surge.script'), script), problem, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: t('surge.open') })));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.textContent = '';
    try {
      const opened = await api.post('/api/surges', { category: category.value, district: district.value, title: title.value, notice: notice.value, script: script.value });
      toast(t('surge.opened', { id: opened.id }));
      form.reset();
      showFieldErrors(form, {}, ids);
      await done();
    } catch (error) {
      const shown = error instanceof api.ApiError && showFieldErrors(form, error.fields, ids);
      problem.textContent = shown ? t('error.fields') : describe(error);
    }
  });
  return form;
}
