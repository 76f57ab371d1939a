// Mirror: keep a second Hugging Face cache (NAS, USB drive, other disk) in step with this one (api.md § Mirror).
// The selected target lives in the hash (#/mirror?target=nas) so a reload or a shared link shows the same view.
import { del, get, post } from '../api.js';
import { h, clear, field, setFieldError } from '../dom.js';
import { badge, confirmDialog, errorBox, loading, pageHeader, progressBar, setContent, toast } from '../ui.js';
import * as fmt from '../format.js';
import * as store from '../store.js';

const namePattern = /^[A-Za-z0-9_-]{1,64}$/;
const stateKind = { missing: 'info', extra: 'lib', outdated: 'warn', same: 'ok' };
const statusKind = { running: 'info', completed: 'ok', failed: 'error', cancelled: '' };
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
// Without a socket push for this long while an operation runs, ask the server directly (a dropped socket must not
// freeze the progress bar until the user reloads).
const pollAfterMs = 2000;

export async function render(root, { query: params }) {
  const selected = params.get('target') ?? '';
  const page = new MirrorPage(root, selected);
  await page.start();
  return () => page.dispose();
}

class MirrorPage {
  constructor(root, selected) {
    this.root = root;
    this.selected = selected;
    this.targets = [];
    this.preview = null;
    this.operation = null;
    this.lastPushAt = 0;
    this.pollTimer = null;
    this.disposed = false;

    this.messages = h('div');
    this.targetList = h('div', { class: 'mirror-targets', 'aria-live': 'polite' }, loading('Reading targets…'));
    this.detail = h('div');
    setContent(root, h('div', { class: 'page mirror-page' },
      pageHeader('Mirror'),
      h('p', { class: 'muted mirror-intro' }, 'Keep a second Hugging Face cache on a NAS, a USB drive or another disk in step with this one, in both directions. Only files that differ travel.'),
      this.messages,
      h('section', { class: 'card', 'aria-labelledby': 'mirror-targets-title' },
        h('h2', { id: 'mirror-targets-title' }, 'Targets'),
        this.targetList,
        this.addForm()),
      this.detail));
  }

  async start() {
    this.unsubscribe = store.subscribe((change) => this.onChange(change));
    await this.loadTargets();
    if (this.selected) await this.showTarget();
  }

  dispose() {
    this.disposed = true;
    this.unsubscribe?.();
    clearInterval(this.pollTimer);
  }

  // ---- targets -------------------------------------------------------------------------------------------------

  async loadTargets() {
    try {
      const data = await get('/mirror/targets');
      this.targets = data?.targets ?? [];
      this.drawTargets();
    } catch (error) {
      setContent(this.targetList, errorBox(error, { title: 'The mirror targets could not be read' }));
    }
  }

  drawTargets() {
    if (this.targets.length === 0) {
      setContent(this.targetList, h('p', { class: 'empty' }, 'No targets yet. Add the folder of a NAS share or a drive below; its cache goes into its hub/ folder.'));
      return;
    }
    setContent(this.targetList, h('ul', { class: 'cards' }, this.targets.map((t) => this.targetCard(t))));
  }

  targetCard(t) {
    const isSelected = t.name === this.selected;
    const removeButton = h('button', { type: 'button', class: 'btn btn-danger', 'aria-label': `Remove target ${t.name}`, onclick: () => this.removeTarget(t) }, 'Remove');
    return h('li', { class: `card mirror-target${isSelected ? ' mirror-target-selected' : ''}`, dataset: { target: t.name }, 'aria-current': isSelected ? 'true' : null },
      h('div', { class: 'result-title' },
        h('span', { class: 'repo-link' }, t.name),
        t.exists ? badge('found', 'ok') : badge('not found', 'error'),
        t.exists ? (t.writable ? badge('writable', 'ok') : badge('read-only', 'warn')) : null,
        symlinkBadge(t.symlinks)),
      t.description ? h('p', { class: 'mirror-description' }, t.description) : null,
      h('code', { class: 'path' }, t.path),
      h('div', { class: 'stats' },
        h('span', { 'data-testid': 'target-free' }, t.exists && t.total > 0 ? `${fmt.bytes(t.free)} free of ${fmt.bytes(t.total)}` : 'Free space unknown')),
      h('div', { class: 'job-actions' },
        isSelected ? null : h('a', { class: 'btn btn-primary', href: `#/mirror?target=${encodeURIComponent(t.name)}`, 'aria-label': `Compare with ${t.name}` }, 'Compare'),
        removeButton));
  }

  addForm() {
    const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', spellcheck: 'false', maxlength: '64', placeholder: 'nas' });
    const path = h('input', { type: 'text', name: 'path', autocomplete: 'off', spellcheck: 'false', placeholder: '/mnt/nas/huggingface' });
    const description = h('input', { type: 'text', name: 'description', autocomplete: 'off' });
    const status = h('div', { role: 'status', 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add target');
    const form = h('form', { class: 'mirror-add', novalidate: true, 'aria-labelledby': 'mirror-add-title', onsubmit: async (e) => {
      e.preventDefault();
      const nameError = namePattern.test(name.value.trim()) ? null : 'Letters, digits, - and _ only, at most 64.';
      const pathError = path.value.trim() === '' ? 'The absolute path of the folder.' : null;
      setFieldError(name, nameError);
      setFieldError(path, pathError);
      if (nameError || pathError) {
        (nameError ? name : path).focus();
        return;
      }
      submit.disabled = true;
      try {
        const added = await post('/mirror/targets', { name: name.value.trim(), path: path.value.trim(), description: description.value.trim() });
        const addedName = added?.name ?? added?.target?.name ?? name.value.trim();
        toast(`Target ${addedName} added`, 'ok');
        clear(status);
        form.reset();
        this.select(addedName);
      } catch (error) {
        setContent(status, errorBox(error, { title: 'The target was not added' }));
        const text = `${error.message} ${error.details ?? ''}`;
        if (error.status === 409 || /name/i.test(text)) setFieldError(name, error.message);
        else if (/path|folder|director/i.test(text)) setFieldError(path, error.message);
      } finally {
        submit.disabled = false;
      }
    } },
    h('h3', { id: 'mirror-add-title' }, 'Add a target'),
    h('div', { class: 'mirror-add-fields' },
      field('Target name', name, 'Letters, digits, - and _; used on the command line too.'),
      field('Target folder', path, 'Absolute path, e.g. the NAS share; the cache goes into its hub/ folder.'),
      field('Description', description, 'Optional, for you.')),
    h('div', { class: 'job-actions' }, submit),
    status);
    return form;
  }

  async removeTarget(t) {
    const ok = await confirmDialog({
      title: `Remove target ${t.name}?`,
      message: `HFDesk forgets this target. Nothing is deleted: the files in ${t.path} stay where they are.`,
      confirmLabel: 'Remove',
      danger: true,
    });
    if (!ok) return;
    try {
      await del(`/mirror/targets/${encodeURIComponent(t.name)}`);
      toast(`Target ${t.name} removed`, 'ok');
      clear(this.messages);
      if (t.name === this.selected) this.select('');
      else await this.loadTargets();
    } catch (error) {
      setContent(this.messages, errorBox(error, { title: `${t.name} was not removed` }));
    }
  }

  select(name) {
    const hash = name ? `#/mirror?target=${encodeURIComponent(name)}` : '#/mirror';
    if (location.hash !== hash) {
      location.hash = hash; // the router renders the page again for the new selection
      return;
    }
    this.loadTargets();
  }

  // ---- the selected target: diff, transfer, operation ----------------------------------------------------------

  async showTarget() {
    const target = this.targets.find((t) => t.name === this.selected);
    if (!target) {
      setContent(this.detail, h('div', { class: 'alert alert-warn', role: 'alert' }, `There is no target named ${this.selected}. `, h('a', { href: '#/mirror' }, 'Show all targets')));
      return;
    }
    this.filter = h('input', { type: 'search', id: 'mirror-filter', placeholder: 'e.g. Qwen/* or llama', autocomplete: 'off', spellcheck: 'false' });
    this.filter.addEventListener('input', () => this.discardPreview());
    this.diffSummary = h('section', { class: 'stats-bar', 'aria-label': 'Difference summary' });
    this.diffHost = h('div', { class: 'mirror-diff', 'aria-live': 'polite' });
    const compareForm = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Compare repos', onsubmit: (e) => { e.preventDefault(); this.loadDiff(); } },
      h('label', { for: 'mirror-filter' }, 'Repos'), this.filter,
      h('button', { type: 'submit', class: 'btn' }, 'Compare'));

    this.options = {
      verify: h('input', { type: 'checkbox', id: 'mirror-verify' }),
      deleteExtra: h('input', { type: 'checkbox', id: 'mirror-delete-extra' }),
      force: h('input', { type: 'checkbox', id: 'mirror-force' }),
      fsync: h('input', { type: 'checkbox', id: 'mirror-fsync' }),
    };
    for (const box of Object.values(this.options)) box.addEventListener('change', () => this.discardPreview());
    this.pushButton = h('button', { type: 'button', class: 'btn', onclick: () => this.dryRun('push') }, 'Preview push');
    this.pullButton = h('button', { type: 'button', class: 'btn', onclick: () => this.dryRun('pull') }, 'Preview pull');
    this.previewHost = h('div', { 'aria-live': 'polite' });
    this.transferMessages = h('div');
    this.operationHost = h('div', { 'aria-live': 'polite' });

    setContent(this.detail,
      h('section', { class: 'card', 'aria-labelledby': 'mirror-diff-title' },
        h('h2', { id: 'mirror-diff-title' }, `Compare with ${target.name}`),
        h('dl', { class: 'facts' },
          h('dt', {}, 'This cache'), h('dd', { 'data-testid': 'diff-source' }, '—'),
          h('dt', {}, 'Target cache'), h('dd', { 'data-testid': 'diff-destination' }, h('code', { class: 'path' }, target.path))),
        compareForm, this.diffSummary, this.diffHost),
      h('section', { class: 'card', 'aria-labelledby': 'mirror-transfer-title' },
        h('h2', { id: 'mirror-transfer-title' }, 'Copy'),
        h('p', { class: 'muted' }, `Push copies this cache to ${target.name}, pull copies ${target.name} here. Each shows its exact plan first; nothing changes before you start it. The repo filter above applies.`),
        h('fieldset', { class: 'mirror-options' }, h('legend', {}, 'Options'),
          option(this.options.verify, 'Verify while copying', 'Hashes every copied file against its name; a mismatch is reported and not published.'),
          option(this.options.deleteExtra, 'Delete extra repos', 'Afterwards, removes repos that exist only at the destination (never a repo being downloaded).'),
          option(this.options.force, 'Copy again even if present', 'For suspected corruption: copies every selected file, not only missing or different ones.'),
          option(this.options.fsync, 'Wait for the disk', 'Slower: each file is on the drive before it gets its name, so a power cut or an unplugged drive cannot leave a damaged file.')),
        h('div', { class: 'job-actions' }, this.pushButton, this.pullButton),
        this.transferMessages, this.previewHost),
      h('section', { class: 'card', 'aria-labelledby': 'mirror-operation-title' },
        h('h2', { id: 'mirror-operation-title' }, 'Last operation'),
        this.operationHost));

    await Promise.all([this.loadDiff(), this.loadLastOperation()]);
  }

  async loadDiff() {
    if (!this.diffHost) return;
    setContent(this.diffHost, loading('Comparing…'));
    try {
      const diff = await post('/mirror/diff', { target: this.selected, repoFilter: this.filter.value.trim() });
      if (this.disposed) return;
      const source = this.detail.querySelector('[data-testid=diff-source]');
      if (source && diff?.source) setContent(source, h('code', { class: 'path' }, diff.source));
      const destination = this.detail.querySelector('[data-testid=diff-destination]');
      if (destination && diff?.destination) setContent(destination, h('code', { class: 'path' }, diff.destination));
      this.drawDiff(diff);
    } catch (error) {
      clear(this.diffSummary);
      setContent(this.diffHost, errorBox(error, { title: 'The comparison failed' }));
    }
  }

  drawDiff(diff) {
    const s = diff?.summary ?? {};
    setContent(this.diffSummary,
      stat('Only here', s.missing ?? 0, 'summary-missing'), stat('Only on target', s.extra ?? 0, 'summary-extra'),
      stat('Outdated', s.outdated ?? 0, 'summary-outdated'), stat('Same', s.same ?? 0, 'summary-same'),
      stat('To push', fmt.bytes(s.bytesToPush ?? 0), 'summary-push'), stat('To pull', fmt.bytes(s.bytesToPull ?? 0), 'summary-pull'));
    const repos = [...(diff?.repos ?? [])].sort((a, b) => a.repo.localeCompare(b.repo));
    if (repos.length === 0) {
      setContent(this.diffHost, h('p', { class: 'empty' }, this.filter.value.trim() ? 'No repo matches the filter on either side.' : 'Both caches are empty.'));
      return;
    }
    const col = (text, cls) => h('th', { scope: 'col', class: cls }, text);
    setContent(this.diffHost, h('table', { class: 'table table-stack' },
      h('caption', { class: 'sr-only' }, `Repos compared with ${this.selected}`),
      h('thead', {}, h('tr', {}, col('Repo'), col('State'), col('Here'), col('On target'), col('To push', 'num'), col('To pull', 'num'))),
      h('tbody', {}, repos.map((r) => h('tr', { dataset: { repo: r.repo, type: r.type ?? 'model', state: r.state } },
        h('td', { 'data-label': 'Repo' }, h('span', { class: 'mirror-repo' }, r.repo), r.type === 'dataset' ? [' ', badge('dataset')] : null),
        h('td', { 'data-label': 'State' }, h('span', { 'data-testid': 'repo-state' }, badge(r.state, stateKind[r.state] ?? '')), r.busy ? [' ', badge('busy: downloading', 'warn')] : null),
        h('td', { 'data-label': 'Here' }, refList(r.localRefs)),
        h('td', { 'data-label': 'On target' }, refList(r.targetRefs)),
        h('td', { 'data-label': 'To push', class: 'num' }, transfer(r.filesToPush, r.bytesToPush)),
        h('td', { 'data-label': 'To pull', class: 'num' }, transfer(r.filesToPull, r.bytesToPull)))))));
  }

  currentOptions() {
    return {
      target: this.selected,
      repoFilter: this.filter.value.trim(),
      verify: this.options.verify.checked,
      deleteExtra: this.options.deleteExtra.checked,
      force: this.options.force.checked,
      fsync: this.options.fsync.checked,
    };
  }

  discardPreview() {
    if (!this.preview) return;
    this.preview = null;
    clear(this.previewHost);
  }

  async dryRun(kind) {
    const options = this.currentOptions();
    this.preview = null;
    clear(this.transferMessages);
    setContent(this.previewHost, loading(`Planning the ${kind}…`));
    try {
      const plan = await post(`/mirror/${kind}`, { ...options, dryRun: true });
      if (this.disposed) return;
      this.preview = { kind, options, plan };
      this.drawPreview();
    } catch (error) {
      clear(this.previewHost);
      setContent(this.transferMessages, errorBox(error, { title: `The ${kind} cannot run` }));
    }
  }

  drawPreview() {
    const { kind, options, plan } = this.preview;
    const copies = plan?.copies ?? [];
    const deletions = plan?.deletions ?? [];
    const where = kind === 'push' ? `to ${this.selected}` : `from ${this.selected}`;
    const nothing = copies.length === 0 && deletions.length === 0;
    const start = h('button', { type: 'button', class: 'btn btn-primary', disabled: nothing && !options.force, onclick: () => this.startOperation() }, `Start ${kind}`);
    const discard = h('button', { type: 'button', class: 'btn', onclick: () => this.discardPreview() }, 'Discard plan');
    const chosen = [options.verify ? 'verify' : null, options.deleteExtra ? 'delete extra' : null, options.force ? 'copy again' : null, options.fsync ? 'wait for the disk' : null, options.repoFilter ? `repos “${options.repoFilter}”` : null].filter(Boolean);
    setContent(this.previewHost, h('div', { class: 'mirror-plan', dataset: { kind }, role: 'region', 'aria-label': `${kind} plan` },
      h('h3', {}, `Plan: ${kind} ${where}`),
      h('p', { 'data-testid': 'plan-total' }, nothing
        ? 'Nothing to copy or delete: the destination is already in step.'
        : `${plural(plan.totalFiles ?? 0, 'file')}, ${fmt.bytes(plan.totalBytes ?? 0)} to copy${deletions.length ? `, ${plural(deletions.length, 'repo')} to delete` : ''}.`,
      chosen.length ? h('span', { class: 'muted' }, ` Options: ${chosen.join(', ')}.`) : null),
      copies.length ? h('table', { class: 'table table-stack' },
        h('caption', {}, 'Copies'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Repo'), h('th', { scope: 'col', class: 'num' }, 'Files'), h('th', { scope: 'col', class: 'num' }, 'Size'))),
        h('tbody', {}, copies.map((c) => h('tr', { dataset: { repo: c.repo } },
          h('td', { 'data-label': 'Repo' }, c.repo, c.type === 'dataset' ? [' ', badge('dataset')] : null),
          h('td', { 'data-label': 'Files', class: 'num' }, String(c.files ?? 0)),
          h('td', { 'data-label': 'Size', class: 'num' }, fmt.bytes(c.bytes ?? 0)))))) : null,
      deletions.length ? h('table', { class: 'table table-stack mirror-deletions' },
        h('caption', {}, 'Deletions'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Repo'), h('th', { scope: 'col', class: 'num' }, 'Size'))),
        h('tbody', {}, deletions.map((d) => h('tr', { dataset: { repo: d.repo } },
          h('td', { 'data-label': 'Repo' }, d.repo, d.type === 'dataset' ? [' ', badge('dataset')] : null),
          h('td', { 'data-label': 'Size', class: 'num' }, fmt.bytes(d.bytes ?? 0)))))) : null,
      h('div', { class: 'job-actions' }, start, discard)));
    start.focus();
  }

  async startOperation() {
    if (!this.preview) return;
    const { kind, options } = this.preview;
    if (options.deleteExtra && (this.preview.plan?.deletions ?? []).length > 0) {
      const ok = await confirmDialog({
        title: `Delete ${plural(this.preview.plan.deletions.length, 'repo')}?`,
        message: `After copying, the ${kind} deletes the repos listed under Deletions ${kind === 'push' ? `on ${this.selected}` : 'from this cache'}.`,
        confirmLabel: `Start ${kind}`,
        danger: true,
      });
      if (!ok) return;
    }
    try {
      const answer = await post(`/mirror/${kind}`, { ...options, dryRun: false });
      const operation = answer?.operation ?? answer;
      this.discardPreview();
      clear(this.transferMessages);
      this.showOperation(operation);
    } catch (error) {
      setContent(this.transferMessages, errorBox(error, { title: `The ${kind} did not start` }));
    }
  }

  async loadLastOperation() {
    try {
      const data = await get('/mirror/operations');
      const operations = Array.isArray(data) ? data : data?.operations ?? [];
      const mine = operations.filter((o) => o.target === this.selected)
        .sort((a, b) => String(b.startedAt ?? '').localeCompare(String(a.startedAt ?? '')));
      if (mine.length > 0 && (!this.operation || this.operation.id === mine[0].id || this.isNewer(mine[0]))) {
        this.showOperation(mine[0]);
      } else if (!this.operation) {
        setContent(this.operationHost, h('p', { class: 'muted' }, `No push or pull with ${this.selected} since HFDesk started.`));
      }
    } catch (error) {
      setContent(this.operationHost, errorBox(error, { title: 'The operations could not be read' }));
    }
  }

  isNewer(candidate) {
    return String(this.operation?.startedAt ?? '') < String(candidate.startedAt ?? '');
  }

  showOperation(operation) {
    if (!operation?.id || this.disposed) return;
    // A REST answer can arrive after the socket already told us the operation ended: never go back to running.
    if (this.operation?.id === operation.id && TERMINAL.has(this.operation.status) && !TERMINAL.has(operation.status)) return;
    const wasRunning = this.operation?.id === operation.id && !TERMINAL.has(this.operation.status);
    this.operation = { ...operation, kind: operation.kind === 'push' || operation.kind === 'pull' ? operation.kind : this.operation?.kind };
    if (!this.panel || this.panel.id !== operation.id) {
      this.panel = new OperationPanel(this.operation, () => this.cancelOperation());
      setContent(this.operationHost, this.panel.el);
    }
    this.panel.update(this.operation);
    const running = !TERMINAL.has(this.operation.status);
    this.pushButton.disabled = running;
    this.pullButton.disabled = running;
    if (running) this.ensurePolling();
    else {
      clearInterval(this.pollTimer);
      this.pollTimer = null;
      if (wasRunning) {
        // What the operation changed: the states, the refs and the free space.
        this.loadDiff();
        this.refreshTargets();
      }
    }
  }

  async refreshTargets() {
    try {
      const data = await get('/mirror/targets');
      this.targets = data?.targets ?? this.targets;
      this.drawTargets();
    } catch {
      // The list keeps its last values; the next action shows the error.
    }
  }

  ensurePolling() {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(async () => {
      if (!this.operation || Date.now() - this.lastPushAt < pollAfterMs) return;
      try {
        const answer = await get(`/mirror/operations/${encodeURIComponent(this.operation.id)}`);
        this.showOperation(answer?.operation ?? answer);
      } catch {
        // Server gone for a moment: the socket reconnects and the next tick asks again.
      }
    }, 1000);
  }

  async cancelOperation() {
    if (!this.operation) return;
    try {
      const answer = await del(`/mirror/operations/${encodeURIComponent(this.operation.id)}`);
      const operation = answer?.operation ?? answer;
      if (operation?.id) this.showOperation(operation);
    } catch (error) {
      setContent(this.transferMessages, errorBox(error, { title: 'The operation was not cancelled' }));
    }
  }

  onChange(change) {
    if (change.type !== 'event' || !String(change.event?.kind ?? '').startsWith('mirror_')) return;
    const operation = operationOf(change.event);
    if (!operation) {
      if (this.selected && this.diffHost) this.loadLastOperation();
      return;
    }
    if (operation.target !== this.selected) return;
    if (this.operation && this.operation.id !== operation.id && !this.isNewer(operation)) return;
    this.lastPushAt = Date.now();
    if (change.event.kind === 'mirror_finished' && !TERMINAL.has(operation.status)) {
      // The final object always ends the operation, even if a server shaped it without a terminal status.
      this.showOperation({ ...operation, status: operation.errors?.length ? 'failed' : 'completed' });
    } else {
      this.showOperation(operation);
    }
  }
}

/** The live view of one push or pull: progress while it runs, the result and its errors once it ended. */
class OperationPanel {
  constructor(operation, onCancel) {
    this.id = operation.id;
    this.title = h('h3', {});
    this.status = h('span', { class: 'badge', 'data-testid': 'operation-status' });
    this.barHost = h('div');
    this.numbers = h('div', { class: 'job-numbers', 'data-testid': 'operation-numbers' });
    this.current = h('p', { class: 'activity', 'data-testid': 'operation-repo' });
    this.result = h('p', { 'data-testid': 'operation-result', hidden: true });
    this.cancel = h('button', { type: 'button', class: 'btn btn-danger', onclick: async () => {
      this.cancel.disabled = true;
      await onCancel();
      this.cancel.disabled = false;
    } }, 'Cancel');
    this.actions = h('div', { class: 'job-actions' }, this.cancel);
    this.errors = h('div', { class: 'mirror-errors' });
    this.el = h('article', { class: 'mirror-operation', dataset: { operationId: operation.id } },
      h('div', { class: 'job-head' }, this.title, this.status),
      this.barHost, this.numbers, this.current, this.result, this.actions, this.errors);
    this.lastErrorCount = -1;
  }

  update(op) {
    const p = op.progress ?? {};
    const running = op.status === 'running';
    this.el.dataset.status = op.status;
    this.title.textContent = `${op.kind === 'pull' ? 'Pull from' : 'Push to'} ${op.target}`;
    this.status.textContent = op.status;
    this.status.className = `badge ${statusKind[op.status] ? `badge-${statusKind[op.status]}` : ''}`;
    const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : op.status === 'completed' ? 1 : 0;
    clear(this.barHost).append(progressBar(op.status === 'completed' ? 1 : fraction, `Progress of the ${op.kind ?? 'operation'}`));
    this.numbers.textContent = [
      `${fmt.bytes(p.bytesDone ?? 0)} of ${fmt.bytes(p.bytesTotal ?? 0)}`,
      `${p.filesDone ?? 0}/${p.filesTotal ?? 0} files`,
      running ? fmt.speed(p.bytesPerSecond) : null,
      running && p.etaSeconds !== null && p.etaSeconds !== undefined ? `ETA ${fmt.duration(p.etaSeconds)}` : null,
    ].filter(Boolean).join(' · ');
    this.current.textContent = running ? (p.repo ? `Copying ${p.repo}` : 'Starting…') : timing(op);
    this.cancel.hidden = !running;
    this.actions.hidden = !running;

    this.result.hidden = running;
    if (!running) {
      const skipped = op.skipped ?? [];
      this.result.textContent = [
        `${op.status === 'cancelled' ? 'Cancelled after copying' : 'Copied'} ${plural(op.copied ?? 0, 'file')} (${fmt.bytes(op.copiedBytes ?? 0)})`,
        Array.isArray(op.deleted) ? (op.deleted.length ? `deleted ${op.deleted.map(nameOf).join(', ')}` : null) : op.deleted ? `deleted ${plural(op.deleted, 'repo')}` : null,
        skipped.length ? `skipped while downloading: ${skipped.map(nameOf).join(', ')}` : null,
      ].filter(Boolean).join('; ') + '.';
    }

    const errors = op.errors ?? [];
    if (errors.length !== this.lastErrorCount) {
      this.lastErrorCount = errors.length;
      setContent(this.errors, errors.length === 0 ? null : h('div', { class: 'alert alert-error', role: 'alert' },
        h('strong', {}, errors.length === 1 ? '1 error' : `${errors.length} errors`),
        h('table', { class: 'table table-stack' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Repo'), h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Problem'))),
          h('tbody', {}, errors.map((e) => h('tr', {},
            h('td', { 'data-label': 'Repo' }, e.repo ?? '—'),
            h('td', { 'data-label': 'File' }, e.path ? h('code', {}, e.path) : '—'),
            h('td', { 'data-label': 'Problem' }, e.message ?? '')))))));
    }
  }
}

/** The operation a `mirror_progress`/`mirror_finished` event carries, nested (`operation`) or as the event itself. */
function operationOf(event) {
  const nested = event.operation ?? event.data;
  if (nested && typeof nested === 'object' && nested.id) return nested;
  if (event.id && event.target && (event.progress || event.status)) return event;
  return null;
}

function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function nameOf(item) {
  return typeof item === 'string' ? item : item?.repo ?? String(item);
}

function timing(op) {
  if (!op.endedAt) return '';
  const took = op.startedAt ? (new Date(op.endedAt) - new Date(op.startedAt)) / 1000 : null;
  return `Ended ${fmt.dateTime(op.endedAt)}${took !== null && Number.isFinite(took) ? ` after ${fmt.duration(Math.max(took, 0))}` : ''}`;
}

function symlinkBadge(symlinks) {
  if (symlinks === true) return badge('symlinks', 'ok');
  if (symlinks === false) return h('span', { title: 'Snapshots get real files there, as huggingface_hub writes them on such drives.' }, badge('no symlinks: real files', 'warn'));
  return badge('symlinks unknown');
}

function option(box, label, hint) {
  const hintId = `${box.id}-hint`;
  box.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'mirror-option' },
    h('span', { class: 'check' }, box, h('label', { for: box.id }, label)),
    h('small', { class: 'hint', id: hintId }, hint));
}

function stat(label, value, testId) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value', 'data-testid': testId }, String(value)));
}

function refList(refs) {
  const entries = Object.entries(refs ?? {});
  if (entries.length === 0) return h('span', { class: 'muted' }, '—');
  return h('ul', { class: 'mirror-refs' }, entries.map(([name, commit]) => h('li', {}, `${name} `, h('code', { title: commit }, fmt.shortCommit(commit)))));
}

function transfer(files, bytesCount) {
  if (!files && !bytesCount) return h('span', { class: 'muted' }, '—');
  return `${plural(files ?? 0, 'file')} · ${fmt.bytes(bytesCount ?? 0)}`;
}
