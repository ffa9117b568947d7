#!/usr/bin/env bash
# Benchmark report: runs Strand's side-by-side JMH comparisons, writes JMH JSON into jmh/results/,
# regenerates the table between <!-- report:begin --> and <!-- report:end --> in jmh/README.md and
# draws jmh/results/ratios.png (dev.strand.jmh.report.BenchmarkReport, JFreeChart, headless).
#
#   jmh/report.sh [short|report|full] [--only STEP,...] [--dry-run] [extra JMH args]
#   jmh/report.sh table FILE.json...        # table + chart from existing JSON, runs nothing
#
# Needs jmh/target/benchmarks.jar (it builds nothing):
#   mvn -o -q -B -pl jmh -am install -DskipTests -Djcstress.skip=true -Djmh.smoke.skip=true
#
# Steps (one JMH invocation each, one JSON + one log each: jmh/results/<mode>-<UTC stamp>-<step>.json):
#   channels, [pingpong,] parallel, wordcount, resilience-t1, resilience-t2, core-t1, core-t2,
#   [core-mixed,] net-oneway, net-rr, net-rpc, net-grpc (short and full measure ping-pong in the
#   channels step, report in its own). `--only channels,net-rr` runs a subset. Every run adds `-prof gc`.
# Extra JMH args go to every step and replace the step's own value of the same option
# (e.g. `jmh/report.sh short -wi 0 -i 1 -w 100ms -r 200ms` for a smoke test; `-p system=...`
# replaces only that parameter). The LATENCY lines (p50/p99) of RequestReplyBenchmark and
# GrpcRequestReplyBenchmark are read from the logs.
#
# Environment: JAVA (default java), JAVA_OPTS (options of the JMH host JVM, e.g.
# -Djmh.ignoreLock=true), REPORT_RESULTS (default jmh/results), REPORT_README (default
# jmh/README.md), REPORT_CHART (default $REPORT_RESULTS/ratios.png).
#
# Duration, estimated from the plan: trials x (warm-up + measurement time, + the overrun of the
# last operation for the slow parallel ones) + ~2.3 s per trial (fork, JVM start, JIT, -prof gc:
# measured from a tiny run, 24 trials, load average ~3) + setup (~3 s per sort trial, ~8 s per
# word-count trial) + ~1 s per JMH invocation. On 2 cores:
#   short: ~20 min (95 trials; only the variants a comparison uses)
#     channels       20 trials x (2x1s + 5x1s + 2.3 s)                          ~190 s
#     parallel        8 trials: sorts 6 iterations of ~1.5 s + 5 s, sum 8 s      ~100 s
#     wordcount       3 trials x (2x(2s+1) + 4x(3s+1) + 8 s + 2.3 s), -Xmx4g      ~100 s
#     resilience     24 trials (-t 1, -t 2) x 9.3 s                             ~225 s
#     core           16 trials (-t 1, -t 2) x 9.3 s                             ~150 s
#     net-oneway      4 trials x (2x1s + 5x2s + 3.3 s)                           ~60 s
#     net-rr          6 trials x (2x1s + 5x2s + 3.3 s)                           ~90 s
#     net-rpc         4 trials x (2x1s + 5x2s + 2.3 s)                           ~60 s
#     net-grpc       10 trials x (2x1s + 5x2s + 3.3 s)                          ~155 s
#   report: ~62 min, the mode of the committed figures: short's variants with 2-4 forks where a
#     score depends on thread placement (channels 3, ping-pong 4, net 3, parallel, word count
#     and resilience 2; core, which has no targets, 1). With 1 fork and 5 iterations JMH's
#     99.9 % interval is +-8.6 standard errors; with 15 iterations over 3 forks it is +-4.1.
#     Warm-ups are long enough that no target row still drifts during measurement (the table
#     checks: a side whose score moves 15 % the same way in every fork makes its row inconclusive):
#     word count 8 x 2 s, request-reply 6 x 2 s.
#     channels       51 trials x 9.3 s ~475 s; ping-pong 12 x 9.3 s ~110 s
#     parallel       20 trials ~300 s; word count 6 x ~50 s ~300 s
#     resilience     48 trials x 9.3 s ~450 s; core 16 x 9.3 s ~150 s
#     net            one-way 12 trials x 15 s ~180 s; request-reply 18, RPC proxy 12, vs gRPC 30
#                    trials x 25 s ~1500 s
#   full: ~27 min (109 trials; every parameter value and every core variant): channels 20 x
#     (3+5 s) ~205 s, parallel 9 trials
#     -wi 3 -i 5 ~135 s, word count -wi 3 -i 8 -w 2s -r 3s ~155 s, resilience 24 x 8 s ~250 s,
#     core 28 x 8 s ~290 s, net one-way 5 x (3x1s + 8x2s) ~110 s, request-reply 6 x (4x1s + 8x2s)
#     ~140 s, RPC proxy 4 x (4x1s + 8x2s) ~90 s,
#     vs gRPC 10 x (4x1s + 8x2s) ~235 s.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JAR=jmh/target/benchmarks.jar
JAVA=${JAVA:-java}
read -r -a JAVA_OPTS_ARR <<< "${JAVA_OPTS:-}"
RESULTS=${REPORT_RESULTS:-jmh/results}
README=${REPORT_README:-jmh/README.md}
CHART=${REPORT_CHART:-$RESULTS/ratios.png}

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

need_jar() {
    if [[ ! -f $JAR ]]; then
        echo "report: $JAR is missing; build it first:" >&2
        echo "  mvn -o -q -B -pl jmh -am install -DskipTests -Djcstress.skip=true -Djmh.smoke.skip=true" >&2
        exit 1
    fi
}

report_tool() { # report_tool COMMAND FILE...
    local command=$1
    shift
    "$JAVA" -Djava.awt.headless=true -cp "$JAR" dev.strand.jmh.report.BenchmarkReport \
        --readme "$README" --chart "$CHART" --command "$command" "$@"
}

mode=short
case "${1:-}" in
    short | report | full) mode=$1; shift ;;
    table)
        shift
        [[ $# -gt 0 ]] || usage
        need_jar
        report_tool "jmh/report.sh table $*" "$@"
        exit
        ;;
    -h | --help) usage ;;
    "" | -*) ;;
    *) usage ;;
esac

only=""
dry_run=false
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --only) only=${2:?--only needs a list of steps}; shift 2 ;;
        --dry-run) dry_run=true; shift ;;
        *) extra+=("$1"); shift ;;
    esac
done

# JMH options that take one value: an extra arg replaces the step's own.
SINGLE=" -f -wi -i -w -r -t -bm -tu -to -bs -wbs -si -wf -wm -jvm -jvmArgs -jvmArgsAppend -jvmArgsPrepend -opi -foe -gc -o "
# JMH options without a value (none of the step args use them, listed to walk the extras correctly).
NOVALUE=" -h -l -lp -lprof -lrf -v "

# merged_args STEP_ARGS... -- sets MERGED from the step's option/value pairs and the extra args.
merged_args() {
    local -A drop=() dropp=()
    local i=0 flag
    while [[ $i -lt ${#extra[@]} ]]; do
        flag=${extra[$i]}
        if [[ $SINGLE == *" $flag "* ]]; then
            drop[$flag]=1
        elif [[ $flag == -p ]]; then
            dropp[${extra[$((i + 1))]%%=*}]=1
        fi
        if [[ $flag == -* && $NOVALUE != *" $flag "* ]]; then i=$((i + 2)); else i=$((i + 1)); fi
    done
    MERGED=()
    local args=("$@")
    i=0
    while [[ $i -lt ${#args[@]} ]]; do
        flag=${args[$i]}
        local value=${args[$((i + 1))]}
        if [[ -n ${drop[$flag]:-} ]] || [[ $flag == -p && -n ${dropp[${value%%=*}]:-} ]]; then
            :
        else
            MERGED+=("$flag" "$value")
        fi
        i=$((i + 2))
    done
    MERGED+=("${extra[@]}")
}

# The plan: step name, include regex, then option/value pairs.
steps=()
declare -A REGEX=() ARGS=()
plan() { # plan STEP REGEX OPTIONS...
    local step=$1 regex=$2
    shift 2
    steps+=("$step")
    REGEX[$step]=$regex
    ARGS[$step]=$(printf '%q ' "$@")
}

CORE_SHORT='core\.(RwLockRead\.reads(StrandRwLock|StrandOptimistic|ReentrantReadWriteLock|StampedOptimistic)|MutexUpdate\.(strandMutexWith|strandMutexUpdate|reentrantLock|reentrantLockBoxed))$'
if [[ $mode == short ]]; then
    # Only the variants that a comparison uses; 2 warm-up and 4-5 measurement iterations.
    q=(-f 1 -wi 2 -i 5 -w 1s -r 1s)
    plan channels 'dev\.strand\.jmh\.channels\.' "${q[@]}"
    plan parallel 'parallel\.(SortIntBenchmark|SortObjectsBenchmark\.(strandParallelSort|strandSortByKey|strandSortByLongKey|jdkArraysParallelSort)$|SumOfSquaresBenchmark)' \
        -f 1 -wi 2 -i 4 -w 1s -r 1s
    plan wordcount 'parallel\.WordCountBenchmark' -f 1 -wi 2 -i 4 -w 2s -r 3s -jvmArgsAppend "-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
    plan resilience-t1 'dev\.strand\.jmh\.resilience\.' "${q[@]}" -t 1
    plan resilience-t2 'dev\.strand\.jmh\.resilience\.' "${q[@]}" -t 2
    plan core-t1 "$CORE_SHORT" "${q[@]}" -t 1
    plan core-t2 "$CORE_SHORT" "${q[@]}" -t 2
    plan net-oneway 'net\.OneWayThroughput' -f 1 -wi 2 -i 5 -w 1s -r 2s -p system=strand-push,strand-send,jeromq,netty
    plan net-rr 'net\.RequestReplyBenchmark' -f 1 -wi 2 -i 5 -w 1s -r 2s
    plan net-rpc 'net\.RpcProxyBenchmark' -f 1 -wi 2 -i 5 -w 1s -r 2s
    plan net-grpc 'net\.GrpcRequestReplyBenchmark' -f 1 -wi 2 -i 5 -w 1s -r 2s
elif [[ $mode == report ]]; then
    # The committed figures: the variants a comparison uses, with enough forks and iterations that
    # JMH's 99.9 % error can decide each target (forks for the rows whose score depends on thread
    # placement: channels, net; a fork of ping-pong swings 3x, so 4 of them).
    r=(-f 3 -wi 2 -i 5 -w 1s -r 1s)
    plan channels 'channels\.(Bounded|Unbounded|Mpmc)Throughput' "${r[@]}"
    plan pingpong 'channels\.PingPong' -f 4 -wi 2 -i 5 -w 1s -r 1s
    plan parallel 'parallel\.(SortIntBenchmark|SortObjectsBenchmark\.(strandParallelSort|strandSortByKey|strandSortByLongKey|jdkArraysParallelSort)$|SumOfSquaresBenchmark)' \
        -f 2 -wi 2 -i 5 -w 1s -r 1s
    plan wordcount 'parallel\.WordCountBenchmark' -f 2 -wi 8 -i 5 -w 2s -r 3s -jvmArgsAppend "-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
    plan resilience-t1 'dev\.strand\.jmh\.resilience\.' -f 2 -wi 2 -i 5 -w 1s -r 1s -t 1
    plan resilience-t2 'dev\.strand\.jmh\.resilience\.' -f 2 -wi 2 -i 5 -w 1s -r 1s -t 2
    plan core-t1 "$CORE_SHORT" -f 1 -wi 2 -i 5 -w 1s -r 1s -t 1
    plan core-t2 "$CORE_SHORT" -f 1 -wi 2 -i 5 -w 1s -r 1s -t 2
    plan net-oneway 'net\.OneWayThroughput' -f 3 -wi 2 -i 5 -w 1s -r 2s -p system=strand-push,strand-send,jeromq,netty
    # Request-reply warms up 12 s: with 2 s, gRPC at 64 in flight still tripled its score during
    # measurement, and every system's 1-in-flight score fell by a quarter once the JIT threads went
    # quiet (the table marks such a row "still drifting").
    plan net-rr 'net\.RequestReplyBenchmark' -f 3 -wi 6 -i 5 -w 2s -r 2s
    plan net-rpc 'net\.RpcProxyBenchmark' -f 3 -wi 6 -i 5 -w 2s -r 2s
    plan net-grpc 'net\.GrpcRequestReplyBenchmark' -f 3 -wi 6 -i 5 -w 2s -r 2s
else
    q=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
    plan channels 'dev\.strand\.jmh\.channels\.' "${q[@]}"
    plan parallel 'parallel\.(Sort|SumOfSquares)' "${q[@]}"
    plan wordcount 'parallel\.WordCountBenchmark' -f 1 -wi 3 -i 8 -w 2s -r 3s -jvmArgsAppend "-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
    plan resilience-t1 'dev\.strand\.jmh\.resilience\.' "${q[@]}" -t 1
    plan resilience-t2 'dev\.strand\.jmh\.resilience\.' "${q[@]}" -t 2
    plan core-t1 'core\.(RwLockRead\.reads|MutexUpdate)' "${q[@]}" -t 1
    plan core-t2 'core\.(RwLockRead\.reads|MutexUpdate)' "${q[@]}" -t 2
    plan core-mixed 'core\.RwLockRead\.mixed' "${q[@]}"
    plan net-oneway 'net\.OneWayThroughput' -f 1 -wi 3 -i 8 -w 1s -r 2s
    plan net-rr 'net\.RequestReplyBenchmark' -f 1 -wi 4 -i 8 -w 1s -r 2s
    plan net-rpc 'net\.RpcProxyBenchmark' -f 1 -wi 4 -i 8 -w 1s -r 2s
    plan net-grpc 'net\.GrpcRequestReplyBenchmark' -f 1 -wi 4 -i 8 -w 1s -r 2s
fi

if [[ -n $only ]]; then
    for s in ${only//,/ }; do
        [[ -n ${REGEX[$s]:-} ]] || { echo "report: no step '$s' (steps: ${steps[*]})" >&2; exit 2; }
    done
fi

$dry_run || { need_jar; mkdir -p "$RESULTS"; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
command="jmh/report.sh $mode${only:+ --only $only}${extra[*]:+ ${extra[*]}}"
files=()
failed=()
for step in "${steps[@]}"; do
    if [[ -n $only && ",$only," != *",$step,"* ]]; then
        continue
    fi
    eval "step_args=(${ARGS[$step]})"
    merged_args "${step_args[@]}"
    out="$RESULTS/$mode-$stamp-$step"
    cmd=("$JAVA" "${JAVA_OPTS_ARR[@]}" -jar "$JAR" "${REGEX[$step]}" "${MERGED[@]}" -prof gc -rf json -rff "$out.json")
    echo "== $step: ${cmd[*]}"
    if $dry_run; then
        continue
    fi
    if "${cmd[@]}" 2>&1 | tee "$out.log"; then
        :
    else
        failed+=("$step")
    fi
    if [[ -s $out.json ]]; then
        files+=("$out.json")
    else
        failed+=("$step (no JSON)")
    fi
done
$dry_run && exit 0

if [[ ${#files[@]} -eq 0 ]]; then
    echo "report: no results were written" >&2
    exit 1
fi
report_tool "$command" "${files[@]}"
echo "JSON and logs: $RESULTS/$mode-$stamp-*.{json,log}"
echo "Regenerate from them: jmh/report.sh table $RESULTS/$mode-$stamp-*.json"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "report: steps that failed: ${failed[*]}" >&2
    exit 1
fi
