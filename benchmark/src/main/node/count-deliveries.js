// Counts what staff sockets receive while benchmark/scripts/log-pruning.sh writes millions of messages: one
// official socket.io-client v4 staff socket per node URL, each counting every message:new once by chat_id and
// every one that came twice. Every second it writes the counts, as one JSON line, to the file given:
//   node count-deliveries.js <file> <hs256-secret> <url> [<url> ...]
//   -> {"sockets":[{"url":"...","received":n,"distinct":d,"duplicates":x,"connected":true,"disconnects":k}]}
// Loopback only; it stops on SIGTERM after writing the counts once more.
'use strict';
const { io } = require('socket.io-client');
const crypto = require('crypto');
const fs = require('fs');

const [file, secret, ...urls] = process.argv.slice(2);
if (!file || !secret || urls.length === 0) {
  process.stderr.write('usage: count-deliveries.js <file> <hs256-secret> <url> [<url> ...]\n');
  process.exit(2);
}

const base64url = (text) => Buffer.from(text).toString('base64url');
function staffToken() {
  const now = Math.floor(Date.now() / 1000);
  const input = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.'
    + base64url(JSON.stringify({ sub: 'teacher-pruning', role: 'teacher', iat: now - 60, exp: now + 86400 }));
  return input + '.' + crypto.createHmac('sha256', secret).update(input).digest('base64url');
}

const counters = urls.map((url) => {
  const counter = { url, received: 0, distinct: 0, duplicates: 0, connected: false, disconnects: 0,
    seen: new Uint8Array(1 << 20) };
  const socket = io(url, { auth: { token: staffToken() }, transports: ['websocket'], forceNew: true });
  socket.on('connect', () => { counter.connected = true; });
  socket.on('disconnect', () => { counter.connected = false; counter.disconnects++; });
  socket.on('connect_error', (error) => process.stderr.write(url + ': ' + error.message + '\n'));
  socket.on('message:new', (message) => {
    counter.received++;
    const id = Number(message.chat_id);
    while (id >= counter.seen.length) {
      const grown = new Uint8Array(counter.seen.length * 2);
      grown.set(counter.seen);
      counter.seen = grown;
    }
    if (counter.seen[id]) {
      counter.duplicates++;
    } else {
      counter.seen[id] = 1;
      counter.distinct++;
    }
  });
  counter.socket = socket;
  return counter;
});

function write() {
  const sockets = counters.map(({ url, received, distinct, duplicates, connected, disconnects }) =>
    ({ url, received, distinct, duplicates, connected, disconnects }));
  fs.writeFileSync(file + '.tmp', JSON.stringify({ sockets }) + '\n');
  fs.renameSync(file + '.tmp', file);
}
const timer = setInterval(write, 1000);
process.on('SIGTERM', () => {
  clearInterval(timer);
  write();
  counters.forEach((counter) => counter.socket.close());
  process.exit(0);
});
