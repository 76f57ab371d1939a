import { get, query, repoPath } from '../api.js';
import { h } from '../dom.js';
import { badge, errorBox, loading, pageHeader, setContent } from '../ui.js';
import * as fmt from '../format.js';

const sorts = [
  ['downloads', 'Most downloads'],
  ['likes', 'Most likes'],
  ['trending', 'Trending'],
  ['lastModified', 'Recently updated'],
  ['createdAt', 'Newest'],
];

export async function render(root, { query: params }) {
  const state = {
    q: params.get('q') ?? '',
    datasets: params.get('datasets') === 'true',
    sort: params.get('sort') ?? 'downloads',
    gguf: params.get('gguf') === 'true',
  };

  const input = h('input', { type: 'search', name: 'q', value: state.q, placeholder: 'Keywords, owner/name or a Hugging Face link', autocomplete: 'off', 'aria-label': 'Search the Hub' });
  const kindModels = h('input', { type: 'radio', name: 'kind', value: 'models', id: 'kind-models', checked: !state.datasets });
  const kindDatasets = h('input', { type: 'radio', name: 'kind', value: 'datasets', id: 'kind-datasets', checked: state.datasets });
  const sortSelect = h('select', { name: 'sort', id: 'search-sort' }, sorts.map(([value, label]) => h('option', { value, selected: value === state.sort }, label)));
  const ggufBox = h('input', { type: 'checkbox', name: 'gguf', id: 'search-gguf', checked: state.gguf });
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-label': 'Search results' });

  const form = h('form', { class: 'search-form', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const next = {
      q: input.value.trim(),
      datasets: kindDatasets.checked ? 'true' : '',
      sort: sortSelect.value === 'downloads' ? '' : sortSelect.value,
      gguf: ggufBox.checked && !kindDatasets.checked ? 'true' : '',
    };
    location.hash = `#/search${query(next)}`;
  } },
  h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search')),
  h('div', { class: 'search-options' },
    h('fieldset', { class: 'segmented' }, h('legend', { class: 'sr-only' }, 'What to search'),
      kindModels, h('label', { for: 'kind-models' }, 'Models'),
      kindDatasets, h('label', { for: 'kind-datasets' }, 'Datasets')),
    h('label', { for: 'search-sort' }, 'Sort '), sortSelect,
    h('span', { class: 'check' }, ggufBox, h('label', { for: 'search-gguf' }, 'GGUF only'))));

  setContent(root, h('div', { class: 'page' }, pageHeader('Find a model'), form, results));
  input.focus();

  const controller = new AbortController();
  results.append(loading('Searching the Hub…'));
  try {
    const data = await get(`/search${query({
      q: state.q,
      datasets: state.datasets ? 'true' : '',
      sort: state.sort,
      limit: 40,
      filter: state.gguf && !state.datasets ? 'gguf' : '',
    })}`, { signal: controller.signal });
    const items = data?.items ?? [];
    const named = namedRepo(state.q);
    // A pasted owner/name or Hub link means "open this one": the server found exactly that repo, so go there.
    if (named && items.length === 1 && items[0].id.toLowerCase() === named.repo.toLowerCase() && (named.dataset === null || named.dataset === Boolean(items[0].isDataset))) {
      location.replace(repoHref(items[0]));
      return () => controller.abort();
    }
    if (named && items.length === 1 && named.fromUrl) {
      location.replace(repoHref(items[0]));
      return () => controller.abort();
    }
    setContent(results, ...renderResults(items, state));
  } catch (error) {
    if (error.name !== 'AbortError') setContent(results, errorBox(error, { title: 'Search failed' }));
  }
  return () => controller.abort();
}

function renderResults(items, state) {
  if (items.length === 0) {
    return [h('p', { class: 'empty' }, state.q ? `Nothing on the Hub matches “${state.q}”.` : 'No results.')];
  }
  return [
    h('p', { class: 'muted' }, `${items.length} result${items.length === 1 ? '' : 's'}`),
    h('ul', { class: 'cards' }, items.map((item) => resultCard(item))),
  ];
}

// What the server takes for a repo reference (HubRepoReference): owner/name, datasets/owner/name, a Hub URL;
// with a prefix or in a URL also a repo without an owner (datasets/squad, huggingface.co/gpt2). A lone word is a
// search: its card is there to click.
const repoIdPattern = /^(?:(datasets|models)\/)?([A-Za-z0-9][\w.-]*\/[\w.-]+)$/;
const ownerlessPattern = /^(datasets|models)\/([A-Za-z0-9][\w.-]*)$/;
const repoPageWords = new Set(['tree', 'blob', 'resolve', 'raw', 'commits', 'commit', 'discussions', 'edit']);

function namedRepo(text) {
  const value = (text ?? '').trim();
  if (/^https?:\/\//i.test(value)) {
    try {
      const parts = new URL(value).pathname.split('/').filter(Boolean);
      const dataset = parts[0] === 'datasets';
      const rest = dataset || parts[0] === 'models' ? parts.slice(1) : parts;
      if (rest.length === 1 || (rest.length > 2 && repoPageWords.has(rest[1]))) return { repo: rest[0], dataset, fromUrl: true };
      return rest.length >= 2 ? { repo: `${rest[0]}/${rest[1]}`, dataset, fromUrl: true } : null;
    } catch {
      return null;
    }
  }
  const m = value.match(repoIdPattern) ?? value.match(ownerlessPattern);
  return m ? { repo: m[2], dataset: m[1] === 'datasets' ? true : m[1] === 'models' ? false : null, fromUrl: false } : null;
}

function repoHref(item) {
  return `#/repo/${repoPath(item.id)}${item.isDataset ? '?dataset=true' : ''}`;
}

// Hub tags and library names that say which weight format a repo ships.
const formatTags = [['gguf', 'GGUF'], ['mlx', 'MLX'], ['safetensors', 'safetensors'], ['onnx', 'ONNX']];

function formats(item) {
  const tags = new Set((item.tags ?? []).map((t) => String(t).toLowerCase()));
  if (item.libraryName) tags.add(String(item.libraryName).toLowerCase());
  return formatTags.filter(([tag]) => tags.has(tag)).map(([, label]) => label);
}

function parameterCount(n) {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n >= 1e9) return `${(n / 1e9).toFixed(n >= 1e10 ? 0 : 1)}B params`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)}M params`;
  return `${(n / 1e3).toFixed(0)}K params`;
}

function resultCard(item) {
  const href = repoHref(item);
  const local = item.local?.present;
  const params = parameterCount(item.parameters);
  return h('li', { class: 'card result' },
    h('div', { class: 'result-title' },
      h('a', { href, class: 'repo-link' }, item.id),
      local ? h('span', { class: 'badge badge-ok', 'data-testid': 'local-badge', title: (item.local.sources ?? []).join(', ') }, 'On disk') : null,
      item.gated ? badge('Gated', 'warn') : null,
      item.private ? badge('Private', 'warn') : null),
    h('div', { class: 'badges' },
      item.isDataset ? badge('dataset') : null,
      ...formats(item).map((f) => h('span', { class: 'badge badge-format', 'data-testid': 'format' }, f)),
      params ? h('span', { class: 'badge badge-info', 'data-testid': 'parameters', title: `${item.parameters.toLocaleString('en-US')} parameters` }, params) : null,
      item.pipelineTag ? badge(item.pipelineTag) : null,
      item.libraryName ? badge(item.libraryName, 'lib') : null),
    h('div', { class: 'stats' },
      h('span', { title: 'Downloads' }, '↓ ', fmt.count(item.downloads)),
      h('span', { title: 'Likes' }, '♥ ', fmt.count(item.likes)),
      h('span', { title: item.lastModified ?? '' }, 'Updated ', fmt.relativeTime(item.lastModified)),
      local ? h('span', { class: 'muted' }, (item.local.sources ?? []).join(', ')) : null));
}
