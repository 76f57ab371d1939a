import { h, clear } from './dom.js';

/** Shows an API error in plain words: the server's sentence, its details, never a raw JSON dump. */
export function errorBox(error, { title } = {}) {
  const message = error?.message || 'Something went wrong.';
  const details = typeof error?.details === 'string' ? error.details : null;
  return h('div', { class: 'alert alert-error', role: 'alert' },
    title ? h('strong', {}, title) : null,
    h('p', { class: 'alert-message' }, ...linkify(message)),
    details && details !== message ? h('p', { class: 'alert-details' }, ...linkify(details)) : null,
    hintFor(error));
}

function hintFor(error) {
  // The Hub answers a misspelt name like a private repo (401 "not found"): the spelling is the likelier cause,
  // and the server's sentence already says what a private repo needs, so no token hint on top of it.
  const notFound = error?.code === 'not_found' || (error?.code === 'unauthorized' && /not found/i.test(error?.message ?? ''));
  switch (notFound ? 'not_found' : error?.code) {
    case 'not_found':
      return h('p', { class: 'alert-hint' }, 'Check the spelling of the name (owner/name, as on the Hub\'s page).');
    case 'unauthorized':
      return h('p', { class: 'alert-hint' }, 'Check the access token in ', h('a', { href: '#/settings' }, 'Settings'), ' and whether you accepted the model\'s terms on Hugging Face.');
    case 'upstream_timeout':
      return h('p', { class: 'alert-hint' }, 'The Hub did not answer in time. Try again in a moment.');
    case 'upstream_error':
      return h('p', { class: 'alert-hint' }, 'The Hub had a problem answering. Try again in a moment, or check the endpoint and proxy in Settings.');
    case 'rate_limited':
      return h('p', { class: 'alert-hint' }, 'The Hub asked us to slow down. Wait a little and try again.');
    case 'network':
      return h('p', { class: 'alert-hint' }, 'Start HFDesk again; this page reconnects by itself.');
    default:
      return null;
  }
}

const urlPattern = /(https?:\/\/[^\s)'"]+)/g;

/** Text with its http(s) URLs as links that open in a new tab (the Hub's pages for gated repos, for example). */
export function linkify(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    parts.push(text.slice(last, match.index));
    const url = match[0].replace(/[.,]+$/, '');
    parts.push(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url));
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function toast(message, kind = 'info') {
  const host = document.getElementById('toasts');
  const el = h('div', { class: `toast toast-${kind}` }, message);
  host.append(el);
  setTimeout(() => el.remove(), 5000);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** A modal confirmation built on <dialog>: focus is trapped and Escape cancels. Resolves true on confirm. */
export function confirmDialog({ title, message, confirmLabel = 'OK', cancelLabel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    const done = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.append(
      h('h2', { id: 'dialog-title' }, title),
      h('p', {}, message),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => done(false) }, cancelLabel),
        h('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary', onclick: () => done(true) }, confirmLabel)));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind ? `badge-${kind}` : ''}` }, text);
}

export function pageHeader(title, ...extra) {
  return h('div', { class: 'page-header' }, h('h1', {}, title), ...extra);
}

export function setContent(root, ...nodes) {
  clear(root);
  for (const node of nodes) if (node) root.append(node);
}

export function progressBar(fraction, label) {
  const pct = Math.max(0, Math.min(100, Math.round((fraction || 0) * 1000) / 10));
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct), 'aria-label': label },
    h('div', { class: 'progress-fill', style: `width: ${pct}%` }));
}
