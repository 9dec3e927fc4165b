#!/usr/bin/env bash
# DICOM toolkit benchmark (docs/benchmarks.md, section "DICOM toolkit"):
#  1. receive throughput: our SCP (bench/BenchScp: DicomServer + a sink writing one file per instance) against
#     dcmtk storescp --bit-preserving, both fed by the same dcmtk storescu; ~10 KB and ~520 KB instances; one
#     association (one storescu with all files) and four concurrent (four storescu, a quarter each); the two
#     SCPs alternate within each repetition.
#  2. header parse rate: DicomReader with stopBeforePixelData vs dcmdump +sb 7fe0,0010 over pydicom's corpus.
# Not a test and not part of the build. Usage: bench/toolkit-bench.sh [results.md]
# Environment: REPS (5), N_SMALL (8000), N_LARGE (1500), PARSE_PASSES (20), KEEP=1 keeps the work directory.
set -euo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/.."
ROOT=$(pwd)
OUT=${1:+$(readlink -f "$1")}

if [ -z "${BENCH_BUILT:-}" ]; then
  echo "== build" >&2
  ./mvnw -q -pl bundles/dicom-net -am install -DskipTests
  ./mvnw -q -f bench/pom.xml package
  export BENCH_BUILT=1
fi

# storescp has no bind-address option and listens on every interface: when we can, run the measurements in a
# private network namespace whose only interface is loopback.
if [ -z "${BENCH_IN_NETNS:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null \
    && unshare -n true 2>/dev/null; then
  exec env BENCH_IN_NETNS=1 unshare -n bash -c 'ip link set lo up && exec "$0" "$@"' "$SELF" "$@"
fi
if [ -z "${BENCH_IN_NETNS:-}" ]; then
  echo "bench: note: not in a private network namespace; storescp listens on all interfaces during the run" >&2
fi

export TCP_NODELAY=1 # Debian's dcmtk keeps Nagle's algorithm on otherwise: set for every dcmtk process
REPS=${REPS:-5}
N_SMALL=${N_SMALL:-8000}
N_LARGE=${N_LARGE:-1500}
PARSE_PASSES=${PARSE_PASSES:-20}
PY=/usr/bin/python3
for tool in storescp storescu dcmdump echoscu java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/toolkit-bench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "bench: work directory kept: $WORK" >&2; fi
}
trap cleanup EXIT

CP="$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"
jrun() { java -cp "$CP" "$@"; }

echo "== instances" >&2
jrun org.xnat.bench.GenerateInstances "$WORK/in/small" "$N_SMALL" 68 68 4 small
jrun org.xnat.bench.GenerateInstances "$WORK/in/large" "$N_LARGE" 512 508 4 large
size_of() { find "$1" -type f -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END {print s}'; }

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # port
  for _ in $(seq 1 100); do
    if echoscu -q -aec BENCH 127.0.0.1 "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench: SCP on port $1 did not come up" >&2; return 1
}

echo "== SCPs" >&2
mkdir -p "$WORK/out-dcmtk" "$WORK/out-ours"
PORT_DCMTK=$(free_port)
storescp --fork --bit-preserving --max-pdu 16384 -aet BENCH --output-directory "$WORK/out-dcmtk" "$PORT_DCMTK" \
  >"$WORK/storescp.log" 2>&1 &
PID_DCMTK=$!
PIDS+=($!)
PORT_OURS=$(free_port)
java -cp "$CP" org.xnat.bench.BenchScp "$PORT_OURS" "$WORK/out-ours" 16384 >"$WORK/ours.log" 2>&1 &
PID_OURS=$!
PIDS+=($!)
wait_ready "$PORT_DCMTK"
wait_ready "$PORT_OURS"

# CPU time (user+system, including reaped children: storescp --fork) of a process, in clock ticks
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)

# one measured transfer: scp, port, set, associations -> "seconds cpu_seconds_of_the_scp"
transfer() {
  local scp=$1 port=$2 set=$3 conc=$4 dir="$WORK/in/$3" out="$WORK/out-$1" pid
  if [ "$scp" = dcmtk ]; then pid=$PID_DCMTK; else pid=$PID_OURS; fi
  find "$out" -mindepth 1 -delete
  local t0 t1 c0 c1 pids=()
  c0=$(cpu_ticks "$pid")
  t0=$(date +%s.%N)
  if [ "$conc" = 1 ]; then
    storescu -aet BENCHSCU -aec BENCH +sd 127.0.0.1 "$port" "$dir"/part0 "$dir"/part1 "$dir"/part2 "$dir"/part3 \
      >>"$WORK/storescu.log" 2>&1 &
    pids+=($!)
  else
    for q in 0 1 2 3; do
      storescu -aet BENCHSCU -aec BENCH +sd 127.0.0.1 "$port" "$dir/part$q" >>"$WORK/storescu.log" 2>&1 &
      pids+=($!)
    done
  fi
  local failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  t1=$(date +%s.%N)
  sleep 0.2 # let storescp reap its last child, so that its CPU time is counted
  c1=$(cpu_ticks "$pid")
  local want got
  want=$(find "$dir" -type f -name '*.dcm' | wc -l)
  got=$(find "$out" -type f | wc -l)
  if [ "$failed" != 0 ] || [ "$got" != "$want" ]; then
    echo "bench: $scp $set x$conc: storescu failed or $got of $want files stored (see $WORK/storescu.log)" >&2
    KEEP=1; exit 1
  fi
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "($c1 - $c0) / $TICK" | bc -l)"
}

echo "== warm-up (not measured)" >&2
for set in small large; do
  transfer dcmtk "$PORT_DCMTK" "$set" 4 >/dev/null
  transfer ours "$PORT_OURS" "$set" 4 >/dev/null
done

echo "== receive throughput" >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CSV="$WORK/throughput.csv"
echo "set,associations,rep,scp,seconds,cpu_seconds,instances,bytes" >"$CSV"
for set in small large; do
  n=$(find "$WORK/in/$set" -type f -name '*.dcm' | wc -l)
  bytes=$(size_of "$WORK/in/$set")
  for conc in 1 4; do
    for rep in $(seq 1 "$REPS"); do
      # alternate which SCP goes first
      if [ $((rep % 2)) = 1 ]; then order="dcmtk ours"; else order="ours dcmtk"; fi
      for scp in $order; do
        if [ "$scp" = dcmtk ]; then port=$PORT_DCMTK; else port=$PORT_OURS; fi
        read -r s cpu < <(transfer "$scp" "$port" "$set" "$conc")
        [ -n "$s" ] || exit 1
        echo "$set,$conc,$rep,$scp,$s,$cpu,$n,$bytes" >>"$CSV"
        printf '  %-5s %-5s x%s rep %s: %6.2f s, SCP CPU %6.2f s\n' "$set" "$scp" "$conc" "$rep" "$s" "$cpu" >&2
      done
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== header parse rate" >&2
CORPUS=/usr/lib/python3/dist-packages/pydicom/data
LIST="$WORK/parse-files.txt"
: >"$LIST"
while IFS= read -r f; do
  # files both dcmdump and our reader parse (the list is checked by one pass of ParseBench below)
  if dcmdump -q +sb 7fe0,0010 "$f" >/dev/null 2>&1; then echo "$f" >>"$LIST"; fi
done < <(find "$CORPUS/test_files" "$CORPUS/charset_files" -type f -name '*.dcm' | sort)
NFILES=$(wc -l <"$LIST")
jrun org.xnat.bench.ParseBench 0 1 "$LIST" >/dev/null # fails loudly if our reader rejects one of them
OURS_WARM=$(jrun org.xnat.bench.ParseBench 5 "$PARSE_PASSES" "$LIST")
t0=$(date +%s.%N); jrun org.xnat.bench.ParseBench 0 1 "$LIST" >/dev/null; t1=$(date +%s.%N)
OURS_COLD=$(echo "$t1 - $t0" | bc -l)
t0=$(date +%s.%N)
for _ in $(seq 1 "$REPS"); do
  while IFS= read -r f; do dcmdump -q +sb 7fe0,0010 "$f" >/dev/null; done <"$LIST"
done
t1=$(date +%s.%N)
DCMDUMP_PER_FILE=$(echo "$t1 - $t0" | bc -l)
# one dcmdump process over the list repeated PARSE_PASSES times
mapfile -t FILES <"$LIST"
ALL=()
for _ in $(seq 1 "$PARSE_PASSES"); do ALL+=("${FILES[@]}"); done
t0=$(date +%s.%N); dcmdump -q +sb 7fe0,0010 "${ALL[@]}" >/dev/null; t1=$(date +%s.%N)
DCMDUMP_ONE_CALL=$(echo "$t1 - $t0" | bc -l)

echo "== summary" >&2
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "Java: $(java -version 2>&1 | head -1); $(storescp --version | head -1 | tr -d '$')"
  echo "Load average (1/5/15 min) before the throughput runs: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "Network: $( [ -n "${BENCH_IN_NETNS:-}" ] && echo 'private network namespace, loopback only' || echo 'host loopback')"
  echo
  "$PY" - "$CSV" "$REPS" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| instances | associations | SCP | runs (s) | median instances/s | median MB/s | ours / dcmtk | SCP CPU ms per instance (median) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for s in ("small", "large"):
    for c in ("1", "4"):
        med = {}
        for scp in ("dcmtk", "ours"):
            r = [x for x in rows if x["set"] == s and x["associations"] == c and x["scp"] == scp]
            secs = [float(x["seconds"]) for x in r]
            cpu = statistics.median(float(x["cpu_seconds"]) for x in r)
            n, b = int(r[0]["instances"]), int(r[0]["bytes"])
            m = statistics.median(secs)
            med[scp] = m
            label = "%d x %.0f KB" % (n, b / n / 1000)
            name = "dcmtk storescp" if scp == "dcmtk" else "our SCP"
            runs = ", ".join("%.2f" % x for x in secs)
            ratio = "" if scp == "dcmtk" else "%.2f" % (med["dcmtk"] / m)
            print("| %s | %s | %s | %s | %.0f | %.1f | %s | %.2f |" % (label, c, name, runs, n / m, b / m / 1e6, ratio,
                                                             1000 * cpu / n))
EOF
  echo
  echo "Header parse, $NFILES corpus files (pydicom test_files + charset_files that dcmdump parses):"
  echo
  echo "| reader | how | time | files/s |"
  echo "| --- | --- | --- | --- |"
  echo "$OURS_WARM" | awk -v n="$NFILES" '{split($5,a,"="); split($4,s,"="); split($3,p,"=");
    printf "| DicomReader (stopBeforePixelData) | in one JVM, warmed up, %s passes, %s | %.3f s | %s |\n", p[2], $1, s[2], a[2]}'
  printf '| DicomReader (stopBeforePixelData) | one cold JVM, 1 pass, including JVM start | %.2f s | %.0f |\n' \
    "$OURS_COLD" "$(echo "$NFILES / $OURS_COLD" | bc -l)"
  printf '| dcmdump +sb 7fe0,0010 | one process per file, %s passes | %.2f s | %.0f |\n' \
    "$REPS" "$DCMDUMP_PER_FILE" "$(echo "$NFILES * $REPS / $DCMDUMP_PER_FILE" | bc -l)"
  printf '| dcmdump +sb 7fe0,0010 | one process, the list %s times on its command line | %.2f s | %.0f |\n' \
    "$PARSE_PASSES" "$DCMDUMP_ONE_CALL" "$(echo "$NFILES * $PARSE_PASSES / $DCMDUMP_ONE_CALL" | bc -l)"
} | tee "$WORK/results.md"
if [ -n "$OUT" ]; then cp "$WORK/results.md" "$OUT"; fi
