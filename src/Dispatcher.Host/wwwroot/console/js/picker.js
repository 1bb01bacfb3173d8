// A keyboard-first choice for long lists (categories, districts): the call-taker types a few letters
// or characters of the name, the id or a keyword, and the best match is chosen; the list below the
// box can still be changed with the arrow keys. Matching works in both languages.
import { h } from './dom.js';
import { localName } from './i18n.js';

export function picker(id, label, hint, items, onChange) {
  const search = h('input', { id: `${id}-search`, autocomplete: 'off', 'aria-describedby': `${id}-hint`, 'aria-controls': id });
  const select = h('select', { id, size: 1 });
  const fill = matches => {
    const keep = select.value;
    select.replaceChildren(...matches.map(item => h('option', { value: item.id, text: localName(item.name) })));
    if (matches.some(m => m.id === keep)) select.value = keep;
  };
  fill(items);
  select.value = '';
  search.addEventListener('input', () => {
    const typed = search.value.trim().toLowerCase();
    const matches = typed ? items.filter(item => matches_(item, typed)) : items;
    fill(matches);
    select.value = matches[0]?.id ?? '';
    onChange();
  });
  search.addEventListener('keydown', event => {
    // Up and down move through the matches without leaving the box.
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = Math.max(0, select.selectedIndex + (event.key === 'ArrowDown' ? 1 : -1));
    if (index < select.options.length) { select.selectedIndex = index; onChange(); }
  });
  select.addEventListener('change', onChange);
  const element = h('div', { class: 'field picker' },
    h('label', { for: `${id}-search`, text: label }),
    search,
    h('small', { class: 'hint', id: `${id}-hint`, text: hint }),
    h('label', { for: id, class: 'visually-hidden', text: label }),
    select,
    h('small', { class: 'error', id: `${id}-error`, role: 'alert' }));
  return {
    element,
    focus: () => search.focus(),
    get value() { return select.value; },
    reset() { search.value = ''; fill(items); select.value = ''; },
  };
}

function matches_(item, typed) {
  return item.id.toLowerCase().includes(typed) ||
    item.name.toLowerCase().includes(typed) ||
    (item.keywords || []).some(k => k.toLowerCase().includes(typed));
}
