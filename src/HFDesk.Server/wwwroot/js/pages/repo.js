import { get, post, query, repoPath } from '../api.js';
import { h, uid } from '../dom.js';
import { badge, errorBox, loading, pageHeader, setContent, toast } from '../ui.js';
import * as fmt from '../format.js';
import * as store from '../store.js';

export async function render(root, { owner, name, query: params }) {
  const repo = `${owner}/${name}`;
  const dataset = params.get('dataset') === 'true';
  const revision = params.get('revision') || 'main';
  const page = h('div', { class: 'page' }, pageHeader(repo), loading('Analyzing the repository…'));
  setContent(root, page);

  const controller = new AbortController();
  let analysis;
  try {
    analysis = await get(`/analyze/${repoPath(repo)}${query({ revision: revision === 'main' ? '' : revision, dataset: dataset ? 'true' : '' })}`, { signal: controller.signal });
  } catch (error) {
    if (error.name === 'AbortError') return undefined;
    setContent(page, pageHeader(repo), errorBox(error, { title: 'This repository cannot be opened' }), h('p', {}, h('a', { href: '#/' }, '← Back to search')));
    return () => controller.abort();
  }

  const hubBase = await hubWebBase();
  const view = new RepoView(analysis, hubBase, controller.signal);
  setContent(page, ...view.render());
  view.refreshPlan();
  return () => {
    controller.abort();
    view.dispose();
  };
}

async function hubWebBase() {
  try {
    const settings = await get('/settings');
    return (settings?.endpoint || 'https://huggingface.co').replace(/\/+$/, '');
  } catch {
    return 'https://huggingface.co';
  }
}

class RepoView {
  constructor(analysis, hubBase, signal) {
    this.a = analysis;
    this.hubBase = hubBase;
    this.signal = signal;
    this.items = analysis.selectable_items ?? [];
    this.selected = new Set(this.items.filter((i) => i.recommended).map((i) => i.id));
    this.planBox = h('section', { class: 'card plan', 'aria-label': 'Download plan', 'aria-live': 'polite' });
    this.downloadButton = h('button', { type: 'button', class: 'btn btn-primary btn-large', onclick: () => this.download() }, 'Download');
    this.planTimer = null;
    this.planSeq = 0;
  }

  dispose() {
    clearTimeout(this.planTimer);
  }

  render() {
    const a = this.a;
    const webUrl = `${this.hubBase}/${a.is_dataset ? 'datasets/' : ''}${a.repo}`;
    const header = h('div', { class: 'page-header' },
      h('h1', {}, a.repo),
      h('a', { href: webUrl, target: '_blank', rel: 'noopener noreferrer', class: 'btn' }, 'Open on Hugging Face ↗'));
    const summary = h('section', { class: 'card summary', 'aria-label': 'Summary' },
      h('div', { class: 'badges' }, badge(a.type, 'type'), a.is_dataset ? badge('dataset') : null, a.also_dataset ? badge('also a dataset') : null),
      h('p', { class: 'type-description' }, a.type_description ?? ''),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Total size'), h('dd', {}, a.total_size_human ?? fmt.bytes(a.total_size)),
        h('dt', {}, 'Files'), h('dd', {}, String(a.file_count ?? a.files?.length ?? 0)),
        h('dt', {}, 'Revision'), h('dd', {}, a.revision ?? 'main'),
        h('dt', {}, 'Commit'), h('dd', { title: a.commit ?? '' }, h('code', {}, fmt.shortCommit(a.commit)))));

    const groups = groupItems(this.items);
    const selection = h('section', { class: 'card', 'aria-label': 'What to download' },
      h('h2', {}, 'What to download'),
      this.items.length === 0 ? h('p', { class: 'muted' }, 'HFDesk found nothing to choose from here: the whole repository will be downloaded.') : null,
      ...groups.map(([category, items]) => this.renderGroup(category, items)));

    const files = h('details', { class: 'card files' },
      h('summary', {}, `All files (${a.files?.length ?? 0})`),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col', class: 'num' }, 'Size'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, (a.files ?? []).map((f) => h('tr', {},
          h('td', {}, h('code', {}, f.path)),
          h('td', { class: 'num' }, f.size_human ?? fmt.bytes(f.size)),
          h('td', {}, f.is_lfs ? badge('LFS') : null))))));

    const actions = h('div', { class: 'download-bar' }, this.downloadButton);
    return [header, summary, h('div', { class: 'columns' }, selection, h('div', {}, this.planBox, actions)), files];
  }

  renderGroup(category, items) {
    const title = categoryTitle(category);
    const isQuant = category === 'quantization';
    const list = h('ul', { class: 'items', role: 'list' }, items.map((item) => this.renderItem(item, isQuant)));
    return h('fieldset', { class: 'item-group', dataset: { category } }, h('legend', {}, title), list);
  }

  renderItem(item, isQuant) {
    const id = uid('item');
    const box = h('input', { type: 'checkbox', id, value: item.id, checked: this.selected.has(item.id), dataset: { itemId: item.id } });
    box.addEventListener('change', () => {
      if (box.checked) this.selected.add(item.id);
      else this.selected.delete(item.id);
      this.schedulePlan();
    });
    const shards = (item.files?.length ?? 0) > 1 ? `${item.files.length} files` : null;
    return h('li', { class: `item ${item.recommended ? 'item-recommended' : ''}` },
      box,
      h('label', { for: id },
        h('span', { class: 'item-label' }, item.label),
        item.recommended ? badge('Recommended', 'ok') : null,
        h('span', { class: 'item-size' }, item.size_human ?? fmt.bytes(item.size)),
        isQuant && item.quality ? h('span', { class: 'quality', title: `Quality ${item.quality} of 5`, 'aria-label': `Quality ${item.quality} of 5` }, '●'.repeat(item.quality) + '○'.repeat(Math.max(0, 5 - item.quality))) : null,
        item.estimated_ram ? h('span', { class: 'muted' }, `RAM ≈ ${typeof item.estimated_ram === 'number' ? fmt.bytes(item.estimated_ram) : item.estimated_ram}`) : null,
        shards ? h('span', { class: 'muted' }, shards) : null,
        item.description ? h('span', { class: 'item-description' }, item.description) : null));
  }

  requestBody() {
    const base = this.a.recommended_download ?? { repo: this.a.repo };
    const recommended = new Set(this.items.filter((i) => i.recommended).map((i) => i.id));
    const unchanged = recommended.size === this.selected.size && [...recommended].every((id) => this.selected.has(id));
    const body = { repo: this.a.repo, revision: base.revision ?? this.a.revision ?? 'main', dataset: Boolean(this.a.is_dataset), filters: [] };
    // The analyzer's body is proven to fetch exactly the recommended files: send it as it is.
    if (unchanged) return { ...body, ...base, filters: base.filters ?? [] };

    const chosen = this.items.filter((i) => this.selected.has(i.id));
    body.filters = chosen.map((i) => i.filter_value).filter(Boolean);
    if (chosen.length === 0) return body;
    if (this.a.type === 'gguf') {
      // GGUF filters bring their shards and companions (README) by themselves; exact tokens keep Q6_K from taking Q6_K_XL.
      body.exactMatch = true;
      return body;
    }
    // Elsewhere the files that make weights usable (config, tokenizer…) belong to no item: keep them by path.
    const inItems = new Set(this.items.flatMap((i) => i.files ?? []));
    const companions = (this.a.recommended_files ?? []).filter((path) => !inItems.has(path));
    body.filters = [...new Set([...body.filters, ...companions])];
    return body;
  }

  schedulePlan() {
    clearTimeout(this.planTimer);
    this.planTimer = setTimeout(() => this.refreshPlan(), 250);
  }

  async refreshPlan() {
    const seq = ++this.planSeq;
    const body = this.requestBody();
    setContent(this.planBox, h('h2', {}, 'Plan'), loading('Working out what to fetch…'));
    try {
      const plan = await post('/plan', body, { signal: this.signal });
      if (seq !== this.planSeq) return;
      this.renderPlan(plan, body);
    } catch (error) {
      if (error.name === 'AbortError' || seq !== this.planSeq) return;
      setContent(this.planBox, h('h2', {}, 'Plan'), errorBox(error));
      this.downloadButton.disabled = true;
    }
  }

  renderPlan(plan, body) {
    const present = (plan.files ?? []).filter((f) => f.present).length;
    const tooBig = plan.freeSpace !== undefined && plan.freeSpace !== null && plan.bytesToDownload > plan.freeSpace;
    this.downloadButton.disabled = tooBig || (plan.totalFiles ?? 0) === 0;
    this.downloadButton.textContent = plan.bytesToDownload === 0 && plan.totalFiles > 0 ? 'Download (already on disk)' : `Download ${fmt.bytes(plan.bytesToDownload)}`;
    setContent(this.planBox,
      h('h2', {}, 'Plan'),
      body.filters.length === 0 ? h('p', { class: 'muted' }, 'Nothing selected: the entire repository.') : null,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Files'), h('dd', { 'data-testid': 'plan-files' }, String(plan.totalFiles ?? 0)),
        h('dt', {}, 'Total size'), h('dd', {}, fmt.bytes(plan.totalSize)),
        h('dt', {}, 'To download'), h('dd', { 'data-testid': 'plan-bytes' }, fmt.bytes(plan.bytesToDownload)),
        h('dt', {}, 'Already on disk'), h('dd', {}, `${present} file${present === 1 ? '' : 's'}`),
        h('dt', {}, 'Free space'), h('dd', {}, plan.freeSpace === undefined || plan.freeSpace === null ? '—' : fmt.bytes(plan.freeSpace)),
        h('dt', {}, 'Destination'), h('dd', {}, h('code', { class: 'path' }, plan.destination ?? '—'))),
      tooBig ? h('div', { class: 'alert alert-error', role: 'alert' }, 'Not enough free space at the destination for this selection.') : null,
      h('details', {}, h('summary', {}, 'Files in this plan'),
        h('ul', { class: 'plan-files' }, (plan.files ?? []).map((f) => h('li', {},
          h('code', {}, f.path), ' ', h('span', { class: 'muted' }, fmt.bytes(f.size)), f.present ? badge('on disk', 'ok') : null)))));
  }

  async download() {
    this.downloadButton.disabled = true;
    try {
      const answer = await post('/download', this.requestBody());
      const job = answer?.job ?? answer;
      store.upsertJob(job);
      toast(answer?.message ?? `Download of ${this.a.repo} started`, 'ok');
      location.hash = '#/downloads';
    } catch (error) {
      this.downloadButton.disabled = false;
      setContent(this.planBox, h('h2', {}, 'Plan'), errorBox(error, { title: 'Download could not start' }));
    }
  }
}

const categoryOrder = ['quantization', 'vision_encoder', 'format', 'variant', 'component', 'subset', 'split'];

function groupItems(items) {
  const map = new Map();
  for (const item of items) {
    const key = item.category ?? 'other';
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(item);
  }
  return [...map.entries()].sort((x, y) => rank(x[0]) - rank(y[0]));
}

function rank(category) {
  const i = categoryOrder.indexOf(category);
  return i < 0 ? 99 : i;
}

function categoryTitle(category) {
  switch (category) {
    case 'quantization': return 'Quantization';
    case 'vision_encoder': return 'Vision encoder';
    case 'format': return 'Format';
    case 'variant': return 'Precision variant';
    case 'component': return 'Components';
    case 'subset': return 'Subsets';
    case 'split': return 'Splits';
    default: return category.replace(/_/g, ' ');
  }
}
