// Live job state from /api/ws. The server sends `status` first, then `job_update` and `event` messages;
// after a restart of HFDesk the socket closes and we reconnect with a growing delay.
import { get } from './api.js';

const listeners = new Set();
const state = {
  connected: false,
  jobs: new Map(),
  version: null,
  settingsRevision: null,
  lastEvent: null,
  freshConnection: false,
};

let socket = null;
let retryDelay = 500;
let retryTimer = null;

export function jobs() {
  return [...state.jobs.values()].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
}

export function job(id) {
  return state.jobs.get(id);
}

export function isConnected() {
  return state.connected;
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(change) {
  for (const listener of [...listeners]) {
    try {
      listener(change, state);
    } catch (error) {
      console.error(error);
    }
  }
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

// One truth per job: every snapshot carries a `version` that grows with each change, so whichever arrives last
// (a push or a late REST answer), the page keeps the highest. Without versions (an older server) the fallback is
// the old rule: once the socket has shown a job ended, an older REST snapshot must not bring it back as running.
function isOlder(jobObject, pushed) {
  const known = state.jobs.get(jobObject.id);
  if (known === undefined) return false;
  // The same version is the same snapshot: nothing newer to take (and a late copy edited on the way is no truth).
  if (Number.isFinite(known.version) && Number.isFinite(jobObject.version)) return jobObject.version <= known.version;
  // Unversioned pushes arrive in order (retry and resume are pushed too); only a REST answer can be late.
  return !pushed && state.connected && TERMINAL.has(known.status) && !TERMINAL.has(jobObject.status);
}

function accept(jobObject, pushed = false) {
  if (!jobObject?.id || isOlder(jobObject, pushed)) return false;
  state.jobs.set(jobObject.id, jobObject);
  return true;
}

/** Put a job we got from a REST answer into the store right away, before its first push arrives. */
export function upsertJob(jobObject) {
  if (accept(jobObject)) emit({ type: 'job_update', job: jobObject });
}

export function removeJob(id) {
  if (state.jobs.delete(id)) emit({ type: 'job_removed', id });
}

function handle(message) {
  switch (message.type) {
    case 'status': {
      const data = message.data ?? {};
      state.version = data.version ?? state.version;
      state.settingsRevision = data.settingsRevision ?? state.settingsRevision;
      if (Array.isArray(data.jobs)) {
        // The status message lists every job: one it lacks was dismissed; one it has keeps its newest snapshot.
        const listed = new Set(data.jobs.map((j) => j.id));
        for (const id of [...state.jobs.keys()]) if (!listed.has(id)) state.jobs.delete(id);
        // Right after (re)connecting the server may have restarted and counted versions anew: take its list whole.
        if (state.freshConnection) state.jobs = new Map(data.jobs.map((j) => [j.id, j]));
        else for (const j of data.jobs) accept(j, true);
        state.freshConnection = false;
      }
      emit({ type: 'status' });
      break;
    }
    case 'job_update':
      if (accept(message.data, true)) emit({ type: 'job_update', job: message.data });
      break;
    case 'event': {
      const data = message.data ?? {};
      state.lastEvent = data;
      if (data.kind === 'job_dismissed' && data.jobId) state.jobs.delete(data.jobId);
      emit({ type: 'event', event: data });
      break;
    }
    default:
      break;
  }
}

function setConnected(value) {
  if (state.connected === value) return;
  state.connected = value;
  emit({ type: 'connection', connected: value });
}

export function connect() {
  if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) return;
  clearTimeout(retryTimer);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  socket = new WebSocket(`${scheme}//${location.host}/api/ws`);
  socket.addEventListener('open', () => {
    retryDelay = 500;
    state.freshConnection = true;
    setConnected(true);
  });
  socket.addEventListener('message', (e) => {
    try {
      handle(JSON.parse(e.data));
    } catch (error) {
      console.error('bad message from /api/ws', error);
    }
  });
  socket.addEventListener('close', () => {
    setConnected(false);
    socket = null;
    retryTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  });
  socket.addEventListener('error', () => socket?.close());
}

/** A REST snapshot for first paint, in case the socket is slow to open. */
export async function refresh() {
  const data = await get('/jobs');
  if (Array.isArray(data?.jobs)) {
    for (const j of data.jobs) accept(j);
    emit({ type: 'status' });
  }
}
