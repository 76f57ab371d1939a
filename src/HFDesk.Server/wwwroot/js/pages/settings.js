import { get, post } from '../api.js';
import { h, field, setFieldError } from '../dom.js';
import { errorBox, loading, pageHeader, setContent, toast } from '../ui.js';
import { hubEndpointSection } from './hub-endpoint-settings.js';

const sizePattern = /^\s*\d+(\.\d+)?\s*(b|k|m|g|t|kb|mb|gb|tb|kib|mib|gib|tib)?\s*$/i;
const speedPattern = /^\s*\d+(\.\d+)?\s*(b|k|m|g|t|kb|mb|gb|tb|kib|mib|gib|tib)?\s*(\/s)?\s*$/i;
const durationPattern = /^\s*\d+(\.\d+)?\s*(ms|s|m|h)?\s*$/i;

function intRule(min, max) {
  return (v) => (/^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max ? null : `A whole number from ${min} to ${max}.`);
}

const GiB = 2 ** 30;

function gibRule(v) {
  if (v.trim() === '') return null;
  const n = Number(v.trim());
  return Number.isFinite(n) && n >= 0 && n <= 1_000_000 ? null : 'A number of GiB such as 16 or 7.5, or empty for what HFDesk measured.';
}

function urlRule(v) {
  if (v.trim() === '') return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'Must start with http:// or https://.';
  } catch {
    return 'Not a valid URL (for example https://huggingface.co).';
  }
}

// One row per field of the settings table in api.md: key path, label, kind, rule, hint.
const fields = [
  { key: 'endpoint', label: 'Hub endpoint', kind: 'text', rule: urlRule, hint: 'Leave empty for huggingface.co. The token is only sent to this host.' },
  { key: 'token', label: 'Access token', kind: 'token', hint: 'Needed for gated and private repositories. Shown masked; type a new one to replace it.' },
  { key: 'cacheDir', label: 'Hugging Face cache folder', kind: 'text', hint: 'Where HF-cache downloads go (the folder that holds hub/). Existing files are never moved.' },
  { key: 'localDir', label: 'Local models folder', kind: 'text', hint: 'When set, downloads are plain files under <folder>/<owner>/<model>, like LM Studio.' },
  { key: 'localScanDirs', label: 'Extra folders to scan', kind: 'lines', hint: 'One folder per line, read-only, shown in the library and as “on disk” badges.' },
  { key: 'connections', label: 'Connections per large file', kind: 'number', rule: intRule(1, 64), hint: '1–64' },
  { key: 'maxActive', label: 'Files at once per download', kind: 'number', rule: intRule(1, 32), hint: '1–32' },
  { key: 'maxConcurrentJobs', label: 'Downloads at once', kind: 'number', rule: intRule(1, 8), hint: '1–8' },
  { key: 'multipartThreshold', label: 'Split files larger than', kind: 'text', rule: (v) => (sizePattern.test(v) ? null : 'A size such as 32MiB, 512KB or 1GiB.'), hint: 'For example 32MiB' },
  { key: 'maxSpeed', label: 'Speed limit', kind: 'text', rule: (v) => (v.trim() === '' || speedPattern.test(v) ? null : 'A speed such as 20MB/s, or empty for unlimited.'), hint: 'Shared by all downloads; empty or 0 = unlimited' },
  { key: 'verify', label: 'Verify files without a SHA-256', kind: 'select', options: ['none', 'size', 'etag', 'sha256'], hint: 'LFS files are always checked against their SHA-256.' },
  { key: 'retries', label: 'Retries without progress', kind: 'number', rule: intRule(0, 20), hint: '0–20' },
  { key: 'stallTimeout', label: 'Stall timeout', kind: 'text', rule: (v) => (durationPattern.test(v) ? null : 'A duration such as 60s or 2m; 0 disables.'), hint: 'Reconnect when nothing arrives for this long' },
  { key: 'proxy.url', label: 'Proxy URL', kind: 'text', rule: urlRule, hint: 'http://host:port' },
  { key: 'proxy.username', label: 'Proxy user name', kind: 'text' },
  { key: 'proxy.password', label: 'Proxy password', kind: 'password', hint: 'Write-only: leave empty to keep the saved one.' },
  { key: 'proxy.noProxy', label: 'No proxy for', kind: 'text', hint: 'Comma-separated hosts' },
  { key: 'proxy.noEnvProxy', label: 'Ignore proxy environment variables', kind: 'checkbox' },
  { key: 'proxy.insecureSkipVerify', label: 'Skip TLS certificate checks (unsafe)', kind: 'checkbox' },
  { key: 'hardware.ram', label: 'Memory (RAM) in GiB', kind: 'gib', rule: gibRule, hint: 'What the fit badges assume. Empty: as measured.' },
  { key: 'hardware.vram', label: 'Graphics memory (VRAM) in GiB', kind: 'gib', rule: gibRule, hint: 'Empty: as measured; 0 for no GPU.' },
  { key: 'hardware.unifiedMemory', label: 'Unified memory (Apple silicon)', kind: 'choice', options: [['', 'As measured'], ['true', 'Yes'], ['false', 'No']] },
];

// Where the token in effect comes from (tokenSource in api.md), so a token saved here that does not win,
// or one that applies without being saved here, is not a surprise.
function tokenSource(settings) {
  switch (settings.tokenSource) {
    case 'commandLine': return ['In use: the token given with --token, which wins over the one saved here.'];
    case 'environment': return ['In use: the token from the HF_TOKEN environment variable, which wins over the one saved here.'];
    case 'config': return ['In use: the token saved here.'];
    case 'tokenFile': return ['In use: from the Hugging Face token file ', h('code', { class: 'path' }, settings.tokenFile ?? ''),
      ' (hf auth login). A token saved here wins over it.'];
    default: return ['No token in use: public repositories only.'];
  }
}

function read(obj, path) {
  return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

function write(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

function display(value, kind) {
  if (kind === 'lines') return Array.isArray(value) ? value.join('\n') : '';
  if (kind === 'gib') return value === undefined || value === null ? '' : String(Math.round((value / GiB) * 100) / 100);
  if (value === undefined || value === null) return '';
  return String(value);
}

export async function render(root) {
  const body = h('div', {}, loading());
  setContent(root, h('div', { class: 'page' }, pageHeader('Settings'), body));
  let settings;
  try {
    settings = await get('/settings');
  } catch (error) {
    setContent(body, errorBox(error, { title: 'Settings could not be read' }));
    return undefined;
  }
  draw(body, settings);
  return undefined;
}

function draw(body, settings) {
  const controls = new Map();
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  let clearToken = false;

  const makeControl = (f) => {
    const value = read(settings, f.key);
    const name = f.key;
    switch (f.kind) {
      case 'number': return h('input', { type: 'number', name, value: display(value), inputmode: 'numeric' });
      case 'select': return h('select', { name }, f.options.map((o) => h('option', { value: o, selected: o === value }, o)));
      case 'choice': return h('select', { name }, f.options.map(([v, label]) => h('option', { value: v, selected: v === display(value) }, label)));
      case 'gib': return h('input', { type: 'text', name, value: display(value, 'gib'), inputmode: 'decimal', placeholder: 'as measured' });
      case 'lines': return h('textarea', { name, rows: '3', spellcheck: 'false' }, display(value, 'lines'));
      case 'checkbox': return h('input', { type: 'checkbox', name, checked: Boolean(value) });
      case 'password': return h('input', { type: 'password', name, value: '', autocomplete: 'new-password' });
      case 'token': return h('input', { type: 'text', name, value: display(value), autocomplete: 'off', spellcheck: 'false', placeholder: 'hf_…' });
      default: return h('input', { type: 'text', name, value: display(value), spellcheck: 'false' });
    }
  };

  const rows = fields.map((f) => {
    const control = makeControl(f);
    controls.set(f.key, { f, control, initial: f.kind === 'checkbox' ? control.checked : control.value });
    if (f.rule) control.addEventListener('input', () => setFieldError(control, f.rule(control.value)));
    if (f.kind === 'checkbox') {
      control.id = `set-${f.key.replace('.', '-')}`;
      return h('div', { class: 'field field-check' }, control, h('label', { for: control.id }, f.label));
    }
    const row = field(f.label, control, f.hint);
    if (f.kind === 'token') row.append(h('p', { class: 'muted token-source' }, ...tokenSource(settings)));
    // A token from the token file is not HFDesk's to remove (logging out with `hf auth logout` is).
    if (f.kind === 'token' && read(settings, 'token') && settings.tokenSource !== 'tokenFile') {
      row.append(h('button', { type: 'button', class: 'btn btn-small', onclick: () => {
        clearToken = true;
        control.value = '';
        status.replaceChildren(h('p', { class: 'muted' }, 'The token will be removed when you save.'));
      } }, 'Remove token'));
    }
    return row;
  });

  const paths = h('dl', { class: 'facts' },
    h('dt', {}, 'Hub cache in use'), h('dd', {}, h('code', { class: 'path' }, settings.effectiveHubDir ?? '—')),
    h('dt', {}, 'Decided by'), h('dd', {}, settings.hubDirSource ?? '—'),
    h('dt', {}, 'Requests may choose a local folder'), h('dd', {}, settings.allowRequestLocalDir ? 'yes (inside the local roots only)' : 'no'));

  const form = h('form', { class: 'settings-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    let invalid = null;
    const changes = {};
    for (const [key, { f, control, initial }] of controls) {
      const error = f.rule ? f.rule(control.value) : null;
      setFieldError(control, error);
      if (error && !invalid) invalid = control;
      const current = f.kind === 'checkbox' ? control.checked : control.value;
      if (f.kind === 'password') {
        if (current !== '') write(changes, key, current);
        continue;
      }
      if (f.kind === 'token') {
        if (clearToken && current === '') write(changes, key, '');
        else if (current !== initial) write(changes, key, current.trim());
        continue;
      }
      if (current === initial) continue;
      if (f.kind === 'number') write(changes, key, Number(current));
      else if (f.kind === 'gib' || f.kind === 'choice') write(changes, 'hardware', {});
      else if (f.kind === 'lines') write(changes, key, current.split('\n').map((s) => s.trim()).filter(Boolean));
      else write(changes, key, current);
    }
    // The hardware setting is one object: a change to one of its fields sends all three (null = measured).
    if (changes.hardware) {
      const text = (key) => controls.get(key).control.value.trim();
      changes.hardware = {
        ram: text('hardware.ram') === '' ? null : Math.round(Number(text('hardware.ram')) * GiB),
        vram: text('hardware.vram') === '' ? null : Math.round(Number(text('hardware.vram')) * GiB),
        unifiedMemory: text('hardware.unifiedMemory') === '' ? null : text('hardware.unifiedMemory') === 'true',
      };
    }
    if (invalid) {
      invalid.focus();
      status.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, 'Some values are not valid: see the marked fields.'));
      return;
    }
    try {
      const answer = await post('/settings', changes);
      const saved = answer?.settings ?? (await get('/settings'));
      const warning = /warning/i.test(answer?.message ?? '');
      toast(answer?.message ?? 'Settings saved', warning ? 'warn' : 'ok');
      draw(body, saved);
      body.querySelector('[role=status]')?.replaceChildren(h('div', { class: `alert ${warning ? 'alert-warn' : 'alert-ok'}` }, answer?.message ?? 'Settings saved'));
    } catch (error) {
      status.replaceChildren(errorBox(error, { title: 'Settings were not saved' }));
      const text = `${error.message} ${error.details ?? ''}`;
      for (const [key, { control }] of controls) {
        const leaf = key.split('.').at(-1);
        if (new RegExp(`\\b${leaf}\\b`, 'i').test(text)) setFieldError(control, error.details ?? error.message);
      }
    }
  } },
  h('fieldset', {}, h('legend', {}, 'Hub'), rows.slice(0, 2)),
  h('fieldset', {}, h('legend', {}, 'Storage'), rows.slice(2, 5), paths),
  h('fieldset', {}, h('legend', {}, 'Transfers'), rows.slice(5, 13)),
  h('fieldset', {}, h('legend', {}, 'Proxy'), rows.slice(13, 19)),
  h('fieldset', {}, h('legend', {}, 'This machine, for fit badges'), rows.slice(19)),
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save settings')),
  status);

  setContent(body, form, hubEndpointSection(settings));
}
