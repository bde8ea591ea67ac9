#!/usr/bin/env bash
# Mutation testing: how much of the code that decides results the tests would notice breaking.
#
#   scripts/mutation/run.sh            fresh run; prints the kill rate and every mutant the tests did not kill
#   scripts/mutation/run.sh --diff     the same, with each survivor's diff
#   scripts/mutation/run.sh --resume   reuse mutants/ from the last run (only changed code is re-tested)
#   scripts/mutation/run.sh -- 'polytomic_mcp.fetching*' ...   only the mutants whose names match
#   uv run python -m scripts.mutation.table   the per-module table of the last run (also while one runs)
#
# mutmut 3 (configured in pyproject.toml [tool.mutmut]) copies the project into mutants/, mutates
# mcp_server/ (not the sandbox) and generated_client/errors.py (rendered from spec/templates/errors.py.jinja),
# and runs, for each mutant, only the tests that cover it. Tests marked child_process are skipped: the code
# runs in a child process there, where mutants are not active. Equivalent mutants that stay alive, and why,
# are listed in scripts/mutation/equivalents.md. Not part of scripts/check.sh: it takes minutes, not seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

diff=0
resume=0
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --diff) diff=1 ;;
        --resume) resume=1 ;;
        --) shift; names=("$@"); break ;;
        *) echo "usage: scripts/mutation/run.sh [--diff] [--resume] [-- MUTANT_NAME_PATTERN...]" >&2; exit 2 ;;
    esac
    shift
done

[ "$resume" = 1 ] || rm -rf mutants
# mutmut 3 takes code from ./src and names mutants by their module path there: a src/ of links to the two
# packages stands for the run, and goes when it ends (see [tool.mutmut] in pyproject.toml).
rm -rf src
mkdir src
ln -s ../mcp_server/polytomic_mcp src/polytomic_mcp
ln -s ../generated_client/polytomic_sync_client src/polytomic_sync_client
trap 'rm -rf src' EXIT
log=$(mktemp)
started=$(date +%s)
# Most tests wait on sockets and timers rather than the CPU: on 2 cores, 5 workers checked mutants over twice as fast
# as 2 did, hence twice as many workers as cores, plus one. MUTATION_JOBS overrides it.
uv run mutmut run --max-children "${MUTATION_JOBS:-$(($(nproc) * 2 + 1))}" "${names[@]}" >"$log" 2>&1 || {
    tail -n 40 "$log" >&2
    echo "mutmut failed; its full output is in $log" >&2
    exit 1
}
elapsed=$(($(date +%s) - started))
mv "$log" mutants/run.log
uv run mutmut export-cicd-stats >/dev/null

survivors=$(uv run mutmut results | sed 's/^ *//')
uv run python - "$elapsed" <<'PY'
import json
import sys

stats = json.load(open("mutants/mutmut-cicd-stats.json"))
killed = stats["killed"] + stats["timeout"]
tested = stats["total"] - stats["skipped"]
print(f"mutants: {stats['total']}  killed: {stats['killed']}  timeout: {stats['timeout']}  survived: "
      f"{stats['survived']}  no tests: {stats['no_tests']}  suspicious: {stats['suspicious']}")
print(f"kill rate: {killed}/{tested} = {100 * killed / max(tested, 1):.1f}%  (in {int(sys.argv[1])} s)")
PY
uv run python -m scripts.mutation.table
if [ -n "$survivors" ]; then
    echo "not killed (compare with scripts/mutation/equivalents.md; \`uv run mutmut show NAME\` shows one):"
    echo "$survivors" | sed 's/^/  /'
    if [ "$diff" = 1 ]; then
        echo "$survivors" | cut -d: -f1 | while read -r name; do uv run mutmut show "$name"; echo; done
    fi
fi
