#!/usr/bin/env bash
# Distribution benchmark: cold build (empty local Maven repository), warm boot to health UP, idle
# resident memory. Prints a Markdown block for docs/benchmarks.md.
#
#   bench/distribution.sh [--cold] [--runs N] [--port P]
#
# --cold also measures the first './router start' of a fresh clone with an empty local repository
# (downloads every dependency: needs the Maven repository to be reachable; takes minutes).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=3; PORT=18181; COLD=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cold) COLD=1; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    *) echo "usage: $0 [--cold] [--runs N] [--port P]" >&2; exit 1 ;;
  esac
done
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
wait_up() { # seconds until /api/health is UP, or fail after 600 s
  local start=$1
  for _ in $(seq 1 2400); do
    if curl -s -m 2 "http://127.0.0.1:$PORT/api/health" | grep -q '"status":"UP"'; then
      echo "$(now) - $start" | bc; return 0
    fi
    sleep 0.25
  done
  return 1
}

echo "### Distribution ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1))"
echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

src="$ROOT"
if [ -n "$COLD" ]; then
  git clone -q "$ROOT" "$work/clone"; src="$work/clone"
  export MAVEN_OPTS="-Dmaven.repo.local=$work/m2"
  t0=$(now)
  (cd "$src" && timeout 3600 ./router start --data "$work/data" --http-port "$PORT" > "$work/cold.log" 2>&1 &)
  cold=$(wait_up "$t0") || { echo "cold start failed"; tail -20 "$work/cold.log"; exit 1; }
  echo "- cold: clone → \`./router start\` (build from an empty local repository) → health UP: **${cold} s**"
  (cd "$src" && ./router stop --data "$work/data" >/dev/null 2>&1)
  unset MAVEN_OPTS
fi

# Warm boots: the distribution is built; HOME points at an empty directory so nothing can come
# from ~/.m2 (the distribution must be self-contained).
mkdir -p "$work/home"
for i in $(seq 1 "$RUNS"); do
  t0=$(now)
  (cd "$src" && HOME="$work/home" ROUTER_NO_BUILD=1 ./router start --data "$work/data" --http-port "$PORT" > "$work/warm$i.log" 2>&1 &)
  s=$(wait_up "$t0") || { echo "warm start failed"; tail -20 "$work/warm$i.log"; exit 1; }
  echo "- warm boot $i → health UP: **${s} s**"
  if [ "$i" -lt "$RUNS" ]; then (cd "$src" && ./router stop --data "$work/data" >/dev/null 2>&1); fi
done

sleep 60
pid="$(cat "$work/data/karaf.pid")"
java_rss=$(ps -o rss= -p "$pid")
pg_rss=$(pgrep -f "$work/data/postgres" | xargs -r ps -o rss= -p | awk '{s+=$1} END {print s+0}')
echo "- idle resident memory 60 s after health UP: router JVM **$((java_rss / 1024)) MiB**, embedded PostgreSQL processes $((pg_rss / 1024)) MiB (sum of RSS, shared pages counted per process)"
(cd "$src" && ./router stop --data "$work/data" >/dev/null 2>&1)
