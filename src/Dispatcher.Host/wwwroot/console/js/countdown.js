// A live countdown of a case's current step, coloured at the 50 / 75 / 90 % warnings (R5): the
// same thresholds the deadline engine warns at. One timer per page updates every countdown in it.
import { t } from './i18n.js';

export function level(start, due, now = Date.now()) {
  const total = due - start;
  const used = total > 0 ? (now - start) / total : 1;
  if (now >= due) return 'overdue';
  if (used >= 0.9) return '90';
  if (used >= 0.75) return '75';
  if (used >= 0.5) return '50';
  return 'ok';
}

export function remaining(due, now = Date.now()) {
  const seconds = Math.round(Math.abs(due - now) / 1000);
  const d = Math.floor(seconds / 86400), hh = Math.floor((seconds % 86400) / 3600), mm = Math.floor((seconds % 3600) / 60), ss = seconds % 60;
  const clock = `${d > 0 ? `${d}${t('countdown.days')} ` : ''}${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
  return now >= due ? t('countdown.overdueBy', { time: clock }) : clock;
}

/** Updates every element with data-start and data-due under root, now and every second; returns a stop function. */
export function tick(root) {
  const update = () => {
    const now = Date.now();
    root.querySelectorAll('[data-due]').forEach(el => {
      const due = Date.parse(el.dataset.due), start = Date.parse(el.dataset.start);
      el.textContent = remaining(due, now);
      el.dataset.level = level(start, due, now);
    });
  };
  update();
  const timer = setInterval(update, 1000);
  return () => clearInterval(timer);
}
