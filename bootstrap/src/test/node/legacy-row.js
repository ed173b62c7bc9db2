// The legacy backends' message payload, produced by node-postgres itself: the guide's query, its rows through
// JSON.stringify, as Socket.IO would send them. Usage: node legacy-row.js <postgres connection string> <chat id>...
// Prints one JSON array of rows. The process's time zone (TZ) is the legacy backend's.
'use strict';
const { Client } = require('pg');

async function main() {
  const [connectionString, ...ids] = process.argv.slice(2);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const rows = [];
    for (const id of ids) {
      const result = await client.query(
        `SELECT c.*, json_build_object('user_id', u.user_id, 'full_name', u.full_name, 'avatar_url', u.avatar_url)
           AS users
         FROM chats c LEFT JOIN users u ON u.user_id = c.user_id WHERE c.chat_id = $1`, [Number(id)]);
      rows.push(...result.rows);
    }
    process.stdout.write(JSON.stringify(rows) + '\n');
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
