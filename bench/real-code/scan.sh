#!/usr/bin/env bash
# Compiles real numeric Java codebases from their Maven Central source jars with javac alone and
# with javac + NaNGuard's processor under -Ananguard.scan=all, alternating the two in one run,
# and prints the CPU time of each, their ratio, and the warnings per kind.
#
# usage: scan.sh PROCESSOR_PATH WORK_DIR [ROUNDS [CODEBASE...]]
#   PROCESSOR_PATH  the processor's path: nanguard-processor.jar:nanguard-runtime.jar:javapoet.jar
#   WORK_DIR        a scratch directory holding lib/ (binary jars and their dependencies) and
#                   src/ (the *-sources.jar files), as fetched by fetch.sh (run from this folder)
#   ROUNDS          how many times each compilation is repeated (median CPU time kept); default 3
#   CODEBASE        tribuo, commons-math3 or smile-math; default all three
# The warnings of the last round stay in WORK_DIR/build/<codebase>/warnings.txt, for triage.
set -euo pipefail
proc="$1"; work="$2"; rounds="${3:-3}"; shift $(( $# < 3 ? $# : 3 ))
codebases=("${@:-}"); [ -n "${codebases[0]}" ] || codebases=(tribuo commons-math3 smile-math)
cp="$(ls "$work"/lib/*.jar | tr '\n' ':')"

# codebase name -> source jars
declare -A jars=(
  [tribuo]="tribuo-math-4.3.2-sources.jar tribuo-classification-sgd-4.3.2-sources.jar"
  [commons-math3]="commons-math3-3.6.1-sources.jar"
  [smile-math]="smile-math-2.6.0-sources.jar"
)

cpu_of() { # cpu_of OUT CMD...: runs CMD with its output in OUT, prints its user+sys CPU seconds
  local out="$1" t0 t1; shift
  # the shell's cutime + cstime: CPU of the children it has reaped
  t0=$(awk '{print $16+$17}' /proc/$$/stat)
  "$@" > "$out" 2>&1
  t1=$(awk '{print $16+$17}' /proc/$$/stat)
  echo "scale=2; ($t1 - $t0) / $(getconf CLK_TCK)" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for name in "${codebases[@]}"; do
  dir="$work/build/$name"
  rm -rf "$dir"; mkdir -p "$dir/src"
  for j in ${jars[$name]}; do (cd "$dir/src" && unzip -q -o "$work/src/$j"); done
  find "$dir/src" -name '*.java' ! -name module-info.java ! -name package-info.java > "$dir/files"
  common=(-cp "$cp" -encoding UTF-8 -Xmaxwarns 100000 -implicit:none)
  : > "$dir/plain.cpu"; : > "$dir/nanguard.cpu"
  for r in $(seq "$rounds"); do
    rm -rf "$dir/out-plain" "$dir/out-ng"; mkdir -p "$dir/out-plain" "$dir/out-ng"
    cpu_of "$dir/plain.txt" javac "${common[@]}" -proc:none -d "$dir/out-plain" @"$dir/files" >> "$dir/plain.cpu"
    cpu_of "$dir/warnings.txt" javac "${common[@]}" -processorpath "$proc" -Ananguard.scan=all \
      -d "$dir/out-ng" @"$dir/files" >> "$dir/nanguard.cpu"
  done
  plain=$(median < "$dir/plain.cpu"); ng=$(median < "$dir/nanguard.cpu")
  echo "== $name: $(wc -l < "$dir/files") files; CPU s javac alone $plain, with NaNGuard $ng," \
    "ratio $(echo "scale=3; $ng / $plain" | bc)"
  echo "   warnings: $(grep -c '\[nanguard:' "$dir/warnings.txt" || true) (per kind below)"
  grep -o '\[nanguard:[a-z]*\]' "$dir/warnings.txt" | sort | uniq -c | sort -rn | sed 's/^/   /' || true
  grep -c 'could not analyse' "$dir/warnings.txt" | sed 's/^/   methods skipped: /' || true
done
