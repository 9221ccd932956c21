#!/bin/sh
# bench-tool.sh: the whole tool as a user runs it, against Node (issue 16,
# targets 1 and 5; doc/performance.md, "The whole tool").
#
#   tools/bench-tool.sh [-n RUNS] [-b BUILDDIR] [-d DIR] [FORMAT...]
#
# Generates (once, into DIR, default /tmp/community-bench-tool) a province
# and a city with many findings (community-gen --defects high: about 11 a
# community), then, RUNS times (default 5) in turn, runs the build's
# community-check on the province as a user does (`--format json FILE >
# report.json`, `--format text`, `--format html -o`, `--format xlsx -o`;
# default: all four) and Node's read + JSON.parse of the same file, each
# under /usr/bin/time (user + system CPU, wall, peak RSS of the whole
# process). Prints each run, then the medians, the ratios to Node's medians
# and the peak RSS over the file's size; and, for JSON, the province/city
# time ratio against their size ratio (target 5). The load average is
# printed before and after: the machine is shared.
#
# BUILDDIR is the build ./run makes (default _build).

set -eu

runs=5
builddir=_build
dir=${COMMUNITY_BENCH_DIR:-/tmp/community-bench-tool}
while getopts n:b:d: opt; do
  case $opt in
    n) runs=$OPTARG ;;
    b) builddir=$OPTARG ;;
    d) dir=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [-b BUILDDIR] [-d DIR] [json|text|html|xlsx...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
formats=${*:-json text html xlsx}

check=$builddir/tools/community-check
gen=$builddir/tools/community-gen
[ -x "$check" ] && [ -x "$gen" ] || { echo "$0: build $builddir first (./run demo)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "$0: /usr/bin/time is missing (Debian package time)" >&2; exit 2; }
command -v node >/dev/null || { echo "$0: node is missing" >&2; exit 2; }

mkdir -p "$dir"
province=$dir/province-high.json
city=$dir/city-high.json
[ -s "$province" ] || "$gen" --scale province --defects high -o "$province"
[ -s "$city" ] || "$gen" --scale city --defects high -o "$city"

node_script='const fs = require("fs"); const doc = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); if (typeof doc !== "object") process.exit(1);'
times=$dir/times.txt
: > "$times"

# run LABEL COMMAND...: one timed run, appended to $times as
# "LABEL cpu wall rss_kib".
run() {
  label=$1; shift
  /usr/bin/time -f '%U %S %e %M' -o "$dir/time.out" "$@" || [ $? -eq 1 ]   # 1: findings
  tail -n 1 "$dir/time.out" > "$dir/time.last"   # after "Command exited with non-zero status 1"
  read -r user sys wall rss < "$dir/time.last"
  cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
  echo "$label $cpu $wall $rss" >> "$times"
  echo "$label cpu ${cpu}s wall ${wall}s rss $((rss / 1024)) MiB"
}

tool() {
  format=$1 file=$2 label=$3
  case $format in
    json|text) run "$label" sh -c '"$0" --format "$1" "$2" > "$3"' "$check" "$format" "$file" "$dir/report.$format" ;;
    *) run "$label" "$check" --format "$format" -o "$dir/report.$format" "$file" ;;
  esac
}

echo "load average before: $(cat /proc/loadavg)"
echo "province: $(stat -c %s "$province") bytes; city: $(stat -c %s "$city") bytes"
for i in $(seq "$runs"); do
  for format in $formats; do
    tool "$format" "$province" "$format"
    run node node -e "$node_script" "$province"
  done
  case " $formats " in
    *" json "*)
      tool json "$city" city-json
      run city-node node -e "$node_script" "$city" ;;
  esac
done
echo "load average after: $(cat /proc/loadavg)"

# Medians, ratios.
median() {
  grep "^$1 " "$times" | awk -v col="$2" '{ print $col }' | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
size=$(stat -c %s "$province")
csize=$(stat -c %s "$city")
ncpu=$(median node 2); nwall=$(median node 3); nrss=$(median node 4)
echo
echo "medians of $runs runs; province $(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1048576 }') MiB"
printf '%-6s %8s %8s %9s   %s\n' what "cpu s" "wall s" "rss MiB" "÷ node: cpu, wall; rss ÷ file"
printf '%-6s %8s %8s %9d\n' node "$ncpu" "$nwall" "$((nrss / 1024))"
for format in $formats; do
  cpu=$(median "$format" 2); wall=$(median "$format" 3); rss=$(median "$format" 4)
  printf '%-6s %8s %8s %9d   %s\n' "$format" "$cpu" "$wall" "$((rss / 1024))" \
    "$(awk -v c="$cpu" -v w="$wall" -v r="$rss" -v nc="$ncpu" -v nw="$nwall" -v s="$size" \
         'BEGIN { printf "%.2f×, %.2f×; %.2f×", c / nc, w / nw, r * 1024 / s }')"
done
case " $formats " in
  *" json "*)
    ccpu=$(median city-json 2); cwall=$(median city-json 3)
    pcpu=$(median json 2); pwall=$(median json 3)
    awk -v pc="$pcpu" -v pw="$pwall" -v cc="$ccpu" -v cw="$cwall" -v s="$size" -v cs="$csize" \
      'BEGIN { printf "target 5: province/city json: cpu %.2f, wall %.2f, size %.2f: %.2f× (cpu), %.2f× (wall) the size ratio\n",
               pc / cc, pw / cw, s / cs, (pc / cc) / (s / cs), (pw / cw) / (s / cs) }' ;;
esac
