import { get, query, repoPath } from '../api.js';
import { h } from '../dom.js';
import { badge, errorBox, linkify, loading, pageHeader, setContent } from '../ui.js';
import * as fmt from '../format.js';

const pageSize = 50;
const statusKind = { completed: 'ok', failed: 'error', cancelled: '' };

export async function render(root, { query: params }) {
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const body = h('div', { 'aria-live': 'polite' }, loading());
  setContent(root, h('div', { class: 'page' }, pageHeader('History'), body));
  try {
    const data = await get(`/history${query({ limit: pageSize, offset })}`);
    const entries = data?.entries ?? [];
    if (entries.length === 0) {
      setContent(body, h('p', { class: 'empty' }, 'No finished downloads yet.'));
      return undefined;
    }
    const total = data.total ?? entries.length;
    setContent(body,
      h('table', { class: 'table table-stack' },
        h('thead', {}, h('tr', {}, ['Repository', 'Status', 'Files', 'Size', 'Finished', 'Where'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, entries.map((e) => h('tr', {},
          h('td', {}, h('a', { href: `#/repo/${repoPath(e.repo)}${e.isDataset ? '?dataset=true' : ''}` }, e.repo), e.revision && e.revision !== 'main' ? h('span', { class: 'muted' }, ` @ ${e.source === 'hub' ? e.revision.slice(0, 7) : e.revision}`) : null,
            e.source === 'hub' ? h('div', {}, badge('LAN pull', 'lib'), e.lanClient ? h('span', { class: 'muted' }, ` for ${e.lanClient}`) : null) : null),
          h('td', {}, badge(e.status, statusKind[e.status] ?? ''), e.error ? h('div', { class: 'job-error' }, ...linkify(e.error)) : null),
          h('td', { class: 'num', 'data-label': 'Files' }, String(e.totalFiles ?? 0)),
          h('td', { class: 'num', 'data-label': 'Size' }, fmt.bytes(e.totalBytes ?? 0)),
          h('td', { title: e.endedAt ?? '', 'data-label': 'Finished' }, fmt.dateTime(e.endedAt)),
          h('td', { 'data-label': 'Where' }, h('code', { class: 'path' }, fmt.repoFolder(e))))))),
      h('nav', { class: 'pager', 'aria-label': 'History pages' },
        offset > 0 ? h('a', { class: 'btn', href: `#/history${query({ offset: Math.max(0, offset - pageSize) || '' })}` }, '← Newer') : null,
        h('span', { class: 'muted' }, `${offset + 1}–${offset + entries.length} of ${total}`),
        offset + entries.length < total ? h('a', { class: 'btn', href: `#/history${query({ offset: offset + pageSize })}` }, 'Older →') : null));
  } catch (error) {
    setContent(body, errorBox(error, { title: 'History could not be read' }));
  }
  return undefined;
}
