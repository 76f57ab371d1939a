import { get, post, query, repoPath } from '../api.js';
import { h, uid } from '../dom.js';
import { badge, errorBox, loading, pageHeader, setContent, toast } from '../ui.js';
import { sanitizedFragment } from '../readme.js';
import * as fmt from '../format.js';
import * as store from '../store.js';

export async function render(root, { repo, query: params }) {
  const dataset = params.get('dataset') === 'true';
  const revision = params.get('revision') || 'main';
  const context = Number.parseInt(params.get('context') ?? '', 10) || null;
  const page = h('div', { class: 'page' }, pageHeader(repo), loading('Analyzing the repository…'));
  setContent(root, page);

  const controller = new AbortController();
  const signal = controller.signal;
  let analysis;
  // What is already on disk and what this machine is only decorate the page: neither may hold it up or break it.
  const onDisk = get(`/cache/${repoPath(repo)}${query({ type: dataset ? 'dataset' : 'model' })}`, { signal }).catch(() => null);
  const machine = get('/system', { signal }).catch(() => null);
  const hubBase = hubWebBase(signal);
  try {
    analysis = await get(analyzePath(repo, { revision, dataset, context }), { signal });
  } catch (error) {
    if (error.name === 'AbortError') return undefined;
    setContent(page, pageHeader(repo), errorBox(error, { title: 'This repository cannot be opened' }), h('p', {}, h('a', { href: '#/' }, '← Back to search')));
    return () => controller.abort();
  }

  // Servers that do not yet put the Hub's facts into analyze: the search answer for the exact id carries them.
  if (analysis.downloads === undefined) Object.assign(analysis, await hubFactsFromSearch(repo, dataset, signal));
  const view = new RepoView(analysis, { hubBase: await hubBase, cached: await onDisk, machine: await machine, context, signal });
  setContent(page, ...view.render());
  view.refreshPlan();
  return () => {
    controller.abort();
    view.dispose();
  };
}

function analyzePath(repo, { revision, dataset, context }) {
  return `/analyze/${repoPath(repo)}${query({ revision: revision === 'main' ? '' : revision, dataset: dataset ? 'true' : '', context: context ?? '' })}`;
}

async function hubFactsFromSearch(repo, dataset, signal) {
  try {
    const data = await get(`/search${query({ q: repo, datasets: dataset ? 'true' : '', limit: 1 })}`, { signal });
    const info = (data?.items ?? []).find((i) => i.id.toLowerCase() === repo.toLowerCase());
    return info ? { gated: info.gated, private: info.private, downloads: info.downloads, likes: info.likes, last_modified: info.lastModified } : {};
  } catch {
    return {};
  }
}

async function hubWebBase(signal) {
  try {
    const settings = await get('/settings', { signal });
    return (settings?.endpoint || 'https://huggingface.co').replace(/\/+$/, '');
  } catch {
    return 'https://huggingface.co';
  }
}

// Fit badges in plain words, as a user reads them (api.md: full_gpu, partial_gpu, cpu_only, too_large).
const fitWords = {
  full_gpu: ['Fits on GPU', 'Runs entirely in graphics memory: the fastest choice.'],
  partial_gpu: ['Partly on GPU', 'Some layers run on the GPU, the rest in system memory: slower than full GPU.'],
  cpu_only: ['CPU only', 'Fits in system memory but not in graphics memory: runs on the processor, slowly.'],
  too_large: ['Too large', 'Needs more memory than this machine has.'],
};

const contextChoices = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 1048576];

class RepoView {
  constructor(analysis, { hubBase, cached, machine, context, signal }) {
    this.hubBase = hubBase;
    this.cachedFiles = new Set((cached?.files ?? []).map((f) => f.path));
    this.machine = machine;
    this.context = context;
    this.signal = signal;
    this.touched = false;
    this.planBox = h('section', { class: 'card plan', 'aria-label': 'Download plan', 'aria-live': 'polite' });
    this.downloadButton = h('button', { type: 'button', class: 'btn btn-primary btn-large', onclick: () => this.download() }, 'Download');
    this.downloadSummary = h('span', { class: 'download-summary', 'data-testid': 'download-summary' });
    this.selectionHost = h('section', { class: 'card selection', 'aria-label': 'What to download' });
    this.planTimer = null;
    this.planSeq = 0;
    this.analyzeSeq = 0;
    this.setAnalysis(analysis);
  }

  setAnalysis(analysis) {
    this.a = analysis;
    this.items = analysis.selectable_items ?? [];
    const known = new Set(this.items.map((i) => i.id));
    // A new context changes the recommendation; a selection the user made by hand is theirs and stays.
    this.selected = this.touched && this.selected
      ? new Set([...this.selected].filter((id) => known.has(id)))
      : new Set(this.items.filter((i) => i.recommended).map((i) => i.id));
  }

  dispose() {
    clearTimeout(this.planTimer);
  }

  get webUrl() {
    return this.a.repo_url ?? `${this.hubBase}/${this.a.is_dataset ? 'datasets/' : ''}${this.a.repo}`;
  }

  render() {
    const a = this.a;
    const header = h('div', { class: 'page-header' },
      h('h1', {}, a.repo),
      h('a', { href: this.webUrl, target: '_blank', rel: 'noopener noreferrer', class: 'btn' }, 'Open on Hugging Face ↗'));
    this.renderSelection();

    const files = h('details', { class: 'card files' },
      h('summary', {}, `All files (${a.files?.length ?? 0})`),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col', class: 'num' }, 'Size'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, (a.files ?? []).map((f) => h('tr', {},
          h('td', {}, h('code', {}, f.path)),
          h('td', { class: 'num' }, f.size_human ?? fmt.bytes(f.size)),
          h('td', {}, f.is_lfs ? badge('LFS') : null, this.cachedFiles.has(f.path) ? badge('on disk', 'ok') : null))))));

    // The bar sits at the page level so `position: sticky` keeps it in view over the whole page, phone included.
    const bar = h('div', { class: 'download-bar', 'data-testid': 'download-bar' }, this.downloadSummary, this.downloadButton);
    return [header, this.accessNote(), this.summary(), h('div', { class: 'columns' }, this.selectionHost, this.planBox), bar, this.readme(), files];
  }

  accessNote() {
    const a = this.a;
    const gated = a.gated && a.gated !== 'false' ? a.gated : null;
    if (!gated && !a.private) return null;
    return h('div', { class: 'alert alert-warn gated-note', role: 'note', 'data-testid': 'access-note' },
      gated ? h('p', {}, h('strong', {}, 'Gated model. '),
        gated === 'manual' ? 'The authors review each request to download it. ' : gated === 'auto' ? 'The Hub grants access as soon as you accept its terms. ' : 'Its authors ask you to accept their terms before downloading. ',
        'Accept the terms at ', h('a', { href: this.webUrl, target: '_blank', rel: 'noopener noreferrer' }, this.webUrl),
        ' with your Hugging Face account, and set that account\'s token in ', h('a', { href: '#/settings' }, 'Settings'), '.') : null,
      a.private ? h('p', {}, h('strong', {}, 'Private repository. '), 'Only accounts with access can download it; your token in Settings is used.') : null);
  }

  summary() {
    const a = this.a;
    const facts = [
      ['Downloads', a.downloads === undefined ? null : fmt.count(a.downloads)],
      ['Likes', a.likes === undefined ? null : fmt.count(a.likes)],
      ['Last update', a.last_modified ? h('span', { title: fmt.dateTime(a.last_modified) }, fmt.relativeTime(a.last_modified)) : null],
      ['Total size', a.total_size_human ?? fmt.bytes(a.total_size)],
      ['Files', String(a.file_count ?? a.files?.length ?? 0)],
      ['Revision', this.revisionPicker()],
      ['Commit', h('code', { title: a.commit ?? '' }, fmt.shortCommit(a.commit))],
    ].filter(([, value]) => value !== null && value !== undefined);
    return h('section', { class: 'card summary', 'aria-label': 'Summary' },
      h('div', { class: 'badges' },
        badge(a.type, 'type'),
        a.is_dataset ? badge('dataset') : null,
        a.also_dataset ? badge('also a dataset') : null,
        a.gated && a.gated !== 'false' ? badge('Gated', 'warn') : null,
        a.private ? badge('Private', 'warn') : null,
        a.gguf?.architecture ? badge(a.gguf.architecture) : null),
      h('p', { class: 'type-description' }, a.type_description ?? ''),
      h('dl', { class: 'facts-inline', 'data-testid': 'repo-facts' }, facts.map(([label, value]) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value)))));
  }

  revisionPicker() {
    const a = this.a;
    const current = a.revision ?? 'main';
    const branches = refNames(a.refs?.branches);
    const tags = refNames(a.refs?.tags);
    if (branches.length + tags.length <= 1) return current;
    const select = h('select', { id: 'revision-picker', 'aria-label': 'Revision' },
      branches.length ? h('optgroup', { label: 'Branches' }, branches.map((n) => h('option', { value: n, selected: n === current }, n))) : null,
      tags.length ? h('optgroup', { label: 'Tags' }, tags.map((n) => h('option', { value: n, selected: n === current }, n))) : null,
      [...branches, ...tags].includes(current) ? null : h('option', { value: current, selected: true }, current));
    select.addEventListener('change', () => {
      location.hash = `#/repo/${repoPath(a.repo)}${query({ revision: select.value === 'main' ? '' : select.value, dataset: a.is_dataset ? 'true' : '', context: this.context ?? '' })}`;
    });
    return h('span', { class: 'revision-picker' }, select);
  }

  readme() {
    if (!this.a.readme) return null;
    const body = h('div', { class: 'readme', 'data-testid': 'readme' });
    body.append(sanitizedFragment(this.a.readme, this.webUrl));
    return h('details', { class: 'card readme-card', open: true }, h('summary', {}, 'README'), body);
  }

  renderSelection() {
    const groups = groupItems(this.items);
    setContent(this.selectionHost,
      h('h2', {}, 'What to download'),
      this.fitControls(),
      this.items.length === 0 ? h('p', { class: 'muted' }, 'HFDesk found nothing to choose from here: the whole repository will be downloaded.') : null,
      ...groups.map(([category, items]) => this.renderGroup(category, items)));
  }

  fitControls() {
    const a = this.a;
    const hasFit = this.items.some((i) => i.fit);
    // context_length is what the model was trained for (the most it can use); context is what the estimates assume.
    const trained = a.gguf?.context_length ?? null;
    if (!hasFit && !trained) return null;
    const current = a.gguf?.context ?? this.context ?? trained ?? 4096;
    const choices = [...new Set([...contextChoices.filter((c) => !trained || c <= Math.max(trained, current)), current])].sort((x, y) => x - y);
    const select = h('select', { id: 'context-picker' }, choices.map((c) => h('option', { value: String(c), selected: c === current }, `${c.toLocaleString('en-US')} tokens`)));
    select.addEventListener('change', () => this.changeContext(Number(select.value)));
    return h('div', { class: 'fit-controls' },
      h('label', { for: 'context-picker' }, 'Context length'), select,
      h('span', { class: 'machine', 'data-testid': 'machine' }, machineText(this.machine)));
  }

  async changeContext(context) {
    this.context = context;
    const seq = ++this.analyzeSeq;
    const a = this.a;
    // Keep the address shareable without re-rendering the page (the selection and scroll position stay).
    history.replaceState(null, '', `#/repo/${repoPath(a.repo)}${query({ revision: a.revision === 'main' ? '' : a.revision, dataset: a.is_dataset ? 'true' : '', context })}`);
    setContent(this.selectionHost, h('h2', {}, 'What to download'), loading('Working out what fits…'));
    try {
      const next = await get(analyzePath(a.repo, { revision: a.revision ?? 'main', dataset: a.is_dataset, context }), { signal: this.signal });
      if (seq !== this.analyzeSeq) return;
      this.setAnalysis(next);
    } catch (error) {
      if (error.name === 'AbortError' || seq !== this.analyzeSeq) return;
      toast(error.message, 'error');
    }
    this.renderSelection();
    this.refreshPlan();
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
      this.touched = true;
      if (box.checked) this.selected.add(item.id);
      else this.selected.delete(item.id);
      this.schedulePlan();
    });
    const shards = (item.files?.length ?? 0) > 1 ? `${item.files.length} files` : null;
    const onDisk = (item.files?.length ?? 0) > 0 && item.files.every((f) => this.cachedFiles.has(f));
    const [fitLabel, fitHint] = fitWords[item.fit] ?? [];
    const best = item.recommended && Boolean(item.fit);
    const classes = ['item', item.recommended ? 'item-recommended' : '', best ? 'item-best' : '', item.fit === 'too_large' ? 'item-too-large' : ''].filter(Boolean).join(' ');
    return h('li', { class: classes, dataset: { itemId: item.id, fit: item.fit ?? '' } },
      box,
      h('label', { for: id },
        h('span', { class: 'item-label' }, item.label),
        item.recommended ? badge(best ? 'Best fit for this machine' : 'Recommended', 'ok') : null,
        fitLabel ? h('span', { class: `badge fit fit-${item.fit}`, title: fitHint, 'data-testid': 'fit' }, fitLabel) : null,
        onDisk ? h('span', { class: 'badge badge-ok', 'data-testid': 'on-disk' }, 'On disk') : null,
        h('span', { class: 'item-size' }, item.size_human ?? fmt.bytes(item.size)),
        isQuant && item.quality ? h('span', { class: 'quality', title: `Quality ${item.quality} of 5`, 'aria-label': `Quality ${item.quality} of 5` }, '●'.repeat(item.quality) + '○'.repeat(Math.max(0, 5 - item.quality))) : null,
        memoryText(item, this.a) ? h('span', { class: 'muted', 'data-testid': 'memory' }, memoryText(item, this.a)) : null,
        shards ? h('span', { class: 'muted' }, shards) : null,
        item.description ? h('span', { class: 'item-description' }, item.description) : null));
  }

  /**
   * The analyzer's item ids, expanded by the server with the files that make them usable (api.md Plan and
   * download): the page composes no filters, so a script sending the same ids gets exactly the same files.
   * Nothing ticked means the whole repository.
   */
  requestBody() {
    const a = this.a;
    const body = { repo: a.repo, revision: a.revision ?? 'main', dataset: Boolean(a.is_dataset) };
    const chosen = this.items.filter((i) => this.selected.has(i.id)).map((i) => i.id);
    return chosen.length === 0 ? body : { ...body, items: chosen };
  }

  selectionText() {
    if (this.items.length === 0) return 'The whole repository.';
    const chosen = this.items.filter((i) => this.selected.has(i.id));
    if (chosen.length === 0) return 'Nothing selected: the entire repository.';
    return `Selected: ${chosen.map((i) => i.label).join(', ')}, with the files they need.`;
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
      this.renderPlan(plan);
    } catch (error) {
      if (error.name === 'AbortError' || seq !== this.planSeq) return;
      setContent(this.planBox, h('h2', {}, 'Plan'), errorBox(error));
      this.downloadButton.disabled = true;
      this.downloadSummary.textContent = '';
    }
  }

  renderPlan(plan) {
    const present = (plan.files ?? []).filter((f) => f.present).length;
    const tooBig = plan.freeSpace !== undefined && plan.freeSpace !== null && plan.bytesToDownload > plan.freeSpace;
    this.downloadButton.disabled = tooBig || (plan.totalFiles ?? 0) === 0;
    this.downloadButton.textContent = plan.bytesToDownload === 0 && plan.totalFiles > 0 ? 'Download (already on disk)' : `Download ${fmt.bytes(plan.bytesToDownload)}`;
    this.downloadSummary.textContent = `${plan.totalFiles ?? 0} file${plan.totalFiles === 1 ? '' : 's'} · ${fmt.bytes(plan.bytesToDownload)} to fetch`;
    setContent(this.planBox,
      h('h2', {}, 'Plan'),
      h('p', { class: 'muted', 'data-testid': 'plan-selection' }, this.selectionText()),
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

function refNames(list) {
  return (Array.isArray(list) ? list : []).map((r) => (typeof r === 'string' ? r : r?.name)).filter(Boolean);
}

function memoryText(item, a) {
  if (!item.estimated_ram) return null;
  const amount = typeof item.estimated_ram === 'number' ? fmt.bytes(item.estimated_ram) : item.estimated_ram;
  const context = a.gguf?.context ?? a.gguf?.context_length;
  return context ? `Needs ≈ ${amount} at ${context.toLocaleString('en-US')} tokens` : `Needs ≈ ${amount}`;
}

function machineText(machine) {
  if (!machine) return '';
  const budget = machine.budget;
  if (budget) {
    // What the badges assume: the measured machine, or the `hardware` setting laid over it.
    const parts = [budget.ram ? `${fmt.bytes(budget.ram)} RAM` : null, budget.unifiedMemory ? 'unified memory' : budget.vram ? `${fmt.bytes(budget.vram)} GPU memory` : 'no GPU'];
    return `Fit for this machine: ${parts.filter(Boolean).join(' · ')}${budget.overridden ? ' (as set in the hardware setting)' : ''}`;
  }
  const ram = machine.ram?.total ? `${fmt.bytes(machine.ram.total)} RAM` : null;
  const gpus = (machine.gpus ?? []).map((g) => `${g.name ?? 'GPU'}${g.vram ? ` (${fmt.bytes(g.vram)})` : ''}`);
  const parts = [ram, machine.unifiedMemory ? 'unified memory' : null, ...gpus].filter(Boolean);
  return parts.length ? `This machine: ${parts.join(' · ')}` : '';
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
