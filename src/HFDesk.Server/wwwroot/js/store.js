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

// The socket pushes every status change at once; an HTTP answer can be older than the last push (a small download
// can finish before the answer to its POST is read). Once the socket has shown a job ended, an older REST snapshot
// must not bring it back as running: nothing would ever correct it. Retry and resume are pushed by the socket too.
function isStale(jobObject) {
  const known = state.jobs.get(jobObject.id);
  return state.connected && known !== undefined && TERMINAL.has(known.status) && !TERMINAL.has(jobObject.status);
}

/** Put a job we got from a REST answer into the store right away, before its first push arrives. */
export function upsertJob(jobObject) {
  if (!jobObject?.id || isStale(jobObject)) return;
  state.jobs.set(jobObject.id, jobObject);
  emit({ type: 'job_update', job: jobObject });
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
        state.jobs = new Map(data.jobs.map((j) => [j.id, j]));
      }
      emit({ type: 'status' });
      break;
    }
    case 'job_update':
      if (message.data?.id) {
        state.jobs.set(message.data.id, message.data);
        emit({ type: 'job_update', job: message.data });
      }
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
    for (const j of data.jobs) if (!isStale(j)) state.jobs.set(j.id, j);
    emit({ type: 'status' });
  }
}
