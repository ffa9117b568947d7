#!/usr/bin/env bash
# Runs the jcstress suite in a short mode and fails on any FORBIDDEN or unexpected outcome.
#
#   run-jcstress.sh [jar] [suite|wiring|broken|all] [extra jcstress args...]
#
#   suite  (default) every test except the deliberately broken variants (*Broken); must pass.
#   wiring runs RacyCounterProof, a lost-update race, and must see it FAIL: proves that a
#          FORBIDDEN outcome really fails this script (CI runs it before the suite).
#   broken runs every *Broken variant and reports which ones jcstress caught (manual check).
#
# Environment: JCSTRESS_MODE (default quick), JCSTRESS_ARGS (extra args, e.g. "-time 200"),
# JCSTRESS_TESTS (a regexp narrowing the suite or the broken run, e.g. "channels[.]").
# jcstress 0.16 exits 0 when a -t filter matches nothing, so the number of tests that ran is
# checked here too.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=$(realpath -m "${1:-$here/target/jcstress.jar}")
what=${2:-suite}
shift $(( $# > 2 ? 2 : $# )) || true
mode=${JCSTRESS_MODE:-quick}
out=$here/target/jcstress-run
mkdir -p "$out"

[ -f "$jar" ] || { echo "run-jcstress: no jar at $jar (run mvn package first)" >&2; exit 2; }

# Tests in the jar, as jcstress lists them.
all_tests=$(cd "$out" && java -jar "$jar" -l 2>/dev/null | grep -E '^dev\.strand\.' | sort -u || true)

run() { # $1 = label, $2 = regexp, rest = extra args; prints log path
  local label=$1 regexp=$2; shift 2
  local log=$out/$label.log
  # -sc false: one compilation mode; -Xmx256m pins one JVM configuration (build notes, item 5).
  set +e
  (cd "$out" && java -jar "$jar" -m "$mode" -sc false -jvmArgs "-Xmx256m" -t "$regexp" \
      -r "$out/results-$label" ${JCSTRESS_ARGS:-} "$@") > "$log" 2>&1
  echo $? > "$log.rc"
  set -e
  echo "$log"
}

planned() { grep -aoE 'Results: [0-9]+ planned' "$1" | tail -1 | grep -oE '[0-9]+' || echo 0; }

case "$what" in
  wiring)
    log=$(run wiring 'RacyCounterProof$' "$@")
    rc=$(cat "$log.rc")
    if [ "$rc" -ne 0 ] && grep -aq 'Observed forbidden state' "$log"; then
      echo "jcstress wiring: the deliberately racy RacyCounterProof failed as it must (exit $rc)."
    else
      echo "jcstress wiring BROKEN: RacyCounterProof did not fail (exit $rc); see $log" >&2
      exit 1
    fi
    ;;
  suite)
    suite=$(printf '%s\n' "$all_tests" | grep -vE '(Broken|RacyCounterProof)$' | grep -E "${JCSTRESS_TESTS:-.}" || true)
    n=$(printf '%s\n' "$suite" | grep -c . || true)
    if [ "$n" -eq 0 ]; then
      echo "jcstress suite: no tests yet."
      exit 0
    fi
    log=$(run suite "^(?!.*(Broken|RacyCounterProof)\$).*(${JCSTRESS_TESTS:-.}).*\$" "$@")
    rc=$(cat "$log.rc")
    ran=$(planned "$log")
    grep -aE '^\s*\[(OK|FAILED|ERROR)\]|FAILED|ERROR' "$log" | grep -v '^\s*$' | tail -n 60 || true
    if grep -aq 'FATAL' "$log" || [ "$ran" -eq 0 ]; then
      echo "jcstress suite: no test ran (see $log)" >&2; exit 1
    fi
    if [ "$rc" -ne 0 ]; then
      echo "jcstress suite FAILED (exit $rc): a FORBIDDEN or unexpected outcome; see $log" >&2
      exit 1
    fi
    echo "jcstress suite: $n test class(es), $ran run(s), all passed (mode $mode)."
    ;;
  broken)
    log=$(run broken "(${JCSTRESS_TESTS:-.}).*Broken\$" "$@")
    grep -aE '\[(OK|FAILED|ERROR)\]' "$log" | sort -u || true
    echo "Each *Broken variant above should be [FAILED]; full log: $log"
    ;;
  *)
    echo "usage: $0 [jar] [suite|wiring|broken] [jcstress args...]" >&2; exit 2 ;;
esac
