// Builds elements without innerHTML, so no citizen text can ever become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** A labelled field: the label names the control (every field has a label). */
export function field(id, label, control, hint) {
  control.id = id;
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    control,
    hint ? h('small', { class: 'hint', id: `${id}-hint`, text: hint }) : null,
    h('small', { class: 'error', id: `${id}-error`, role: 'alert' }));
}

/** Shows field-level problems from a 400 next to their fields; returns whether any was shown. */
export function showFieldErrors(form, errors, fieldIds) {
  form.querySelectorAll('.error').forEach(e => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  let shown = false;
  for (const [name, messages] of Object.entries(errors || {})) {
    const id = fieldIds[name];
    const slot = id && form.querySelector(`#${id}-error`);
    if (!slot) continue;
    slot.textContent = messages.join(' ');
    form.querySelector(`#${id}`)?.setAttribute('aria-invalid', 'true');
    shown = true;
  }
  return shown;
}
