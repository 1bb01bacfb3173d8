// Call-taker (R1, R2, R10): a keyboard-only intake form fed by the city's categories and districts;
// while the call is typed, the routing preview says where it would go, which open case it would
// join and which knowledge-base answers could close it at first contact. The tracking number is
// shown at once; today's figures come from the call-taker's own record. While the category and
// district typed have an open surge incident (ADR-028), a banner shows its notice and the script.
import * as api from '../api.js';
import { h, field, showFieldErrors } from '../dom.js';
import { t, localName } from '../i18n.js';
import { picker } from '../picker.js';
import { describe, toast } from '../app.js';

const fieldIds = {
  category: 'category', district: 'district', address: 'address', description: 'description',
  'citizen.name': 'citizen-name', 'citizen.phone': 'citizen-phone', priority: 'priority',
};

export default async function intake(view, { session }) {
  const city = await api.get('/api/city');
  let callStartedAt = null;
  let previewTimer = null;
  let attributeValues = {};

  const category = picker('category', t('intake.category'), t('intake.pickerHint'), city.categories, () => { attributeValues = {}; schedule(); });
  const district = picker('district', t('intake.district'), t('intake.pickerHint'), city.districts, schedule);
  const address = h('input', { autocomplete: 'off' });
  const attributes = h('div', { class: 'attributes', id: 'attributes' });
  const description = h('textarea', { rows: 3 });
  const name = h('input', { autocomplete: 'off' });
  const phone = h('input', { autocomplete: 'off', inputmode: 'tel' });
  const priority = h('select', {},
    ...['normal', 'high', 'urgent'].map(p => h('option', { value: p, text: t(`priority.${p}`) })));
  const submit = h('button', { type: 'submit', class: 'primary', id: 'intake-submit', text: t('intake.submit') });
  const problem = h('p', { class: 'problem', role: 'alert', id: 'intake-problem' });
  const form = h('form', { class: 'card intake', id: 'intake-form', novalidate: true },
    h('h2', { text: t('intake.title') }),
    h('div', { class: 'row' }, category.element, district.element),
    field('address', t('intake.address'), address),
    attributes,
    field('description', t('intake.description'), description, t('intake.descriptionHint')),
    h('div', { class: 'row' }, field('citizen-name', t('intake.citizenName'), name), field('citizen-phone', t('intake.citizenPhone'), phone)),
    field('priority', t('intake.priority'), priority),
    problem,
    h('div', { class: 'actions' }, submit, h('small', { class: 'hint', text: t('intake.keys') })));

  const tracking = h('output', { id: 'tracking-number', class: 'tracking', 'aria-live': 'polite' });
  const preview = h('section', { class: 'card preview', id: 'preview', 'aria-live': 'polite' }, h('h2', { text: t('preview.title') }),
    h('p', { class: 'hint', text: t('preview.empty') }));
  const figures = h('section', { class: 'card figures', id: 'figures' });
  const surgeBanner = h('section', { class: 'card surge-banner', id: 'surge-banner', role: 'status', hidden: true });
  view.append(surgeBanner);
  view.append(h('div', { class: 'columns' }, form,
    h('div', { class: 'side' }, h('section', { class: 'card' }, h('h2', { text: t('intake.tracking') }), tracking), preview, figures)));

  form.addEventListener('input', () => { callStartedAt ??= new Date().toISOString(); });
  form.addEventListener('input', event => { if (event.target === address || event.target === description) schedule(); });
  form.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', event => { event.preventDefault(); take(null); });

  function body(firstContact) {
    return {
      channel: 'phone', category: category.value, district: district.value, address: address.value,
      description: description.value, attributes: { ...attributeValues },
      citizen: { name: name.value, phone: phone.value }, priority: priority.value,
      callStartedAt: callStartedAt ?? undefined, firstContact: firstContact ?? undefined,
    };
  }

  async function take(firstContact) {
    problem.textContent = '';
    submit.disabled = true;
    try {
      const created = await api.post('/api/cases', body(firstContact));
      tracking.textContent = created.id;
      tracking.dataset.status = created.status;
      tracking.append(h('span', { class: 'status', text: ` ${t(`status.${created.status}`)}` }));
      showSurge(created.surge);
      toast(t('intake.taken', { id: created.id }));
      form.reset();
      category.reset();
      district.reset();
      attributes.replaceChildren();
      attributeValues = {};
      callStartedAt = null;
      showFieldErrors(form, {}, fieldIds);
      renderPreview(null);
      category.focus();
      await loadFigures();
    } catch (error) {
      const shown = error instanceof api.ApiError && showFieldErrors(form, error.fields, fieldIds);
      problem.textContent = shown ? t('error.fields') : describe(error);
      form.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  }

  function schedule() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(runPreview, 250);
  }

  /** The open incident's public notice (what to tell the caller) and the call-taker's script, or nothing. */
  function showSurge(surge) {
    surgeBanner.hidden = !surge;
    if (!surge) { surgeBanner.replaceChildren(); return; }
    surgeBanner.replaceChildren(h('h2', { text: t('surge.banner', { title: surge.title }) }),
      h('p', {}, h('strong', { text: t('surge.notice') }), ' ', h('span', { id: 'surge-banner-notice', text: surge.notice })),
      h('p', {}, h('strong', { text: t('surge.script') }), ' ', h('span', { id: 'surge-banner-script', text: surge.script })));
  }

  async function checkSurge() {
    if (!category.value || !district.value) { showSurge(null); return; }
    try {
      const open = await api.get('/api/surges?status=open');
      showSurge(open.items.find(s => s.category === category.value && s.district === district.value));
    } catch { showSurge(null); }
  }

  async function runPreview() {
    await checkSurge();
    if (!category.value || !district.value) { renderPreview(null); return; }
    try {
      const result = await api.post('/api/routing/preview', {
        category: category.value, district: district.value, address: address.value || undefined,
        attributes: attributeValues, text: `${description.value} ${address.value}`.trim() || undefined,
      });
      renderAttributes(result.attributeOptions);
      renderPreview(result);
    } catch (error) {
      preview.replaceChildren(h('h2', { text: t('preview.title') }), h('p', { class: 'problem', text: describe(error) }));
    }
  }

  function renderAttributes(options) {
    const keys = Object.keys(options || {});
    if (keys.join() === [...attributes.querySelectorAll('select')].map(s => s.name).join()) return;
    attributes.replaceChildren(...keys.map(key => {
      const select = h('select', { name: key },
        h('option', { value: '', text: t('intake.attributeNone') }),
        ...options[key].map(value => h('option', { value, text: t(`attribute.${key}.${value}`) })));
      select.addEventListener('change', () => {
        if (select.value) attributeValues[key] = select.value; else delete attributeValues[key];
        schedule();
      });
      return field(`attribute-${key}`, t(`attribute.${key}`), select);
    }));
  }

  function renderPreview(result) {
    const parts = [h('h2', { text: t('preview.title') })];
    if (!result) parts.push(h('p', { class: 'hint', text: t('preview.empty') }));
    else {
      const where = {
        route: () => t('preview.route', { department: localName(result.departmentName), rule: result.ruleId }),
        triage: () => t('preview.triage'),
        partner: () => t('preview.partner', { line: result.partnerName }),
        join: () => t('preview.join', { id: result.joinsCaseId, department: localName(result.departmentName) }),
        surge: () => t('preview.surge', { surge: result.surgeId, id: result.joinsCaseId, department: localName(result.departmentName) }),
      }[result.path]();
      parts.push(h('p', { class: `where ${result.path}`, id: 'preview-where', text: where }));
      if (result.ruleDescription) parts.push(h('p', { class: 'hint', text: result.ruleDescription }));
      if (result.answers.length) {
        parts.push(h('h3', { text: t('preview.answers') }));
        parts.push(h('ul', { class: 'answers' }, ...result.answers.map(answer => h('li', {},
          h('strong', { text: answer.title }), h('p', { text: answer.answer }),
          h('button', { type: 'button', onclick: () => take({ entryId: answer.id, note: answer.title }), text: t('preview.closeAtFirstContact') })))));
      }
    }
    preview.replaceChildren(...parts);
  }

  async function loadFigures() {
    const me = await api.get(`/api/agents/${encodeURIComponent(session.login)}`);
    const average = me.averageHandlingSecondsToday == null ? t('common.none') : t('figures.seconds', { n: Math.round(me.averageHandlingSecondsToday) });
    const shift = h('button', { type: 'button', id: 'shift', text: me.status === 'available' ? t('figures.signOutShift') : t('figures.signInShift') });
    shift.addEventListener('click', async () => {
      await api.post(me.status === 'available' ? '/api/agents/me/sign-out' : '/api/agents/me/sign-in');
      await loadFigures();
    });
    figures.replaceChildren(h('h2', { text: t('figures.title') }),
      h('dl', {},
        h('dt', { text: t('figures.shift') }), h('dd', { id: 'shift-status', text: t(`agentStatus.${me.status}`) }),
        h('dt', { text: t('figures.casesToday') }), h('dd', { id: 'cases-today', text: String(me.casesTakenToday) }),
        h('dt', { text: t('figures.averageHandling') }), h('dd', { text: average }),
        h('dt', { text: t('figures.signedInToday') }), h('dd', { text: t('figures.minutes', { n: Math.round(me.signedInSecondsToday / 60) }) })),
      shift);
  }

  await loadFigures();
  category.focus();
  return () => clearTimeout(previewTimer);
}
