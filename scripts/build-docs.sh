#!/usr/bin/env bash
# Builds the DocC documentation of every SIMSKit library module into .build/docs/<Module>.doccarchive.
#
#   bash scripts/build-docs.sh            # all modules
#   bash scripts/build-docs.sh SIMSCore   # some modules
#   STRICT=1 bash scripts/build-docs.sh   # fail on any DocC warning (unresolved links, undocumented parameters)
#
# Needs only the Swift toolchain, no package dependency: one debug build of the library targets with the
# compiler's symbol-graph output (in its own scratch folder .build/docs/build, so the normal .build is not
# rebuilt with other flags), then `docc` (part of the toolchain; set DOCC to override). The compiler's graphs,
# unlike `swift package dump-symbol-graph`, include the SIMSCore types every module re-exports, so doc
# comments can link ``SIMSError``, ``Spectrum`` … from any module. Each catalog is
# Sources/<Module>/<Module>.docc. To browse an archive, serve it and open /documentation/<module>:
#   python3 -m http.server --directory .build/docs/SIMSCore.doccarchive 8000   # http://localhost:8000/documentation/simscore
set -euo pipefail
cd "$(dirname "$0")/.."

all_modules=(SIMSCore SIMSFormats SIMSChemistry SIMSAnalysis SIMSMultivariate SIMSMicrostructure SIMSSimulator SIMSReport SIMSWorkflows)
if [ "$#" -gt 0 ]; then modules=("$@"); else modules=("${all_modules[@]}"); fi

docc="${DOCC:-}"
if [ -z "$docc" ]; then
    if command -v docc >/dev/null 2>&1; then docc="$(command -v docc)"
    elif command -v xcrun >/dev/null 2>&1; then docc="$(xcrun --find docc)"
    else docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
    fi
fi
[ -x "$docc" ] || { echo "build-docs: docc not found (set DOCC=/path/to/docc)" >&2; exit 1; }

out=".build/docs"
# The compiler writes a module's graph when it compiles the module, so the folder is kept between runs
# (an up-to-date module is not recompiled and its graph from the last run is still current).
graphs="$(pwd)/$out/symbol-graphs/all"
mkdir -p "$graphs"
echo "build-docs: building the library targets with symbol graphs (debug, scratch path $out/build)" >&2
swift build --target SIMSWorkflows --scratch-path "$out/build" \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" >&2

total_warnings=0
for module in "${modules[@]}"; do
    catalog="Sources/$module/$module.docc"
    [ -d "$catalog" ] || { echo "build-docs: no catalog $catalog" >&2; exit 1; }
    # One module per conversion: its own graph and its extensions of other modules (Module@Other).
    module_graphs="$out/symbol-graphs/$module"
    rm -rf "$module_graphs" "$out/$module.doccarchive"
    mkdir -p "$module_graphs"
    [ -e "$graphs/$module.symbols.json" ] || {
        echo "build-docs: no symbol graph for $module in $graphs; remove $out/build and run again" >&2; exit 1; }
    cp "$graphs/$module.symbols.json" "$module_graphs/"
    for extension_graph in "$graphs/$module@"*.symbols.json; do
        [ -e "$extension_graph" ] && cp "$extension_graph" "$module_graphs/"
    done
    log="$out/$module.log"
    flags=()
    [ "${STRICT:-0}" = 1 ] && flags+=(--warnings-as-errors)
    status=0
    "$docc" convert "$catalog" --additional-symbol-graph-dir "$module_graphs" \
        --fallback-display-name "$module" --fallback-bundle-identifier "org.simskit.$module" \
        --output-path "$out/$module.doccarchive" ${flags[@]+"${flags[@]}"} >"$log" 2>&1 || status=$?
    warnings=$(grep -c 'warning:' "$log" || true)
    total_warnings=$((total_warnings + warnings))
    if [ "$warnings" -gt 0 ] || [ "$status" -ne 0 ]; then cat "$log" >&2; fi
    [ "$status" -eq 0 ] || { echo "build-docs: docc failed for $module (log: $log)" >&2; exit 1; }
    echo "$module: $warnings warning(s) -> $out/$module.doccarchive" >&2
done
echo "build-docs: documentation written to $(pwd)/$out ($total_warnings warning(s) in total)"
