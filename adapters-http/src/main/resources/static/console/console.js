// The chatsync console: the public HTTP API and Socket.IO events, nothing else (docs/protocol.md).
// Every text from the server is put in the page with textContent, never parsed as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { token: null, side: null, me: null, socket: null, open: null, messages: new Map(), reads: new Map() };

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    throw new Error('this is not a JWT: ' + e.message);
  }
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + state.token };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = 'console-' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(json.detail || json.title || (method + ' ' + path + ': ' + response.status));
  }
  return json;
}

function status(text) {
  $('status').textContent = text;
}

function showError(id, error) {
  $(id).textContent = error ? String(error.message || error) : '';
}

// Signing in: a pasted token, or on a demo node one of its users.
async function demoUsers() {
  const response = await fetch('/api/demo/users');
  if (!response.ok) {
    return; // not a demo node
  }
  const demo = await response.json();
  $('demo').hidden = false;
  for (const user of demo.users) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.id = 'sign-in-as-' + user.id;
    button.textContent = user.name + ' (' + user.role + ')';
    button.addEventListener('click', () => signInAsDemoUser(user, demo).catch((e) => showError('sign-in-error', e)));
    item.append(button);
    $('demo-users').append(item);
  }
  const wanted = new URLSearchParams(location.hash.slice(1)).get('as');
  const user = demo.users.find((candidate) => String(candidate.id) === wanted);
  if (user) {
    history.replaceState(null, '', location.pathname);
    await signInAsDemoUser(user, demo);
  }
}

async function signInAsDemoUser(user, demo) {
  const port = user.role === 'student' ? demo.studentPort : demo.staffPort;
  if (port && String(port) !== (location.port || (location.protocol === 'https:' ? '443' : '80'))) {
    location.href = location.protocol + '//' + location.hostname + ':' + port + '/console/#as=' + user.id;
    return;
  }
  const response = await fetch('/api/demo/tokens', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: user.id }),
  });
  if (!response.ok) {
    throw new Error('the demo refused a token for ' + user.name + ': ' + response.status);
  }
  const minted = await response.json();
  await signIn(minted.token);
}

async function signIn(token) {
  const claimed = claims(token);
  state.token = token;
  // Which side the token is: the API answers a student's unread count only to a student.
  const unread = await fetch('/api/me/unread', { headers: { Authorization: 'Bearer ' + token } });
  if (unread.status !== 200 && unread.status !== 403) {
    state.token = null;
    const problem = await unread.json().catch(() => ({}));
    throw new Error(problem.detail || ('the node answered ' + unread.status));
  }
  state.side = unread.status === 200 ? 'student' : 'staff';
  // A student's thread is their user id: the token's subject (chatsync.auth.user-id-claim, sub by default).
  state.me = String(claimed.sub);
  sessionStorage.setItem('chatsync.token', token);
  $('who').textContent = (claimed.name || state.me) + ' · ' + state.side;
  $('sign-in').hidden = true;
  $('chat').hidden = false;
  $('sign-out').hidden = false;
  connect();
  if (state.side === 'staff') {
    $('conversations-pane').hidden = false;
    await loadConversations();
  } else {
    await openThread(state.me, 'Your conversation with your teachers');
  }
}

function signOut() {
  sessionStorage.removeItem('chatsync.token');
  location.reload();
}

// The socket: live events for what this user may see.
function connect() {
  const socket = io({ auth: { token: state.token } });
  state.socket = socket;
  socket.on('connect', () => {
    status('connected' + (socket.recovered ? ' (resumed)' : ''));
    showError('chat-error', null);
    if (state.side === 'staff' && state.open) {
      socket.emit('join', Number(state.open), () => {});
    }
  });
  socket.on('disconnect', (reason) => status('disconnected: ' + reason));
  socket.on('connect_error', (error) => {
    status('not connected');
    showError('chat-error', error);
  });
  socket.on('message:new', (message) => {
    if (String(message.user_id) === state.open) {
      show(message);
      if (message.sender !== mySender()) {
        markRead();
      }
    }
  });
  // A read mark may come before the message it marks is shown: the sender's own reply to a send, or a history
  // page, can arrive after the other side has read it. The mark is kept until the message is shown.
  socket.on('message:read', (read) => {
    state.reads.set(read.messageId, read);
    const message = state.messages.get(read.messageId);
    if (message) {
      show(message);
    }
  });
  let pending = null;
  socket.on('users:updated', () => {
    if (state.side === 'staff' && !pending) {
      pending = setTimeout(() => {
        pending = null;
        loadConversations().catch((e) => showError('chat-error', e));
      }, 100);
    }
  });
}

function mySender() {
  return state.side === 'staff' ? 'teacher' : 'student';
}

// Staff: the conversation list, newest activity first, with each thread's unread count.
async function loadConversations() {
  const page = await api('GET', '/api/conversations?limit=50');
  const list = $('conversations');
  list.replaceChildren(...page.conversations.map((conversation) => {
    const item = document.createElement('li');
    const id = String(conversation.student.user_id);
    item.className = 'conversation' + (id === state.open ? ' open' : '');
    item.dataset.student = id;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = conversation.student.full_name || ('Student ' + id);
    const last = document.createElement('span');
    last.className = 'last';
    last.textContent = conversation.last_message.message;
    const unread = document.createElement('span');
    unread.className = 'unread' + (conversation.unread_by_staff ? '' : ' none');
    unread.dataset.count = String(conversation.unread_by_staff);
    unread.textContent = String(conversation.unread_by_staff);
    item.append(name, last, unread);
    item.addEventListener('click', () => openThread(id, name.textContent).catch((e) => showError('chat-error', e)));
    return item;
  }));
}

// A thread: its history, then live; opening it marks the other side's messages read.
async function openThread(id, title) {
  if (state.side === 'staff') {
    if (state.open && state.open !== id) {
      state.socket.emit('leave', Number(state.open), () => {});
    }
    state.socket.emit('join', Number(id), () => {});
    document.querySelectorAll('.conversation').forEach((item) => {
      item.classList.toggle('open', item.dataset.student === id);
    });
  }
  state.open = id;
  state.messages.clear();
  state.reads.clear();
  $('messages').replaceChildren();
  $('thread-title').textContent = title;
  $('compose').hidden = false;
  const page = await api('GET', '/api/threads/' + id + '/messages?limit=50');
  if (state.open !== id) {
    return; // another thread was opened while this one loaded
  }
  page.messages.slice().reverse().forEach(show);
  await markRead();
}

async function markRead() {
  if (state.open) {
    await api('POST', '/api/threads/' + state.open + '/read');
  }
}

// A read flag only ever turns true: what is shown is the newest of every copy of the message seen so far,
// whichever came first (a reply to a send, a history page, message:new, message:read).
function show(received) {
  const known = state.messages.get(received.chat_id) || {};
  const read = state.reads.get(received.chat_id) || {};
  const message = {
    ...received,
    read_by_student: Boolean(received.read_by_student || known.read_by_student || read.read_by_student),
    read_by_teacher: Boolean(received.read_by_teacher || known.read_by_teacher || read.read_by_teacher),
  };
  state.messages.set(message.chat_id, message);
  let item = document.querySelector('.message[data-id="' + message.chat_id + '"]');
  if (!item) {
    item = document.createElement('li');
    item.dataset.id = String(message.chat_id);
    const text = document.createElement('div');
    text.className = 'text';
    const meta = document.createElement('div');
    meta.className = 'meta';
    item.append(text, meta);
    const later = [...$('messages').children].find((other) => Number(other.dataset.id) > message.chat_id);
    $('messages').insertBefore(item, later || null);
  }
  const mine = message.sender === mySender();
  item.className = 'message ' + message.sender + (mine ? ' mine' : '');
  item.querySelector('.text').textContent = message.message;
  const readByOther = message.sender === 'teacher' ? message.read_by_student : message.read_by_teacher;
  item.dataset.read = String(readByOther);
  const time = new Date(message.created_at).toLocaleTimeString();
  item.querySelector('.meta').textContent = time + (mine ? (readByOther ? ' · read' : ' · sent') : '');
}

async function send(event) {
  event.preventDefault();
  const text = $('message').value;
  try {
    const stored = await api('POST', '/api/threads/' + state.open + '/messages', { message: text });
    $('message').value = '';
    showError('chat-error', null);
    show(stored);
  } catch (e) {
    showError('chat-error', e);
  }
}

$('use-token').addEventListener('click', () => {
  showError('sign-in-error', null);
  signIn($('token').value.trim()).catch((e) => showError('sign-in-error', e));
});
$('sign-out').addEventListener('click', signOut);
$('compose').addEventListener('submit', send);

const kept = sessionStorage.getItem('chatsync.token');
if (kept && !location.hash.includes('as=')) {
  signIn(kept).catch((e) => {
    sessionStorage.removeItem('chatsync.token');
    showError('sign-in-error', e);
  });
}
demoUsers().catch((e) => showError('sign-in-error', e));
