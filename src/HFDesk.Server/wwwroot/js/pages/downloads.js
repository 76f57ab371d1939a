import { del, post, repoPath } from '../api.js';
import { h, clear } from '../dom.js';
import { confirmDialog, errorBox, linkify, pageHeader, progressBar, setContent, toast } from '../ui.js';
import * as fmt from '../format.js';
import * as store from '../store.js';

const statusKind = { running: 'info', queued: '', paused: 'warn', completed: 'ok', failed: 'error', cancelled: '' };

const finished = new Set(['completed', 'failed', 'cancelled']);
const isFinished = (job) => finished.has(job.status);

export async function render(root) {
  const activeList = h('div', { class: 'jobs', 'aria-labelledby': 'jobs-active' });
  const finishedList = h('div', { class: 'jobs', 'aria-labelledby': 'jobs-finished' });
  const activeHeading = h('h2', { id: 'jobs-active' }, 'Active');
  const finishedHeading = h('h2', { id: 'jobs-finished' }, 'Finished');
  const clearButton = h('button', { type: 'button', class: 'btn', onclick: () => clearFinished() }, 'Clear finished');
  const activeSection = h('section', { class: 'job-group', dataset: { group: 'active' } }, h('div', { class: 'group-head' }, activeHeading), activeList);
  const finishedSection = h('section', { class: 'job-group', dataset: { group: 'finished' } }, h('div', { class: 'group-head' }, finishedHeading, clearButton), finishedList);
  const empty = h('p', { class: 'empty', hidden: true }, 'No downloads yet. ', h('a', { href: '#/' }, 'Find a model'), ' to start one.');
  const errorHost = h('div');
  setContent(root, h('div', { class: 'page' }, pageHeader('Downloads'), errorHost, empty, activeSection, finishedSection));

  const clearFinished = async () => {
    clearButton.disabled = true;
    try {
      for (const job of store.jobs().filter(isFinished)) {
        await post(`/jobs/${encodeURIComponent(job.id)}/dismiss`);
        store.removeJob(job.id);
      }
      clear(errorHost);
    } catch (error) {
      setContent(errorHost, errorBox(error, { title: 'Some finished downloads could not be cleared' }));
    } finally {
      clearButton.disabled = false;
    }
  };

  // Cards are kept per job and updated in place so focus and expanded file lists survive live updates.
  const cards = new Map();
  const place = (list, jobs) => {
    jobs.forEach((job, index) => {
      let card = cards.get(job.id);
      if (!card) {
        card = new JobCard(job, errorHost);
        cards.set(job.id, card);
      }
      card.update(job);
      if (list.children[index] !== card.el) list.insertBefore(card.el, list.children[index] ?? null);
    });
  };
  const sync = () => {
    const jobs = store.jobs();
    const active = jobs.filter((j) => !isFinished(j));
    const done = jobs.filter(isFinished);
    empty.hidden = jobs.length > 0;
    activeSection.hidden = active.length === 0;
    finishedSection.hidden = done.length === 0;
    activeHeading.textContent = `Active (${active.length})`;
    finishedHeading.textContent = `Finished (${done.length})`;
    place(activeList, active);
    place(finishedList, done);
    const seen = new Set(jobs.map((j) => j.id));
    for (const [id, card] of cards) {
      if (!seen.has(id)) {
        card.el.remove();
        cards.delete(id);
      }
    }
  };

  const unsubscribe = store.subscribe(sync);
  sync();
  store.refresh().catch((error) => setContent(errorHost, errorBox(error)));
  return unsubscribe;
}

class JobCard {
  constructor(job, errorHost) {
    this.id = job.id;
    this.errorHost = errorHost;
    this.title = h('a', { class: 'repo-link' });
    this.status = h('span', { class: 'badge', 'data-testid': 'job-status' });
    // A LAN pull: a file a client of the Hub endpoint (/hub) asked for, fetched into the cache while it streams.
    this.source = h('span', { class: 'badge badge-lib', 'data-testid': 'job-source', title: 'Fetched for a client of this server\'s Hub endpoint', hidden: true }, 'LAN pull');
    this.meta = h('span', { class: 'muted' });
    this.barHost = h('div');
    this.numbers = h('div', { class: 'job-numbers', 'data-testid': 'job-numbers' });
    this.current = h('p', { class: 'job-current', 'data-testid': 'job-current', hidden: true });
    this.destination = h('p', { class: 'job-destination muted' }, 'To ', h('code', { class: 'path', 'data-testid': 'job-destination' }));
    this.activity = h('p', { class: 'activity', 'aria-live': 'polite' });
    this.error = h('p', { class: 'job-error', role: 'alert', hidden: true });
    this.actions = h('div', { class: 'job-actions' });
    this.filesBody = h('tbody');
    this.files = h('details', { class: 'job-files' }, h('summary', {}, 'Files'),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col', class: 'num' }, 'Progress'), h('th', { scope: 'col' }, 'Status'))),
        this.filesBody));
    this.el = h('article', { class: 'card job', dataset: { jobId: job.id } },
      h('div', { class: 'job-head' }, this.title, this.source, this.status, this.meta),
      this.barHost, this.numbers, this.current, this.destination, this.activity, this.error, this.actions, this.files);
    this.lastActionsKey = null;
  }

  update(job) {
    const p = job.progress ?? {};
    this.el.dataset.status = job.status;
    this.title.textContent = job.repo;
    this.title.href = `#/repo/${repoPath(job.repo)}${job.isDataset ? '?dataset=true' : ''}`;
    this.status.textContent = job.status;
    this.status.className = `badge ${statusKind[job.status] ? `badge-${statusKind[job.status]}` : ''}`;
    const lanPull = job.source === 'hub';
    this.el.dataset.source = job.source ?? 'download';
    this.source.hidden = !lanPull;
    this.meta.textContent = lanPull
      ? [job.files?.[0]?.path ?? job.filters?.[0], job.commit ? `@ ${job.commit.slice(0, 7)}` : null, job.lanClient ? `for ${job.lanClient}` : null].filter(Boolean).join(' · ')
      : [job.revision && job.revision !== 'main' ? `@ ${job.revision}` : null, job.filters?.length ? `filters: ${job.filters.join(', ')}` : null].filter(Boolean).join(' · ');

    const fraction = p.totalBytes > 0 ? p.downloadedBytes / p.totalBytes : job.status === 'completed' ? 1 : 0;
    const running = job.status === 'running';
    const cancelled = job.status === 'cancelled';
    // A cancelled job's partial files are gone: its last byte counts and active files would no longer be true.
    this.barHost.hidden = cancelled;
    if (!cancelled) clear(this.barHost).append(progressBar(fraction, `Progress of ${job.repo}`));
    this.numbers.textContent = cancelled
      ? 'Cancelled: the partly downloaded files were deleted.'
      : [
        fmt.percent(fraction),
        job.status === 'completed' ? fmt.bytes(p.totalBytes ?? 0) : `${fmt.bytes(p.downloadedBytes ?? 0)} of ${fmt.bytes(p.totalBytes ?? 0)}`,
        `${p.completedFiles ?? 0}/${p.totalFiles ?? 0} files`,
        running ? fmt.speed(p.bytesPerSecond) : null,
        running && p.etaSeconds !== null && p.etaSeconds !== undefined ? `ETA ${fmt.duration(p.etaSeconds)}` : null,
      ].filter(Boolean).join(' · ');
    const now = running ? (job.files ?? []).filter((f) => f.status === 'active' || f.status === 'verifying') : [];
    this.current.hidden = now.length === 0;
    this.current.textContent = now.length === 0 ? '' : `Now: ${now.map((f) => f.path).join(', ')}`;
    this.destination.querySelector('code').textContent = fmt.repoFolder(job);

    const phase = running && job.phase ? phaseText(job.phase) : null;
    this.activity.textContent = [phase, p.activity].filter(Boolean).join(' — ') || (job.status === 'queued' ? 'Waiting for a free slot' : '');
    this.activity.classList.toggle('activity-warn', /stall|retry|rate/i.test(p.activity ?? ''));
    this.error.hidden = !job.error;
    setContent(this.error, ...linkify(job.error ?? ''));

    const actionsKey = job.status;
    if (actionsKey !== this.lastActionsKey) {
      this.lastActionsKey = actionsKey;
      const hadFocus = this.actions.contains(document.activeElement) ? document.activeElement.dataset.action : null;
      setContent(this.actions, ...this.buttons(job));
      if (hadFocus) this.actions.querySelector(`[data-action="${hadFocus}"]`)?.focus();
    }

    clear(this.filesBody);
    for (const f of job.files ?? []) {
      const unfinished = f.status !== 'complete' && f.status !== 'skipped' && f.status !== 'failed';
      const status = cancelled && unfinished ? 'cancelled' : f.status;
      this.filesBody.append(h('tr', { dataset: { fileStatus: status } },
        h('td', {}, h('code', {}, f.path)),
        h('td', { class: 'num' }, cancelled && unfinished ? '—' : `${fmt.bytes(f.downloaded ?? 0)} / ${fmt.bytes(f.totalBytes ?? 0)}`),
        h('td', {}, status, f.error ? h('span', { class: 'job-error' }, ' — ', ...linkify(f.error)) : null)));
    }
  }

  buttons(job) {
    const act = (action, label, kind = '') => h('button', { type: 'button', class: `btn ${kind}`, dataset: { action }, 'aria-label': `${label} ${job.repo}`, onclick: () => this.run(action, job) }, label);
    switch (job.status) {
      // A LAN pull cannot pause: its waiting clients would hang on a file that stops growing.
      case 'running': return job.source === 'hub' ? [act('cancel', 'Cancel', 'btn-danger')] : [act('pause', 'Pause'), act('cancel', 'Cancel', 'btn-danger')];
      case 'queued': return [act('cancel', 'Cancel', 'btn-danger')];
      case 'paused': return [act('resume', 'Resume', 'btn-primary'), act('cancel', 'Cancel', 'btn-danger')];
      case 'failed':
      case 'cancelled': return [act('retry', 'Retry', 'btn-primary'), act('dismiss', 'Dismiss')];
      case 'completed': return [h('a', { class: 'btn', href: '#/library' }, 'Show in library'), act('dismiss', 'Dismiss')];
      default: return [];
    }
  }

  async run(action, job) {
    try {
      if (action === 'cancel') {
        const message = job.source === 'hub'
          ? `The partly downloaded file of ${job.repo} will be deleted, and the LAN clients waiting for it get an error.`
          : `The partly downloaded files of ${job.repo} will be deleted.`;
        const ok = await confirmDialog({ title: 'Cancel this download?', message, cancelLabel: 'Keep downloading', confirmLabel: 'Cancel download', danger: true });
        if (!ok) return;
        store.upsertJob(jobOf(await del(`/jobs/${encodeURIComponent(job.id)}`)));
      } else if (action === 'dismiss') {
        await post(`/jobs/${encodeURIComponent(job.id)}/dismiss`);
        store.removeJob(job.id);
      } else {
        store.upsertJob(jobOf(await post(`/jobs/${encodeURIComponent(job.id)}/${action}`)));
      }
      clear(this.errorHost);
    } catch (error) {
      setContent(this.errorHost, errorBox(error));
      toast(error.message, 'error');
    }
  }
}

// Action answers are the job itself or `{ job, message }`.
const jobOf = (answer) => answer?.job ?? answer;

function phaseText(phase) {
  switch (phase) {
    case 'planning': return 'Planning';
    case 'downloading': return 'Downloading';
    case 'verifying': return 'Verifying checksums';
    case 'finalizing': return 'Finalizing';
    default: return phase;
  }
}
