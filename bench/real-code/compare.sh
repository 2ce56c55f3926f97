#!/usr/bin/env bash
# Compares the whole-compile CPU time of javac alone and of javac with one or more NaNGuard
# builds under -Ananguard.scan=all, interleaved: each round compiles every codebase once with
# each configuration, one after the other (in an order that rotates from round to round), so
# that all see the same machine load. Prints every
# run, then per codebase and configuration the medians and the median of the per-round ratios
# to javac alone.
#
# usage: compare.sh WORK_DIR ROUNDS PROCESSOR_PATH... [-- CODEBASE...]
#   WORK_DIR        as for scan.sh, after one scan.sh run (which unpacks build/<codebase>/files)
#   PROCESSOR_PATH  processor jar : runtime jar : javapoet jar of each build to compare
#   CODEBASE        tribuo, commons-math3 or smile-math; default all three
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$1"; rounds="$2"; shift 2
procs=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do procs+=("$1"); shift; done
[ $# -gt 0 ] && shift
codebases=("${@:-}"); [ -n "${codebases[0]}" ] || codebases=(tribuo commons-math3 smile-math)
cp="$(ls "$work"/lib/*.jar | tr '\n' ':')"
log="$work/compare.log"; : > "$log"
# compiled once, not by the source launcher: its in-process compile would warm javac's code
# before the measured run
classes="$work/compare-classes"; mkdir -p "$classes"; javac -d "$classes" "$here/CompileCpu.java"
for r in $(seq "$rounds"); do
  for name in "${codebases[@]}"; do
    configs=(plain $(seq 0 $(( ${#procs[@]} - 1 ))))
    n=${#configs[@]}
    # the order rotates from round to round: no configuration always runs first or last
    for k in $(seq 0 $(( n - 1 ))); do
      i=${configs[$(( (k + r) % n ))]}
      out="$work/build/$name/out-compare"; rm -rf "$out"; mkdir -p "$out"
      if [ "$i" = plain ]; then p=plain; label=javac; else p="${procs[$i]}"; label="build$((i + 1))"; fi
      echo "$r $name $label $(java -cp "$classes" CompileCpu "$work/build/$name/files" "$cp" "$p" "$out")" | tee -a "$log"
    done
  done
done
python3 - "$log" <<'PY'
import collections, re, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r, name, label, rest = line.split(maxsplit=3)
    v = dict(re.findall(r'(\w+)=([\d.]+)', rest))
    runs[(name, label)].append((int(r), float(v['process']), float(v['main']), float(v['jit'])))
for (name, label), xs in sorted(runs.items()):
    plain = {r: p for r, p, _, _ in runs[(name, 'javac')]}
    med = lambda i: statistics.median(x[i] for x in xs)
    ratios = [p / plain[r] for r, p, _, _ in xs]
    print(f"{name:14s} {label:7s} process {med(1):6.2f} s  main {med(2):5.2f} s  jit {med(3):6.2f} s  "
          f"ratio to javac: median {statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]")
PY
