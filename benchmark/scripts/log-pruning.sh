#!/usr/bin/env bash
# The change log stays bounded while millions of changes go through it and the nodes keep delivering: two
# chatsync nodes (bootstrap/target/chatsync.jar, built by ./mvnw -pl bootstrap -am -DskipTests package) read
# their change feeds while pgbench inserts students' messages into chats on the machine's PostgreSQL (legacy
# notifications off, as after a migration), with a short retention so that pruning works all along. A staff
# socket on each node (official socket.io-client, benchmark/src/main/node/count-deliveries.js) counts every
# message:new it receives. Every 30 s it prints the changes written so far, the rows and bytes the log holds, how
# far each node's feed has read and what each staff socket has received; at the end it checks that each socket
# received every message once, and fails otherwise. Loopback only.
#
#   benchmark/scripts/log-pruning.sh [changes (10000000)] [retention (60s)]
set -euo pipefail
changes=${1:-10000000}
retention=${2:-60s}
repo=$(cd "$(dirname "$0")/../.." && pwd)
jar=$repo/bootstrap/target/chatsync.jar
# A JDK 21 or newer: JAVA_HOME when it is new enough, else the newest under /usr/lib/jvm.
java=$("$repo/scripts/find-jdk")/bin/java
node_modules=$repo/benchmark/src/main/node
db=chatsync_log_pruning
work=$(mktemp -d)
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
psqlq() { psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -At "$@"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -d "$node_modules/node_modules/socket.io-client" ] || npm ci --prefix "$node_modules" --no-audit --no-fund >/dev/null

psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psqlq -d postgres -c "ALTER DATABASE $db SET chatsync.legacy_notifications = off"
# Node a: staff port 3100, management 9190; node b: 3200, 9290.
for node in a b; do
  offset=$([ "$node" = a ] && echo 0 || echo 100)
  "$java" -Xms512m -Xmx512m -jar "$jar" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" \
      --spring.datasource.username=postgres --chatsync.node-name=pruning-$node \
      --chatsync.auth.jwt-secret="$secret" \
      --server.address=127.0.0.1 --server.port=$((3100 + offset)) --chatsync.gateway.student-port=$((3102 + offset)) \
      --management.server.port=$((9190 + offset)) --chatsync.feed.retention="$retention" \
      --chatsync.resume.window="$retention" --chatsync.feed.prune-interval=5s > "$work/node-$node.log" 2>&1 &
  pids+=($!)
done
deadline=$((SECONDS + 180))
for management in 9190 9290; do
  until curl -fs http://127.0.0.1:$management/actuator/health/readiness >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "a node did not become ready" >&2; tail -n 20 "$work"/node-*.log >&2; exit 1
    fi
    sleep 1
  done
done
node "$node_modules/count-deliveries.js" "$work/deliveries.json" "$secret" \
    http://127.0.0.1:3100 http://127.0.0.1:3200 2> "$work/counter.log" &
counter_pid=$!
pids+=($counter_pid)
deadline=$((SECONDS + 60))
until [ -s "$work/deliveries.json" ] && [ "$(grep -o '"connected":true' "$work/deliveries.json" | wc -l)" -eq 2 ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then echo "the staff sockets did not connect" >&2; cat "$work/counter.log" >&2; exit 1; fi
  sleep 1
done
psqlq -d "$db" -c "INSERT INTO users (full_name) SELECT 'Student ' || n FROM generate_series(1, 200) AS n"
cat > "$work/insert.sql" <<'SQL'
\set student random(1, 200)
INSERT INTO chats (user_id, sender, message) VALUES (:student, 'student', 'pgbench message: a line about this week''s homework.');
SQL

clients=16
pgbench -h 127.0.0.1 -U postgres -n --protocol=prepared -c $clients -j 2 -t $((changes / clients)) \
    -f "$work/insert.sql" "$db" > "$work/pgbench.log" 2>&1 &
bench_pid=$!
echo "| elapsed s | changes written | rows in the log | log size MB | feeds at (a / b) | staff sockets received (a / b) | heap used MB (a / b) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
start=$SECONDS
report() {
  written=$(psqlq -d "$db" -c "SELECT last_value FROM chat_change_position")
  rows=$(psqlq -d "$db" -c "SELECT count(*) FROM chat_changes")
  size=$(psqlq -d "$db" -c "SELECT round(pg_total_relation_size('chat_changes') / 1048576.0)")
  ats=() heaps=()
  for management in 9190 9290; do
    at=$(curl -fs http://127.0.0.1:$management/actuator/health | grep -o '"position":[0-9]*' | head -n 1 | cut -d: -f2)
    heap=$(curl -fs "http://127.0.0.1:$management/actuator/metrics/jvm.memory.used?tag=area:heap" \
        | grep -o '"value":[0-9.E]*' | head -n 1 | cut -d: -f2)
    ats+=("${at:-?}")
    heaps+=("$(awk -v b="${heap:-0}" 'BEGIN {printf "%d", b / 1048576}')")
  done
  received=$(grep -o '"received":[0-9]*' "$work/deliveries.json" | cut -d: -f2 | paste -sd/ | sed 's|/| / |')
  echo "| $((SECONDS - start)) | $written | $rows | $size | ${ats[0]} / ${ats[1]} | $received | ${heaps[0]} / ${heaps[1]} |"
}
while kill -0 $bench_pid 2>/dev/null; do
  sleep 30
  report
done
wait $bench_pid
grep -E "^tps|number of transactions actually processed" "$work/pgbench.log"
# The node catches up and the log is pruned to what the retention keeps.
sleep 20
report
for node in a b; do
  { grep -c "Pruned" "$work/node-$node.log" || true; } | sed "s/^/pruning runs of node $node that deleted changes: /"
done
# Each staff socket must have every message once: wait (at most two minutes) for the last to arrive.
written=$(psqlq -d "$db" -c "SELECT count(*) FROM chats")
deadline=$((SECONDS + 120))
until [ "$(grep -o "\"distinct\":$written," "$work/deliveries.json" | wc -l)" -eq 2 ] || [ "$SECONDS" -ge "$deadline" ]; do
  sleep 1
done
kill -TERM $counter_pid
wait $counter_pid || true
echo "staff sockets, each: messages written $written; $(tr -d '\n' < "$work/deliveries.json")"
if [ "$(grep -o "\"distinct\":$written,\"duplicates\":0," "$work/deliveries.json" | wc -l)" -ne 2 ] \
    || grep -q '"disconnects":[1-9]' "$work/deliveries.json"; then
  echo "a staff socket missed a message, got one twice or was disconnected" >&2
  exit 1
fi
echo "every message reached both staff sockets once, over one connection each"
