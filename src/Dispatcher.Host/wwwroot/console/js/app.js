// The console shell (ADR-025): signs the person in, builds the navigation their role may use, and
// shows one page at a time by the address's #hash — each page owns its live stream and closes it
// when another page is shown.
import * as api from './api.js';
import { h, clear } from './dom.js';
import { loadLanguages, language, setLanguage, t, translate } from './i18n.js';
import { setLive } from './live.js';
import signinPage from './pages/signin.js';
import intakePage from './pages/intake.js';
import dispatchPage from './pages/dispatch.js';
import inboxPage from './pages/inbox.js';
import scoreboardPage from './pages/scoreboard.js';
import casePage from './pages/case.js';
import surgePage from './pages/surge.js';

const pages = {
  intake: { page: intakePage, roles: ['agent'], nav: 'nav.intake' },
  dispatch: { page: dispatchPage, roles: ['agent', 'admin'], nav: 'nav.dispatch' },
  inbox: { page: inboxPage, roles: ['department'], nav: 'nav.inbox' },
  scoreboard: { page: scoreboardPage, roles: ['supervisor', 'admin', 'agent'], nav: 'nav.scoreboard' },
  surge: { page: surgePage, roles: ['supervisor', 'admin', 'agent'], nav: 'nav.surge' },
  case: { page: casePage, roles: ['agent', 'admin', 'department', 'supervisor'] },
};

const home = { agent: 'intake', admin: 'dispatch', department: 'inbox', supervisor: 'scoreboard' };

let session = null;
let leave = null;

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** An error as the person should read it: in their language, with the server's field messages where it sent some. */
export function describe(error) {
  if (!(error instanceof api.ApiError)) return t('error.network');
  const code = error.problem.code ? `error.${error.problem.code}` : null;
  if (code && t(code) !== code) return t(code);
  return t(`error.${error.status}`) === `error.${error.status}` ? t('error.other', { status: error.status }) : t(`error.${error.status}`);
}

function buildNav() {
  const nav = clear(document.getElementById('nav'));
  const who = document.getElementById('who');
  const out = document.getElementById('sign-out');
  if (!session?.signedIn) {
    who.textContent = '';
    out.hidden = true;
    return;
  }
  const current = location.hash.slice(2).split('/')[0];
  for (const [name, entry] of Object.entries(pages)) {
    if (!entry.nav || !entry.roles.includes(session.role)) continue;
    nav.append(h('a', { href: `#/${name}`, 'aria-current': current === name ? 'page' : null, text: t(entry.nav) }));
  }
  if (session.role === 'admin') nav.append(h('a', { href: '/dashboard/', text: t('nav.dashboard') }));
  const department = session.departmentId ? ` · ${session.departmentId}` : '';
  who.textContent = `${session.displayName} (${t(`role.${session.role}`)}${session.head ? ` · ${t('role.head')}` : ''}${department})`;
  out.hidden = false;
}

async function render() {
  if (leave) { leave(); leave = null; }
  setLive(null);
  const view = clear(document.getElementById('view'));
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  if (!session?.signedIn) {
    buildNav();
    leave = await signinPage(view, { onSignedIn: async current => { session = current; navigate(`#/${home[session.role]}`); } });
    return;
  }
  const entry = pages[name];
  if (!entry || !entry.roles.includes(session.role)) {
    navigate(`#/${home[session.role]}`);
    return;
  }
  buildNav();
  try {
    leave = await entry.page(view, { session, args: rest.map(decodeURIComponent) });
  } catch (error) {
    view.append(h('p', { class: 'problem', role: 'alert', text: describe(error) }));
  }
  // A page that put the focus on its first field keeps it; otherwise the page itself takes it.
  if (!view.contains(document.activeElement)) view.focus({ preventScroll: true });
}

async function boot() {
  await loadLanguages();
  const picker = document.getElementById('lang');
  picker.value = language();
  picker.addEventListener('change', () => setLanguage(picker.value));
  document.addEventListener('languagechange', () => { translate(); render(); });
  document.getElementById('sign-out').addEventListener('click', async () => {
    await api.signOut();
    session = { signedIn: false };
    navigate('#/signin');
  });
  translate();
  session = await api.session();
  window.addEventListener('hashchange', render);
  await render();
  document.body.dataset.ready = 'true';
}

boot();
