// Live updates through Server-Sent Events (ADR-025). EventSource reconnects by itself; the header
// says when the connection is lost and when it is back, and the page reloads its list on every
// (re)connection so nothing sent while it was away is missed.
import { t } from './i18n.js';

let shown = null;

/** Shows a connection state in the header: 'live', 'lost', or null (no stream on this page). */
export function setLive(state) {
  shown = state;
  const el = document.getElementById('live-status');
  if (!el) return;
  el.hidden = state === null;
  el.dataset.state = state || '';
  el.textContent = state ? t(`live.${state}`) : '';
}

/**
 * Opens a stream: handlers maps event names to functions of the parsed data; onOpen runs at each
 * (re)connection. Returns a function that closes the stream.
 */
export function subscribe(url, handlers, onOpen) {
  const source = new EventSource(url, { withCredentials: true });
  source.onopen = () => { setLive('live'); onOpen?.(); };
  source.onerror = () => setLive('lost');
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, event => handler(JSON.parse(event.data)));
  }
  return () => { source.close(); if (shown) setLive(null); };
}
