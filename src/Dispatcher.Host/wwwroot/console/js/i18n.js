// Every label, status and error in Chinese (the default for this city) and English: one dictionary
// file per language (i18n/zh-CN.json, i18n/en.json); the choice is kept in the browser.
const languages = ['zh-CN', 'en'];
const dictionaries = {};
let current = 'zh-CN';

export async function loadLanguages() {
  await Promise.all(languages.map(async lang => {
    const response = await fetch(`i18n/${lang}.json`);
    dictionaries[lang] = await response.json();
  }));
  const saved = localStorage.getItem('console.lang');
  current = languages.includes(saved) ? saved : 'zh-CN';
  document.documentElement.lang = current;
}

export const language = () => current;

export function setLanguage(lang) {
  if (!languages.includes(lang)) return;
  current = lang;
  localStorage.setItem('console.lang', lang);
  document.documentElement.lang = lang;
  document.dispatchEvent(new CustomEvent('languagechange'));
}

/** The text for a key in the current language, with {name} placeholders filled in. */
export function t(key, vars = {}) {
  const text = dictionaries[current]?.[key] ?? dictionaries['zh-CN']?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`));
}

/** The city file's names are "中文 English": the part for the current language. */
export function localName(name) {
  if (!name) return '';
  const space = name.indexOf(' ');
  if (space < 0 || !/[\u3400-\u9fff]/.test(name.slice(0, space))) return name;
  return current === 'en' ? name.slice(space + 1) : name.slice(0, space);
}

/** Fills every [data-i18n] (text), [data-i18n-placeholder] and [data-i18n-aria] under root. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-aria]').forEach(el => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(current, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function percent(rate) {
  return rate === null || rate === undefined ? t('common.noRate') : `${(rate * 100).toFixed(1)} %`;
}
