#!/usr/bin/env bash
# End-to-end routing benchmark (docs/benchmarks.md, section "Routing (end to end)"):
#   storescu -> router (./router start, one route -> one 'dicom' destination) -> storescp
# against storescu -> storescp directly, in the same run, alternating, REPS repetitions; ~10 KB and ~520 KB
# instances; one association (one storescu) and four (four storescu processes, a quarter each).
#   - routed time: from the first storescu start until ALL instances are at the storescp (output directory
#     polled every 10 ms); the time storescu needed to get every C-STORE response is reported too;
#   - latency: per instance, from its C-STORE response at storescu (log timestamps, ms) to the mtime of the
#     file storescp wrote (ns) -> p50, p99.
# Not a test and not part of the build. Usage: bench/routing/routing-bench.sh [results.md]
# The small set is also sent as four studies, one per association ("small4studies", 4 associations only).
# Environment: REPS (3), N_SMALL (2000), N_LARGE (300), KEEP=1 keeps the work directory,
#   ROUTER_JFR=1 records a JFR profile of the router JVM (kept in the work directory),
#   BENCH_SETS ("small small4studies large"), BENCH_CONC ("1 4") to run a subset.
set -euo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/../.."
ROOT=$(pwd)
OUT=${1:+$(readlink -f "$1")}

if [ -z "${BENCH_BUILT:-}" ]; then
  echo "== build" >&2
  [ -x karaf-assembly/target/assembly/bin/karaf ] || ./mvnw -q -pl karaf-assembly -am install -DskipTests
  [ -d bench/target/lib ] || { ./mvnw -q -pl bundles/dicom-net -am install -DskipTests && ./mvnw -q -f bench/pom.xml package; }
  export BENCH_BUILT=1
fi

# storescp and the router's HTTP port listen on every interface: when we can, run in a private network
# namespace whose only interface is loopback (as bench/toolkit-bench.sh does).
if [ -z "${BENCH_IN_NETNS:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null \
    && unshare -n true 2>/dev/null; then
  exec env BENCH_IN_NETNS=1 unshare -n bash -c 'ip link set lo up && exec "$0" "$@"' "$SELF" "$@"
fi
if [ -z "${BENCH_IN_NETNS:-}" ]; then
  echo "bench: note: not in a private network namespace; storescp and the router listen on all interfaces" >&2
fi

export TCP_NODELAY=1 # Debian's dcmtk keeps Nagle's algorithm on otherwise: set for every dcmtk process
REPS=${REPS:-3}
N_SMALL=${N_SMALL:-2000}
N_LARGE=${N_LARGE:-300}
SETS=${BENCH_SETS:-small small4studies large}
CONCS=${BENCH_CONC:-1 4}
PY=/usr/bin/python3
for tool in storescp storescu echoscu java curl bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done
"$PY" -c 'import pydicom' 2>/dev/null || { echo "bench: $PY with pydicom is required (latency analysis)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/routing-bench.XXXXXX)
DATA="$WORK/data"
PIDS=()
cleanup() {
  ROUTER_NO_BUILD=1 "$ROOT/router" stop --data "$DATA" >/dev/null 2>&1 || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "bench: work directory kept: $WORK" >&2; fi
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_echo() { # ae port
  for _ in $(seq 1 600); do
    if echoscu -q -aec "$1" 127.0.0.1 "$2" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench: nothing answers C-ECHO as $1 on port $2" >&2; return 1
}

echo "== instances" >&2
CP="$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"
java -cp "$CP" org.xnat.bench.GenerateInstances "$WORK/in/small" "$N_SMALL" 68 68 4 small
java -cp "$CP" org.xnat.bench.GenerateInstances "$WORK/in/large" "$N_LARGE" 512 508 4 large
# the small set again, but one study per part (per association): shows what the per-study serialization of
# the ingest costs (measured with 4 associations only)
for q in 0 1 2 3; do
  java -cp "$CP" org.xnat.bench.GenerateInstances "$WORK/in/gen-s4-$q" $((N_SMALL / 4)) 68 68 1 "studies4-$q"
  mkdir -p "$WORK/in/small4studies"; mv "$WORK/in/gen-s4-$q/part0" "$WORK/in/small4studies/part$q"; rmdir "$WORK/in/gen-s4-$q"
done
size_of() { find "$1" -type f -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END {print s}'; }

echo "== storescp and router" >&2
SCP_OUT="$WORK/out"
mkdir -p "$SCP_OUT" "$WORK/logs" "$WORK/mtimes"
PORT_SCP=$(free_port)
storescp --fork --bit-preserving -aet BENCH --output-directory "$SCP_OUT" "$PORT_SCP" >"$WORK/storescp.log" 2>&1 &
PIDS+=($!)
wait_echo BENCH "$PORT_SCP"

PORT_ROUTE=$(free_port)
HTTP_PORT=$(free_port)
cat >"$WORK/bench.yaml" <<EOF
resilience:
  retention_days: 1
destinations:
  scp:
    type: dicom
    ae_title: BENCH
    host: 127.0.0.1
    port: $PORT_SCP
routes:
  - ae_title: BENCHRT
    port: $PORT_ROUTE
    study_timeout_seconds: 5
    destinations: [scp]
EOF
JFR_OPTS=""
if [ -n "${ROUTER_JFR:-}" ]; then JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/router.jfr,settings=profile,dumponexit=true"; fi
# karaf.lock.dir: Karaf's instance lock would otherwise sit in the distribution directory, shared with any other
# router started from it (which would make this one wait).
EXTRA_JAVA_OPTS="-Dkaraf.lock.dir=$DATA $JFR_OPTS" ROUTER_NO_BUILD=1 ROUTER_ADMIN_PASSWORD=bench-only \
  "$ROOT/router" start --data "$DATA" --http-port "$HTTP_PORT" --config "$WORK/bench.yaml" >"$WORK/router.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do
  if curl -s -m 2 "http://127.0.0.1:$HTTP_PORT/api/health" | grep -q '"database":{"status":"UP"'; then break; fi
  sleep 0.2
done
wait_echo BENCHRT "$PORT_ROUTE"

cat >"$WORK/log.cfg" <<'EOF'
log4cplus.rootLogger = INFO, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %D{%s.%q} %m%n
EOF

count_out() { find "$SCP_OUT" -maxdepth 1 -type f -name 'CT.*' | wc -l; }

# one measured transfer: mode (direct|routed), set, associations, tag -> "total_seconds responses_seconds"
transfer() {
  local mode=$1 set=$2 conc=$3 tag=$4 dir="$WORK/in/$2" port aec
  if [ "$mode" = direct ]; then port=$PORT_SCP; aec=BENCH; else port=$PORT_ROUTE; aec=BENCHRT; fi
  find "$SCP_OUT" -mindepth 1 -delete
  local want; want=$(find "$dir" -type f -name '*.dcm' | wc -l)
  local t0 t1 t2 pids=() failed=0
  t0=$(date +%s.%N)
  if [ "$conc" = 1 ]; then
    storescu -lc "$WORK/log.cfg" -aet BENCHSCU -aec "$aec" +sd 127.0.0.1 "$port" "$dir"/part0 "$dir"/part1 \
      "$dir"/part2 "$dir"/part3 >"$WORK/logs/$tag-0.log" 2>&1 &
    pids+=($!)
  else
    for q in 0 1 2 3; do
      storescu -lc "$WORK/log.cfg" -aet BENCHSCU -aec "$aec" +sd 127.0.0.1 "$port" "$dir/part$q" \
        >"$WORK/logs/$tag-$q.log" 2>&1 &
      pids+=($!)
    done
  fi
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  t1=$(date +%s.%N)
  if [ "$failed" != 0 ] || [ "$(cat "$WORK"/logs/"$tag"-*.log | grep -c 'Received Store Response (Success)')" != "$want" ]; then
    echo "bench: $tag: storescu failed or not every store succeeded (see $WORK/logs/$tag-*.log)" >&2
    KEEP=1; exit 1
  fi
  local deadline=$((SECONDS + 600))
  while [ "$(count_out)" -lt "$want" ]; do
    if [ $SECONDS -gt $deadline ]; then
      echo "bench: $tag: only $(count_out) of $want delivered after 600 s" >&2; KEEP=1; exit 1
    fi
    sleep 0.01
  done
  t2=$(date +%s.%N)
  find "$SCP_OUT" -maxdepth 1 -type f -name 'CT.*' -printf '%f %T@\n' >"$WORK/mtimes/$tag.txt"
  echo "$(echo "$t2 - $t0" | bc -l) $(echo "$t1 - $t0" | bc -l)"
}

echo "== warm-up (not measured)" >&2
transfer direct small 4 warm-direct >/dev/null
transfer routed small 4 warm-routed >/dev/null
# let the router's study close and its maintenance settle before measuring
sleep 6

echo "== throughput" >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CSV="$WORK/throughput.csv"
echo "set,associations,rep,mode,seconds,responses_seconds,instances,bytes,tag" >"$CSV"
for set in $SETS; do
  n=$(find "$WORK/in/$set" -type f -name '*.dcm' | wc -l)
  bytes=$(size_of "$WORK/in/$set")
  for conc in $CONCS; do
    if [ "$set" = small4studies ] && [ "$conc" != 4 ]; then continue; fi
    for rep in $(seq 1 "$REPS"); do
      if [ $((rep % 2)) = 1 ]; then order="direct routed"; else order="routed direct"; fi
      for mode in $order; do
        tag="$mode-$set-$conc-$rep"
        transfer "$mode" "$set" "$conc" "$tag" >"$WORK/last.txt" # not in a subshell: its exit stops the bench
        read -r s r <"$WORK/last.txt"
        echo "$set,$conc,$rep,$mode,$s,$r,$n,$bytes,$tag" >>"$CSV"
        printf '  %-5s %-6s x%s rep %s: %7.2f s (responses after %6.2f s)\n' "$set" "$mode" "$conc" "$rep" "$s" "$r" >&2
        if [ "$mode" = routed ]; then sleep 6; fi # the study goes quiet between runs, as between two studies
      done
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== summary" >&2
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(df -hT "$WORK" | awk 'NR==2 {print $2}') file system for spool and storescp"
  echo "Java: $(java -version 2>&1 | head -1); $(storescp --version | head -1 | tr -d '$')"
  echo "Load average (1/5/15 min) before the runs: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "Network: $( [ -n "${BENCH_IN_NETNS:-}" ] && echo 'private network namespace, loopback only' || echo 'host loopback')"
  echo "Router: defaults (dicom destination max_associations 2, max_concurrent_transfers 4, fsync per instance)"
  echo
  "$PY" - "$CSV" "$WORK" <<'EOF'
import csv, glob, math, os, re, statistics, sys
import pydicom
rows = list(csv.DictReader(open(sys.argv[1])))
work = sys.argv[2]
uid_of = {}
def uid(path):
    if path not in uid_of:
        uid_of[path] = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPInstanceUID"]).SOPInstanceUID
    return uid_of[path]
def latencies(tag):
    """ms from each C-STORE response at storescu to the mtime of the file at storescp"""
    responses = {}
    for log in glob.glob(os.path.join(work, "logs", tag + "-*.log")):
        current = None
        for line in open(log, errors="replace"):
            m = re.match(r"(\d+\.\d+) Sending file: (.*)$", line.rstrip("\n"))
            if m:
                current = m.group(2)
                continue
            m = re.match(r"(\d+\.\d+) Received Store Response \(Success\)", line)
            if m and current:
                responses[uid(current)] = float(m.group(1))
                current = None
    mtimes = {}
    for line in open(os.path.join(work, "mtimes", tag + ".txt")):
        name, t = line.split()
        mtimes[name[3:]] = float(t)  # CT.<uid>
    return [(mtimes[u] - t) * 1000.0 for u, t in responses.items() if u in mtimes]
def pct(xs, p):
    """nearest-rank percentile"""
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100.0 * len(xs)) - 1)] if xs else float("nan")
print("| instances | associations | direct: runs (s) | routed: runs (s), until all delivered | routed: C-STORE responses done (s) | direct inst/s | routed inst/s | routed / direct | latency response→delivered p50 / p99 (ms) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for s in ("small", "small4studies", "large"):
    for c in ("1", "4"):
        d = [x for x in rows if x["set"] == s and x["associations"] == c and x["mode"] == "direct"]
        r = [x for x in rows if x["set"] == s and x["associations"] == c and x["mode"] == "routed"]
        if not d or not r:
            continue
        n, b = int(d[0]["instances"]), int(d[0]["bytes"])
        dm = statistics.median(float(x["seconds"]) for x in d)
        rm = statistics.median(float(x["seconds"]) for x in r)
        lat = []
        for x in r:
            lat += latencies(x["tag"])
        label = "%d x %.0f KB" % (n, b / n / 1000) + (", 4 studies (one per association)" if s == "small4studies" else ", one study")
        print("| %s | %s | %s | %s | %s | %.0f | %.0f | **%.2f** | %.0f / %.0f (n=%d) |" % (
            label, c, ", ".join("%.2f" % float(x["seconds"]) for x in d),
            ", ".join("%.2f" % float(x["seconds"]) for x in r),
            ", ".join("%.2f" % float(x["responses_seconds"]) for x in r),
            n / dm, n / rm, dm / rm, pct(lat, 50), pct(lat, 99), len(lat)))
EOF
} | tee "$WORK/results.md"
if [ -n "$OUT" ]; then cp "$WORK/results.md" "$OUT"; fi
if [ -n "${ROUTER_JFR:-}" ]; then
  jcmd "$(cat "$DATA/karaf.pid")" JFR.dump filename="$WORK/router.jfr" >/dev/null 2>&1 || true
  echo "bench: JFR profile: $WORK/router.jfr" >&2; KEEP=1
fi
