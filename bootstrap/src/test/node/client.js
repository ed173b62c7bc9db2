// Drives official socket.io-client v4 sockets for the Java tests.
// Reads one JSON command per line on stdin, writes one JSON event per line on stdout.
//   {"op":"connect","name":"s1","url":"http://127.0.0.1:3002","auth":{"token":"..."},"query":{},"transports":["websocket"]}
//   {"op":"emit","name":"s1","event":"message:send","args":[{...}],"ack":7}   (ack: an id to report the ack under)
//   {"op":"disconnect","name":"s1"}
//   {"op":"auth","name":"s1","auth":{"token":"..."}}   (the auth its next reconnect sends)
// "reconnection": true in connect makes the socket reconnect by itself, quickly; its connect records then say
// whether the session was recovered, and carry its private session id (pid).
// "withCredentials": true keeps cookies (a load balancer's); "caFile" names a PEM certificate to trust.
// Out: {"name":"s1","type":"connect"|"connect_error"|"disconnect"|"event"|"ack"|"transport", ...}
'use strict';
const { io } = require('socket.io-client');
const readline = require('readline');
const fs = require('fs');

const sockets = new Map();
const out = (record) => process.stdout.write(JSON.stringify(record) + '\n');

function connect(command) {
  const socket = io(command.url, {
    auth: command.auth,
    query: command.query,
    extraHeaders: command.headers,
    transports: command.transports || ['polling', 'websocket'],
    upgrade: command.upgrade !== false,
    reconnection: command.reconnection === true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    randomizationFactor: 0,
    forceNew: true,
    timeout: 10000,
    // Through a load balancer: keep its cookie (which node holds the session), trust its test certificate.
    withCredentials: command.withCredentials === true,
    ca: command.caFile ? fs.readFileSync(command.caFile) : undefined,
  });
  sockets.set(command.name, socket);
  socket.on('connect', () => out({ name: command.name, type: 'connect', id: socket.id,
    recovered: socket.recovered === true, pid: socket._pid === undefined ? null : socket._pid }));
  socket.on('connect_error', (error) => out({ name: command.name, type: 'connect_error', message: error.message }));
  socket.on('disconnect', (reason) => out({ name: command.name, type: 'disconnect', reason }));
  socket.io.on('open', () => socket.io.engine.on('upgrade', (transport) =>
    out({ name: command.name, type: 'transport', transport: transport.name })));
  socket.onAny((event, ...args) => out({ name: command.name, type: 'event', event, args }));
}

function emit(command) {
  const socket = sockets.get(command.name);
  const args = command.args || [];
  if (command.ack !== undefined) {
    socket.timeout(10000).emit(command.event, ...args, (error, ...reply) =>
      out({ name: command.name, type: 'ack', ack: command.ack, timedOut: !!error, args: reply }));
  } else {
    socket.emit(command.event, ...args);
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  switch (command.op) {
    case 'connect': connect(command); break;
    case 'emit': emit(command); break;
    case 'disconnect': sockets.get(command.name).disconnect(); break;
    case 'auth': sockets.get(command.name).auth = command.auth; break;
    case 'exit': process.exit(0); break;
    default: out({ type: 'error', message: 'unknown op ' + command.op });
  }
}).on('close', () => process.exit(0));

out({ type: 'ready' });
