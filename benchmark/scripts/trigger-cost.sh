#!/usr/bin/env bash
# What chatsync's trigger costs a writer, with and without a change: pgbench inserting single messages into chats
# through each version of R__change_log_trigger.sql, on fresh databases of the machine's PostgreSQL, alternating,
# three runs each. Legacy notifications are off (as after a migration), so PostgreSQL's turn for notifying commits
# does not hide the trigger's own cost. Loopback only; about three minutes.
#
#   benchmark/scripts/trigger-cost.sh <git revision of the baseline trigger> [threads]
#
# Prints one line per run: the variant (baseline, current) and the commits per second pgbench reports.
set -euo pipefail
baseline_rev=${1:?usage: trigger-cost.sh <git revision of the baseline trigger> [threads]}
threads=${2:-200}
repo=$(cd "$(dirname "$0")/../.." && pwd)
migrations=$repo/adapters-postgres/src/main/resources/db/migration
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psqlq() { psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$@"; }

git -C "$repo" show "$baseline_rev:adapters-postgres/src/main/resources/db/migration/R__change_log_trigger.sql" \
    > "$work/baseline.sql"
cp "$migrations/R__change_log_trigger.sql" "$work/current.sql"
cat > "$work/insert.sql" <<SQL
\set student random(1, $threads)
INSERT INTO chats (user_id, sender, message) VALUES (:student, 'student', 'pgbench message: a line about this week''s homework.');
SQL

setup() { # database, trigger file
  psqlq -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  for file in "$migrations"/V*.sql "$2" "$migrations/R__feed_wake_up_lease.sql"; do
    sed 's/\${flyway:defaultSchema}/public/g' "$file" | psqlq -d "$1" -f - 2>/dev/null
  done
  psqlq -d "$1" -c "INSERT INTO users (full_name) SELECT 'Student ' || n FROM generate_series(1, $threads) n" \
        -c "ALTER DATABASE $1 SET chatsync.legacy_notifications = off"
}

for run in 1 2 3; do
  for variant in baseline current; do
    setup "chatsync_trigger_$variant" "$work/$variant.sql"
    tps=$(pgbench -h 127.0.0.1 -U postgres -n --protocol=prepared -c 16 -j 2 -T 15 -f "$work/insert.sql" \
          "chatsync_trigger_$variant" 2>/dev/null | awk '/^tps/ {print $3}')
    echo "run $run $variant $tps"
  done
done
for variant in baseline current; do
  psqlq -d postgres -c "DROP DATABASE IF EXISTS chatsync_trigger_$variant"
done
