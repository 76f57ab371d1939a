import { del, get, post, query, repoPath } from '../api.js';
import { h, clear } from '../dom.js';
import { badge, confirmDialog, errorBox, loading, pageHeader, setContent, toast } from '../ui.js';
import * as fmt from '../format.js';
import * as store from '../store.js';

const sourceKind = { 'HF cache': 'info', 'Friendly view': 'lib', Local: 'ok' };
const statusKind = { complete: 'ok', filtered: 'info', unknown: '' };

export async function render(root, { query: params }) {
  const state = { search: params.get('search') ?? '', type: params.get('type') ?? '', sort: params.get('sort') ?? 'name' };
  const searchInput = h('input', { type: 'search', id: 'lib-search', value: state.search, placeholder: 'Filter by name' });
  const typeSelect = h('select', { id: 'lib-type' },
    h('option', { value: '', selected: state.type === '' }, 'Models and datasets'),
    h('option', { value: 'model', selected: state.type === 'model' }, 'Models'),
    h('option', { value: 'dataset', selected: state.type === 'dataset' }, 'Datasets'));
  const sortSelect = h('select', { id: 'lib-sort' },
    [['name', 'Name'], ['size', 'Size'], ['date', 'Recently downloaded']].map(([v, l]) => h('option', { value: v, selected: state.sort === v }, l)));
  const cleanBox = h('input', { type: 'checkbox', id: 'lib-clean' });
  const stats = h('section', { class: 'stats-bar', 'aria-label': 'Library statistics' });
  const disk = h('section', { class: 'stats-bar', 'aria-label': 'Disk space' });
  const list = h('div', { class: 'library', 'aria-live': 'polite' });
  const messages = h('div');

  let data = null;
  let scanRoots = [];
  let layout = localStorage.getItem('hfdesk.library.layout') === 'grid' ? 'grid' : 'list';
  const gridButton = h('button', { type: 'button', class: 'btn', 'aria-pressed': String(layout === 'grid') }, 'Grid');
  const listButton = h('button', { type: 'button', class: 'btn', 'aria-pressed': String(layout === 'list') }, 'List');
  const setLayout = (next) => {
    layout = next;
    localStorage.setItem('hfdesk.library.layout', next);
    gridButton.setAttribute('aria-pressed', String(next === 'grid'));
    listButton.setAttribute('aria-pressed', String(next === 'list'));
    list.querySelector('ul.cards')?.classList.toggle('cards-grid', next === 'grid');
  };
  gridButton.addEventListener('click', () => setLayout('grid'));
  listButton.addEventListener('click', () => setLayout('list'));
  const viewToggle = h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'Layout' }, gridButton, listButton);

  // Folders under localScanDirs are read-only (api.md Cache): HFDesk shows them but never offers to delete them.
  const readOnly = (r) => r.readOnly ?? (r.source === 'Local' && scanRoots.some((root) => isInside(r.path, root)));

  const load = async () => {
    setContent(list, loading('Scanning the cache…'));
    try {
      const [cache, settings] = await Promise.all([
        get(`/cache${query({ type: typeSelect.value, search: searchInput.value.trim() })}`),
        get('/settings').catch(() => null),
      ]);
      data = cache;
      scanRoots = settings?.localScanDirs ?? [];
      draw();
    } catch (error) {
      setContent(list, errorBox(error, { title: 'The library could not be read' }));
    }
  };

  const draw = () => {
    const s = data?.stats ?? {};
    const copies = data?.repos?.length ?? 0;
    setContent(stats,
      stat('Models', s.totalModels ?? 0), stat('Datasets', s.totalDatasets ?? 0), stat(copies === 1 ? 'Copy on disk' : 'Copies on disk', copies, 'copies'),
      stat('Size on disk', s.totalSizeHuman ?? fmt.bytes(s.totalSize ?? 0)), stat('Files', s.totalFiles ?? 0),
      h('div', { class: 'stat stat-wide' }, h('span', { class: 'stat-label' }, 'Hub cache'), h('code', { class: 'path' }, data?.effectiveHubDir ?? '—'), data?.hubDirSource ? h('span', { class: 'muted' }, ` (from ${data.hubDirSource})`) : null));
    const repos = [...(data?.repos ?? [])].sort(sorter(sortSelect.value));
    if (repos.length === 0) {
      setContent(list, h('p', { class: 'empty' }, 'Nothing here yet. Downloads and models found in your local folders show up in this list.'));
      return;
    }
    setContent(list, h('ul', { class: `cards${layout === 'grid' ? ' cards-grid' : ''}`, 'aria-label': 'Copies on disk' }, repos.map((r) => repoCard(r))));
  };

  const repoCard = (r) => {
    const details = h('div', { class: 'repo-details', hidden: true });
    const detailsButton = h('button', { type: 'button', class: 'btn', 'aria-expanded': 'false', 'aria-label': `Details of ${r.repo}` }, 'Details');
    detailsButton.addEventListener('click', async () => {
      const open = details.hidden;
      details.hidden = !open;
      detailsButton.setAttribute('aria-expanded', String(open));
      if (open && !details.dataset.loaded) {
        setContent(details, loading());
        try {
          const d = await get(`/cache/${repoPath(r.repo)}${query({ type: r.type })}`);
          details.dataset.loaded = '1';
          setContent(details, ...renderDetails(d));
        } catch (error) {
          setContent(details, errorBox(error));
        }
      }
    });
    const where = r.source === 'Local' ? `the folder ${r.path}` : r.source === 'Friendly view' ? `the friendly view (${r.path})` : `the Hugging Face cache (${r.path})`;
    const deleteButton = readOnly(r) ? null : h('button', { type: 'button', class: 'btn btn-danger', 'aria-label': `Delete ${r.repo} from ${r.source}` }, 'Delete');
    deleteButton?.addEventListener('click', async () => {
      const ok = await confirmDialog({
        title: `Delete ${r.repo}?`,
        message: `This removes ${r.sizeHuman ?? fmt.bytes(r.size)} from ${where}. Other copies stay. Tools that use these files will have to download them again.`,
        cancelLabel: 'Keep it',
        confirmLabel: 'Delete',
        danger: true,
      });
      if (!ok) return;
      try {
        // Name the copy: without source and path the server deletes the HF-cache copy only.
        await del(`/cache/${repoPath(r.repo)}${query({ type: r.type, source: r.source, path: r.path })}`);
        toast(`${r.repo} deleted from ${r.source}`, 'ok');
        await load();
      } catch (error) {
        setContent(messages, errorBox(error, { title: `${r.repo} was not deleted` }));
      }
    });
    return h('li', { class: 'card lib-repo', dataset: { repo: r.repo, source: r.source } },
      h('div', { class: 'result-title' },
        h('a', { class: 'repo-link', href: `#/repo/${repoPath(r.repo)}${r.type === 'dataset' ? '?dataset=true' : ''}` }, r.repo),
        badge(r.source, sourceKind[r.source] ?? ''),
        readOnly(r) ? h('span', { class: 'badge', title: 'Under a read-only scan folder (Settings → local scan folders)' }, 'Read-only') : null,
        r.type === 'dataset' ? badge('dataset') : null,
        h('span', { 'data-testid': 'download-status' }, badge(r.downloadStatus ?? 'unknown', statusKind[r.downloadStatus] ?? ''))),
      h('div', { class: 'stats' },
        h('span', {}, r.sizeHuman ?? fmt.bytes(r.size)),
        h('span', {}, `${r.fileCount ?? 0} files`),
        r.branch ? h('span', {}, `${r.branch} @ `, h('code', {}, fmt.shortCommit(r.commit))) : null,
        r.downloaded ? h('span', { class: 'muted' }, fmt.relativeTime(r.downloaded)) : null),
      r.quantizations?.length ? h('div', { class: 'badges' }, r.quantizations.map((q) => badge(q, 'quant'))) : null,
      h('code', { class: 'path' }, r.path ?? ''),
      r.friendlyPath && r.friendlyPath !== r.path ? h('p', { class: 'muted friendly-path' }, 'Friendly view: ', h('code', { class: 'path' }, r.friendlyPath)) : null,
      h('div', { class: 'job-actions' }, detailsButton, deleteButton),
      details);
  };

  const rebuildButton = h('button', { type: 'button', class: 'btn' }, 'Rebuild library');
  rebuildButton.addEventListener('click', async () => {
    rebuildButton.disabled = true;
    try {
      const answer = await post('/cache/rebuild', { clean: cleanBox.checked });
      toast(answer?.message ?? 'Library rebuilt', 'ok');
      await load();
    } catch (error) {
      setContent(messages, errorBox(error, { title: 'Rebuild failed' }));
    } finally {
      rebuildButton.disabled = false;
    }
  });

  const form = h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(); } },
    h('label', { for: 'lib-search' }, 'Filter'), searchInput,
    h('label', { for: 'lib-type' }, 'Show'), typeSelect,
    h('label', { for: 'lib-sort' }, 'Sort by'), sortSelect,
    h('button', { type: 'submit', class: 'btn' }, 'Apply'),
    viewToggle,
    h('span', { class: 'spacer' }),
    h('span', { class: 'check' }, cleanBox, h('label', { for: 'lib-clean' }, 'Remove orphans')), rebuildButton);
  typeSelect.addEventListener('change', load);
  sortSelect.addEventListener('change', draw);

  setContent(root, h('div', { class: 'page' }, pageHeader('Library'), form, messages, stats, disk, list));
  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'event' && change.event?.kind === 'cache_changed') load();
  });
  loadDisk(disk);
  await load();
  return unsubscribe;
}

async function loadDisk(host) {
  try {
    const d = await get('/diskfree');
    const used = d.total > 0 ? 1 - d.free / d.total : 0;
    setContent(host, h('div', { class: 'stat stat-wide' },
      h('span', { class: 'stat-label' }, 'Free space'),
      h('span', { 'data-testid': 'disk-free' }, `${fmt.bytes(d.free)} free of ${fmt.bytes(d.total)}`),
      h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Disk used', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(used * 100)) },
        h('div', { class: 'progress-fill', style: `width: ${Math.round(used * 100)}%` }))));
  } catch (error) {
    setContent(host, errorBox(error, { title: 'Free space unknown' }));
  }
}

function stat(label, value, testId) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value', 'data-testid': testId ?? null }, String(value)));
}

function isInside(path, root) {
  const norm = (p) => String(p ?? '').replace(/\\/g, '/').replace(/\/+$/, '');
  const child = norm(path);
  const parent = norm(root);
  return parent.length > 0 && (child === parent || child.startsWith(`${parent}/`));
}

function sorter(key) {
  switch (key) {
    case 'size': return (a, b) => (b.size ?? 0) - (a.size ?? 0);
    case 'date': return (a, b) => String(b.downloaded ?? '').localeCompare(String(a.downloaded ?? ''));
    default: return (a, b) => a.repo.localeCompare(b.repo);
  }
}

function renderDetails(d) {
  const files = d.files ?? [];
  return [
    d.snapshots?.length ? h('p', {}, 'Snapshots: ', d.snapshots.map((s) => h('code', { title: typeof s === 'string' ? s : s.commit }, fmt.shortCommit(typeof s === 'string' ? s : s.commit), ' '))) : null,
    d.friendlyPath ? h('p', {}, 'Friendly folder: ', h('code', { class: 'path' }, d.friendlyPath)) : null,
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col', class: 'num' }, 'Size'))),
      h('tbody', {}, files.map((f) => h('tr', {}, h('td', {}, h('code', {}, f.path ?? f.name ?? String(f))), h('td', { class: 'num' }, fmt.bytes(f.size)))))),
  ];
}
