// One load-client process of the chatsync benchmark: many official socket.io-client v4 sockets, each recording
// when every message:new reaches it. The benchmark (Benchmark.java) drives it with one JSON command per line on
// stdin and reads one JSON reply per line on stdout:
//   {"op":"connect","sockets":[{"index":0,"url":"http://127.0.0.1:3002","token":"...","watch":[1,2]}],"concurrency":100}
//       -> {"type":"connected","ok":n,"failed":m,"errors":[...]}   (staff sockets join the rooms in "watch" first)
//   {"op":"count"}                 -> {"type":"count","arrivals":n}
//   {"op":"reset"}                 -> {"type":"reset"}   forget what arrived so far
//   {"op":"report","file":"/x"}    -> {"type":"reported",...}   arrivals as CSV lines: socket,chat_id,user_id,nanos
//   {"op":"cut","withinMs":n,"holdMs":h}  -> {"type":"cutting","sockets":n}   every socket opened with "reconnect"
//       has its TCP connection destroyed (no close frame, as a network drops it) at a random moment within n ms,
//       and reconnects by itself (after h ms, when given), resuming its session
//   {"op":"cuts"}                  -> {"type":"cuts","sockets":[[index,cutNanos,attemptNanos,connectNanos,recovered]]}
//   {"op":"close"}                 -> {"type":"closed"}
// Arrival times come from process.hrtime, the same CLOCK_MONOTONIC the JVM's System.nanoTime reads, so they can
// be compared with the writer's commit times. A report also tells this process's own stalls since the last reset:
// its event loop's delay (p99 and max, ms) and its garbage collections of 20 ms or more.
'use strict';
const { io } = require('socket.io-client');
const fs = require('fs');
const readline = require('readline');
const { monitorEventLoopDelay, PerformanceObserver } = require('perf_hooks');

// This process's own stalls, sent with each report: an event loop held up (by its own work, its garbage
// collections, or a machine that gives it no core) delays every arrival it notes, and is not the node's doing.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let gcPauses = [];
new PerformanceObserver((entries) => {
  for (const entry of entries.getEntries()) {
    if (entry.duration >= 20) gcPauses.push(Math.round(entry.duration));
  }
}).observe({ entryTypes: ['gc'] });

const out = (record) => process.stdout.write(JSON.stringify(record) + '\n');
const sockets = [];
const resumable = [];
const base = process.hrtime.bigint();

let capacity = 1 << 16;
let count = 0;
let socketOf = new Int32Array(capacity);
let chatOf = new Int32Array(capacity);
let userOf = new Int32Array(capacity);
let nanosOf = new Float64Array(capacity);

function grow() {
  capacity *= 2;
  const copy = (Type, old) => { const next = new Type(capacity); next.set(old); return next; };
  socketOf = copy(Int32Array, socketOf);
  chatOf = copy(Int32Array, chatOf);
  userOf = copy(Int32Array, userOf);
  nanosOf = copy(Float64Array, nanosOf);
}

function record(index, message) {
  const nanos = Number(process.hrtime.bigint() - base);
  if (count === capacity) grow();
  socketOf[count] = index;
  chatOf[count] = message.chat_id;
  userOf[count] = message.user_id;
  nanosOf[count] = nanos;
  count++;
}

function open(spec) {
  return new Promise((resolve) => {
    const socket = io(spec.url, {
      auth: { token: spec.token },
      transports: ['websocket'],
      reconnection: spec.reconnect === true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 1000,
      forceNew: true,
      timeout: 60000,
    });
    socket.on('message:new', (message) => record(spec.index, message));
    if (spec.reconnect === true) {
      const entry = { index: spec.index, socket, cut: 0, attempt: 0, connect: 0, recovered: false };
      resumable.push(entry);
      socket.io.on('reconnect_attempt', () => { if (!entry.attempt) entry.attempt = now(); });
      socket.on('connect', () => {
        if (entry.cut && !entry.connect) {
          entry.connect = now();
          entry.recovered = socket.recovered === true;
        }
      });
    }
    socket.once('connect', async () => {
      sockets.push(socket);
      for (const room of spec.watch || []) {
        const reply = await socket.timeout(60000).emitWithAck('join', room).catch((e) => ({ error: e.message }));
        if (!reply || reply.ok !== true) {
          resolve('join ' + room + ' refused: ' + JSON.stringify(reply));
          return;
        }
      }
      resolve(null);
    });
    socket.once('connect_error', (error) => resolve('connect_error: ' + error.message));
  });
}

async function connect(command) {
  const specs = command.sockets;
  const errors = [];
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < specs.length) {
      const error = await open(specs[next++]);
      if (error) errors.push(error); else ok++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, command.concurrency || 50) }, worker));
  out({ type: 'connected', ok, failed: errors.length, errors: errors.slice(0, 5) });
}

/** On the clock of the arrivals' report (CLOCK_MONOTONIC), in nanoseconds. */
function now() {
  return process.hrtime.bigint();
}

function cut(command) {
  for (const entry of resumable) {
    entry.cut = 0;
    entry.attempt = 0;
    entry.connect = 0;
    entry.recovered = false;
    setTimeout(() => {
      if (command.holdMs) {
        entry.socket.io.reconnectionDelay(command.holdMs);
        entry.socket.io.reconnectionDelayMax(command.holdMs);
        entry.socket.io.randomizationFactor(0);
      }
      entry.cut = now();
      entry.socket.io.engine.transport.ws._socket.destroy();
    }, Math.random() * (command.withinMs || 0));
  }
  out({ type: 'cutting', sockets: resumable.length });
}

function cuts() {
  out({
    type: 'cuts',
    sockets: resumable.map((e) => [e.index, String(e.cut), String(e.attempt), String(e.connect), e.recovered]),
  });
}

function report(command) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    lines.push(socketOf[i] + ',' + chatOf[i] + ',' + userOf[i] + ',' + (base + BigInt(nanosOf[i])));
  }
  fs.writeFileSync(command.file, lines.join('\n') + (lines.length ? '\n' : ''));
  lines.length = 0;
  // The report's strings are garbage now: collected here, between phases, where nothing is timed, rather than in
  // the next phase's first seconds (node --expose-gc, as LoadClient starts it).
  if (global.gc) global.gc();
  const cpu = process.cpuUsage();
  out({
    type: 'reported', arrivals: count, cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage().rss,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6,
    gcPausesOver20Ms: gcPauses.length, gcMaxMs: gcPauses.length ? Math.max(...gcPauses) : 0,
  });
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  switch (command.op) {
    case 'connect': connect(command).catch((e) => out({ type: 'error', message: e.message })); break;
    case 'count': out({ type: 'count', arrivals: count }); break;
    case 'reset': count = 0; loopDelay.reset(); gcPauses = []; out({ type: 'reset' }); break;
    case 'report': report(command); break;
    case 'cut': cut(command); break;
    case 'cuts': cuts(); break;
    case 'close': sockets.forEach((s) => s.disconnect()); out({ type: 'closed' }); break;
    default: out({ type: 'error', message: 'unknown op ' + command.op });
  }
}).on('close', () => process.exit(0));

out({ type: 'ready' });
