#!/usr/bin/env bash
# Fuzzes every reader of SIMSFormats with libFuzzer for a bounded time (docs/reliability.md, "Fuzzing").
#
#   scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]      (default 20 s, every target)
#
# Builds the SIMSFuzz executable with -sanitize=fuzzer,address (release, its own build folder .build/fuzz, so the
# ordinary debug and release builds are untouched), seeds each target from the real exports in ../shared/data (read
# in place), the writer-made seeds (SIMSFuzz --seeds), Fuzz/seeds/ and Fuzz/regressions/, then runs the targets one
# after the other. The corpus each run grows is kept in .build/fuzz/corpus/TARGET (a later run starts from it).
# A crash, hang (> 10 s for one input), or out-of-memory (> 2 GB) leaves the input in .build/fuzz/findings/TARGET/;
# the script then exits 1 after the summary. Minimize a finding with
#   SIMS_FUZZ_TARGET=TARGET .build/fuzz/release/SIMSFuzz -minimize_crash=1 -runs=10000 FILE
# and commit the minimized input to Fuzz/regressions/TARGET/ once the reader refuses it cleanly.
# LeakSanitizer is off: TOMLKit (TOMLTable.inline) and ZIPFoundation's in-memory archive leak small blocks per input,
# which are not crashes of ours (docs/reliability.md).
# Environment: SIMS_FUZZ_JOBS (default 1) targets at once; SIMS_FUZZ_RUNS (-runs=N instead of a time bound).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-20}"
shift || true
BUILD=.build/fuzz
DATA="${SIMSKIT_SHARED_DATA:-../shared/data}"
export SWIFT_BACKTRACE=enable=no   # libFuzzer reports crashes itself; Swift's backtracer would wait on them
# No allocation stacks in ASan reports (their unwinding took half the time of the imzML target); re-run a finding
# with ASAN_OPTIONS= to get them.
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"

echo "== building SIMSFuzz (libFuzzer + AddressSanitizer, release) into $BUILD"
swift build -c release --product SIMSFuzz --scratch-path "$BUILD" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSIMS_FUZZ
BIN="$BUILD/release/SIMSFuzz"
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else mapfile -t TARGETS < <("$BIN" --list); fi

# Seeds: writer-made ones, then the real exports (linked, not copied; imzML needs XML + marker + .ibd in one input).
SEEDS="$BUILD/seeds"
rm -rf "$SEEDS"
"$BIN" --seeds "$SEEDS"
link() { # link TARGET FILE...
    local target="$1"; shift
    for file in "$@"; do [ -f "$file" ] && ln -sf "$(realpath "$file")" "$SEEDS/$target/real-$(basename "$file" | tr ' ' '_')"; done
    return 0
}
[ -d "$DATA" ] || { echo "fuzz.sh: $DATA is missing (the real exports seed the corpora)" >&2; exit 2; }
mapfile -t spectra < <(ls "$DATA"/hea-catalyst-spectra/*.txt | sort | head -n 4)
link spectrum "${spectra[@]}"
link interval-list "$DATA"/lombardo-scripts/*.txt
mapfile -t depth < <(find "$DATA"/perovskite-depth-profiles -name '*.txt' | sort | head -n 4)
link depth-profile "${depth[@]}"
link xlsx "$DATA"/lombardo-scripts/*.xlsx
for xml in "$DATA"/imzml/*.imzML; do
    { cat "$xml"; printf '\0IBD\0'; cat "${xml%.imzML}.ibd"; } > "$SEEDS/imzml/real-$(basename "$xml")"
done

maxlen() { # inputs longer than this are cut by libFuzzer; large enough for a header and many rows or a whole file
    case "$1" in imzml | xlsx) echo 65536 ;; *) echo 16384 ;; esac
}

run_target() {
    local target="$1"
    local corpus="$BUILD/corpus/$target" findings="$BUILD/findings/$target" log="$BUILD/logs/$target.log"
    mkdir -p "$corpus" "$findings" "$BUILD/logs"
    local inputs=("$corpus" "$SEEDS/$target")
    for extra in "Fuzz/seeds/$target" "Fuzz/regressions/$target"; do [ -d "$extra" ] && inputs+=("$extra"); done
    local bound="-max_total_time=$SECONDS_PER_TARGET"
    [ -n "${SIMS_FUZZ_RUNS:-}" ] && bound="-runs=$SIMS_FUZZ_RUNS"
    local status=0
    SIMS_FUZZ_TARGET="$target" "$BIN" "$bound" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -detect_leaks=0 \
        -max_len="$(maxlen "$target")" -print_final_stats=1 -artifact_prefix="$findings/" \
        "${inputs[@]}" > "$log" 2>&1 || status=$?
    local done_line execs
    done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse)[[:space:]]+cov:' "$log" | tail -n 1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/' || true)
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    printf '%-14s exit %-3s executions %-10s %s\n' "$target" "$status" "${execs:-?}" "${done_line:-}" >> "$BUILD/summary.txt"
    return "$status"
}

: > "$BUILD/summary.txt"
JOBS="${SIMS_FUZZ_JOBS:-1}"
failed=0
running=0
for target in "${TARGETS[@]}"; do
    run_target "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then wait -n || failed=1; running=$((running - 1)); fi
done
while [ "$running" -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done

echo "== fuzz summary ($SECONDS_PER_TARGET s per target; logs in $BUILD/logs)"
cat "$BUILD/summary.txt"
if [ "$failed" -ne 0 ]; then
    echo "fuzz.sh: findings (crash, hang or out-of-memory inputs) in $BUILD/findings/:" >&2
    find "$BUILD/findings" -type f >&2
    exit 1
fi
