#!/usr/bin/env bash
# The change log stays bounded while millions of changes go through it: one chatsync node (bootstrap/target/
# chatsync.jar, built by ./mvnw -pl bootstrap -am -DskipTests package) reads its change feed while pgbench inserts messages into chats on
# the machine's PostgreSQL (legacy notifications off, as after a migration), with a short retention so that
# pruning works all along. Every 30 s it prints the changes written so far, the rows and bytes the log holds, and
# how far the node's feed has read. Loopback only.
#
#   benchmark/scripts/log-pruning.sh [changes (10000000)] [retention (60s)]
set -euo pipefail
changes=${1:-10000000}
retention=${2:-60s}
repo=$(cd "$(dirname "$0")/../.." && pwd)
jar=$repo/bootstrap/target/chatsync.jar
# A JDK 21 or newer: JAVA_HOME when it is new enough, else the newest under /usr/lib/jvm.
java=$("$repo/scripts/find-jdk")/bin/java
db=chatsync_log_pruning
work=$(mktemp -d)
psqlq() { psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -At "$@"; }
node_pid=
cleanup() {
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; fi
  psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$work"
}
trap cleanup EXIT

psqlq -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psqlq -d postgres -c "ALTER DATABASE $db SET chatsync.legacy_notifications = off"
"$java" -Xms512m -Xmx512m -jar "$jar" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" \
    --spring.datasource.username=postgres --chatsync.node-name=pruning-node \
    --server.address=127.0.0.1 --server.port=3100 --chatsync.gateway.student-port=3102 \
    --management.server.port=9190 --chatsync.feed.retention="$retention" --chatsync.feed.prune-interval=5s \
    > "$work/node.log" 2>&1 &
node_pid=$!
deadline=$((SECONDS + 180))
until curl -fs http://127.0.0.1:9190/actuator/health/readiness >/dev/null 2>&1; do
  if [ "$SECONDS" -ge "$deadline" ]; then echo "the node did not become ready" >&2; tail -20 "$work/node.log" >&2; exit 1; fi
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
echo "| elapsed s | changes written | rows in the log | log size MB | node's feed at | node heap used MB |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
start=$SECONDS
report() {
  written=$(psqlq -d "$db" -c "SELECT last_value FROM chat_change_position")
  rows=$(psqlq -d "$db" -c "SELECT count(*) FROM chat_changes")
  size=$(psqlq -d "$db" -c "SELECT round(pg_total_relation_size('chat_changes') / 1048576.0)")
  at=$(curl -fs http://127.0.0.1:9190/actuator/health | grep -o '"position":[0-9]*' | head -n 1 | cut -d: -f2)
  heap=$(curl -fs "http://127.0.0.1:9190/actuator/metrics/jvm.memory.used?tag=area:heap" \
      | grep -o '"value":[0-9.E]*' | head -n 1 | cut -d: -f2)
  echo "| $((SECONDS - start)) | $written | $rows | $size | ${at:-?} | $(awk -v b="${heap:-0}" 'BEGIN {printf "%d", b / 1048576}') |"
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
grep -c "Pruned" "$work/node.log" | sed 's/^/pruning runs that deleted changes: /'
