// The page: a task box that starts or continues a session, the session's events live over Server-Sent
// Events (a dropped connection resumes with Last-Event-ID; a reload replays the session from its start),
// Stop and Esc to cancel the running call as Ctrl-C does in `agentstream run`, and the saved sessions.
import { SessionView, showTimeline } from './render.js';
import { DesktopPane } from './desktop.js';

const chat = document.getElementById('chat');
const form = document.getElementById('task-form');
const taskBox = document.getElementById('task');
const stopButton = document.getElementById('stop');
const status = document.getElementById('status');
const sessionLabel = document.getElementById('session-id');
const sessionList = document.getElementById('session-list');
const controls = document.getElementById('timeline-controls');

let sessionId = new URLSearchParams(location.hash.slice(1)).get('session');
let source = null;
let view = null;

function setState(state) {
  document.body.dataset.state = state;
  status.textContent = state === 'running' ? 'Working…' : 'Ready';
  stopButton.disabled = state !== 'running';
  if (state === 'idle') loadSessions();
}

function say(message) {
  const line = document.createElement('div');
  line.className = 'notice';
  line.textContent = message;
  chat.appendChild(line);
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({ error: `The server answered ${response.status}.` }));
  if (!response.ok) throw new Error(json.error || `The server answered ${response.status}.`);
  return json;
}

function newView() {
  view = new SessionView(chat);
  view.onState = setState;
  view.onSession = id => { sessionLabel.textContent = id; };
}

function follow(id, after = 0) {
  if (source) source.close();
  sessionId = id;
  sessionLabel.textContent = id;
  history.replaceState(null, '', `#session=${encodeURIComponent(id)}`);
  source = new EventSource(`/api/sessions/${encodeURIComponent(id)}/events?after=${after}`);
  source.onmessage = message => {
    view.apply(JSON.parse(message.data));
    document.body.dataset.lastEvent = message.lastEventId;
  };
  source.onopen = () => { document.body.dataset.connected = 'true'; };
  source.onerror = () => { document.body.dataset.connected = 'false'; };
}

async function send() {
  const task = taskBox.value;
  if (!task.trim()) return;
  try {
    controls.replaceChildren();
    if (!view) { chat.replaceChildren(); newView(); }
    const answer = await api('/api/sessions', sessionId ? { task, session: sessionId } : { task });
    taskBox.value = '';
    if (answer.session !== sessionId || !source) follow(answer.session, answer.after);
  } catch (e) {
    say(e.message);
  }
}

async function stop() {
  if (!sessionId) return;
  try {
    await api(`/api/sessions/${encodeURIComponent(sessionId)}/stop`, {});
  } catch (e) {
    say(e.message);
  }
}

function newSession() {
  if (source) source.close();
  source = null;
  sessionId = null;
  sessionLabel.textContent = 'new session';
  history.replaceState(null, '', location.pathname);
  chat.replaceChildren();
  controls.replaceChildren();
  newView();
  setState('idle');
  taskBox.focus();
}

async function openSaved(id, resume) {
  const timeline = await api(`/api/sessions/${encodeURIComponent(id)}/timeline`);
  if (source) source.close();
  source = null;
  chat.replaceChildren();
  if (resume) {
    // The saved history stays on the page; the next task continues this session and streams below it.
    view = null;
    showTimeline(timeline.events, chat, controls);
    controls.replaceChildren();
    newView();
    sessionId = id;
    sessionLabel.textContent = id;
    history.replaceState(null, '', `#session=${encodeURIComponent(id)}`);
    taskBox.focus();
  } else {
    sessionId = null;
    view = null;
    sessionLabel.textContent = `${id} (saved)`;
    showTimeline(timeline.events, chat, controls);
  }
}

async function loadSessions() {
  let sessions;
  try {
    sessions = await api('/api/sessions');
  } catch (e) {
    return;
  }
  sessionList.replaceChildren(...sessions.map(s => {
    const item = document.createElement('li');
    item.dataset.session = s.id;
    const title = document.createElement('div');
    title.className = 'session-title';
    title.textContent = s.title || '(no task)';
    const meta = document.createElement('div');
    meta.className = 'session-meta';
    meta.textContent = `${s.id} · ${s.turns} turns${s.outcome ? ' · ' + s.outcome : ''}${s.running ? ' · running' : ''}`;
    const open = document.createElement('button');
    open.className = 'open';
    open.textContent = 'Open';
    open.addEventListener('click', () => openSaved(s.id, false).catch(e => say(e.message)));
    const resume = document.createElement('button');
    resume.className = 'resume';
    resume.textContent = 'Resume';
    resume.addEventListener('click', () => openSaved(s.id, true).catch(e => say(e.message)));
    const exportLink = document.createElement('a');
    exportLink.className = 'export';
    exportLink.textContent = 'Export';
    exportLink.href = `/api/sessions/${encodeURIComponent(s.id)}/export`;
    item.append(title, meta, open, resume, exportLink);
    return item;
  }));
}

taskBox.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});
form.addEventListener('submit', event => { event.preventDefault(); send(); });
stopButton.addEventListener('click', stop);
document.addEventListener('keydown', event => {
  if (event.key === 'Escape' && document.body.dataset.state === 'running') {
    event.preventDefault();
    stop();
  }
});
document.getElementById('new-session').addEventListener('click', newSession);
document.getElementById('refresh-sessions').addEventListener('click', loadSessions);

newView();
setState('idle');
if (sessionId) {
  api('/api/sessions').then(sessions => {
    const known = sessions.find(s => s.id === sessionId);
    if (known && known.open) follow(sessionId);
    else if (known) openSaved(sessionId, true);
  }).catch(e => say(e.message));
}
loadSessions();
taskBox.focus();

const desktopRoot = document.getElementById('desktop');
const takeOverButton = document.getElementById('take-over');
const handBackButton = document.getElementById('hand-back');
desktopRoot.hidden = false;
const desktop = new DesktopPane(desktopRoot, { onUnavailable: () => { desktopRoot.hidden = true; }, sessionId: () => sessionId });
takeOverButton.addEventListener('click', async () => {
  try {
    if (sessionId) await api(`/api/sessions/${encodeURIComponent(sessionId)}/pause`, {});
  } catch (e) {
    say(e.message);
  }
  desktop.setTakingOver(true);
  takeOverButton.hidden = true;
  handBackButton.hidden = false;
});
handBackButton.addEventListener('click', () => {
  desktop.setTakingOver(false);
  takeOverButton.hidden = false;
  handBackButton.hidden = true;
  if (!taskBox.value.trim()) taskBox.value = 'I handed the desktop back to you; go on with the task.';
  send();
});
