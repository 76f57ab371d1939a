const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units, as the Hub's pages show sizes. */
export function bytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (n < 1000) return `${n} B`;
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

export function speed(bytesPerSecond) {
  return bytesPerSecond > 0 ? `${bytes(Math.round(bytesPerSecond))}/s` : '—';
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const hours = Math.floor(m / 60);
  return `${hours}h ${String(m % 60).padStart(2, '0')}m`;
}

export function count(n) {
  if (n === null || n === undefined) return '—';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(1)}k`;
  return String(n);
}

export function relativeTime(iso) {
  if (!iso) return '—';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '—';
  const diff = (Date.now() - then.getTime()) / 1000;
  if (diff < 60) return 'just now';
  if (diff < 3600) return `${Math.floor(diff / 60)} min ago`;
  if (diff < 86400) return `${Math.floor(diff / 3600)} h ago`;
  if (diff < 86400 * 30) return `${Math.floor(diff / 86400)} days ago`;
  return then.toLocaleDateString();
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString();
}

export function shortCommit(commit) {
  return commit ? commit.slice(0, 10) : '—';
}

export function percent(fraction) {
  if (!Number.isFinite(fraction)) return '—';
  const pct = Math.max(0, Math.min(100, fraction * 100));
  return `${pct >= 10 || pct === 0 ? Math.floor(pct) : pct.toFixed(1)}%`;
}

/**
 * The folder where one repo's files are, from a job or history entry: `<root>/<owner>/<name>` in flat mode, its
 * friendly view `<R>/models/<owner>/<name>` in cache mode (what the plan calls the destination). The server stores
 * only the roots, frozen per job.
 */
export function repoFolder({ repo, isDataset, flat, outputDir, hubDir, source }) {
  const isFlat = flat ?? !hubDir;
  // A LAN pull fills the cache itself (blobs and snapshots), with no friendly view: name that folder.
  if (source === 'hub' && hubDir && repo) {
    const hubSep = hubDir.includes('\\') && !hubDir.includes('/') ? '\\' : '/';
    return [hubDir.replace(/[\\/]+$/, ''), `${isDataset ? 'datasets' : 'models'}--${repo.split('/').join('--')}`].join(hubSep);
  }
  if (!outputDir || !repo) return outputDir ?? '';
  const sep = outputDir.includes('\\') && !outputDir.includes('/') ? '\\' : '/';
  const base = outputDir.replace(/[\\/]+$/, '');
  return [base, ...(isFlat ? [] : [isDataset ? 'datasets' : 'models']), ...repo.split('/')].join(sep);
}
