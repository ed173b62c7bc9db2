// The legacy design, as the LMS's chat realtime guide has each of its two Node backends do it, for the benchmark
// to measure beside chatsync in the same run: a socket.io server whose clients join their rooms, one pg client
// that LISTENs on chat_messages and chat_messages_read, and for every notification one query for the full
// message, then emits: to the thread's room, to everyone when a student wrote it, and users:updated to everyone.
// Reconnects after 5 s as the guide's does. The one addition: 'join' answers an acknowledgement when the client
// asks for one (the guide's handler takes none), so the benchmark's clients know they are in their rooms.
//   node legacy-server.js <port> <name> <postgres connection string>
// Prints {"type":"listening"} once it listens on both the port and the database.
'use strict';
const http = require('http');
const { Server } = require('socket.io');
const { Client, Pool } = require('pg');

const [port, name, connectionString] = process.argv.slice(2);
const server = http.createServer();
const io = new Server(server, { cors: { origin: '*' } });
const pool = new Pool({ connectionString, application_name: 'legacy:' + name + ':pool' });

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    const id = typeof room === 'object' && room !== null ? room.userId : room;
    socket.join(`user:${id}`);
    if (typeof ack === 'function') {
      ack({ ok: true, room: `user:${id}` });
    }
  });
});

async function handleNewMessage(payload) {
  const messageData = JSON.parse(payload);
  const result = await pool.query(
    `SELECT
       c.*,
       json_build_object(
         'user_id', u.user_id,
         'full_name', u.full_name,
         'avatar_url', u.avatar_url
       ) as users
     FROM chats c
     LEFT JOIN users u ON u.user_id = c.user_id
     WHERE c.chat_id = $1`,
    [messageData.chat_id],
  );
  if (result.rows.length === 0) {
    return;
  }
  const fullMessage = result.rows[0];
  io.to(`user:${fullMessage.user_id}`).emit('message:new', fullMessage);
  if (fullMessage.sender === 'student') {
    io.emit('message:new', fullMessage);
  }
  io.emit('users:updated');
}

function handleMessageRead(payload) {
  const readData = JSON.parse(payload);
  io.to(`user:${readData.user_id}`).emit('message:read', {
    messageId: readData.chat_id,
    read_by_student: readData.read_by_student,
    read_by_teacher: readData.read_by_teacher,
  });
  io.emit('users:updated');
}

let listening = false;
async function startListening(first) {
  const client = new Client({ connectionString, application_name: 'legacy:' + name + ':listener' });
  try {
    await client.connect();
    await client.query('LISTEN chat_messages');
    await client.query('LISTEN chat_messages_read');
    listening = true;
    client.on('notification', async (msg) => {
      try {
        if (msg.channel === 'chat_messages') {
          await handleNewMessage(msg.payload);
        } else if (msg.channel === 'chat_messages_read') {
          handleMessageRead(msg.payload);
        }
      } catch (error) {
        console.error(`[${name}] Error handling notification:`, error);
      }
    });
    const again = () => {
      listening = false;
      setTimeout(() => { if (!listening) startListening(false); }, 5000);
    };
    client.on('error', (error) => { console.error(`[${name}] PostgreSQL client error:`, error); again(); });
    client.on('end', again);
    if (first) {
      server.listen(Number(port), '127.0.0.1', () => process.stdout.write(JSON.stringify({ type: 'listening' }) + '\n'));
    }
  } catch (error) {
    console.error(`[${name}] Failed to start listening:`, error);
    process.exit(1);
  }
}

startListening(true);
