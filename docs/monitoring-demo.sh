#!/usr/bin/env bash
# Makes a backlog in a running `./stevedore sandbox --prometheus`: pins a WorkerPool to no workers
# and posts a tenant's events to ingest for a few minutes, so that its oldest message ages past the
# sandbox's 15 s objective and StevedoreBacklogAgeBudgetBurnFast goes pending, then fires.
# usage: docs/monitoring-demo.sh INGEST_PORT [POOL] [TENANT] [SECONDS]   (the live view prints the port)
# Undo: ./stevedore kubectl annotate wp POOL stevedore.io/scaling-paused-replicas-
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=${1:?ingest port, as the live view prints it}
pool=${2:-premium}
tenant=${3:-acme}
seconds=${4:-300}
./stevedore kubectl annotate --overwrite wp "$pool" stevedore.io/scaling-paused-replicas=0 >/dev/null
key=$(./stevedore kubectl get secret "tenant-$tenant" -o jsonpath='{.data.apiKey}' | base64 -d)
end=$((SECONDS + seconds))
sent=0
while [ $SECONDS -lt $end ]; do
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  body='{"events":[{"deviceId":"demo-1","eventId":"'"$RANDOM-$RANDOM-$sent"'","timestamp":"'"$now"'","type":"location","payload":{"latitude":52.37,"longitude":4.89}}]}'
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$port/v1/events" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body"
  sent=$((sent + 1))
  sleep 1
done
echo "posted $sent events for $tenant; pool $pool is still pinned to 0 workers"
