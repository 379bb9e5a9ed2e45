#!/usr/bin/env bash
# Proves the exercise set both ways (as rustlings and Exercism do in CI):
#   1. with the reference solutions (-p:ExerciseSolutions=true) every test passes and none is skipped;
#   2. with the stubs as shipped no graded test passes: every graded test is skipped ("not attempted
#      yet") and only the exercise-set checks (stubs match solutions, metadata) pass.
# Counts come from the TRX files; then the grader reads the same files and must agree
# (all solved / none solved). Exit status 0 only when all of this holds.
# Extra arguments go to both `dotnet test` runs, e.g. exercises/check-both-ways.sh -c Release
set -euo pipefail
extra=("$@")
root="$(cd "$(dirname "$0")/.." && pwd)"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# counter NAME FILE: the NAME attribute of the TRX file's <Counters .../> element.
counter() { grep -o '<Counters [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*'; }

fail() { echo "check-both-ways: $*" >&2; exit 1; }

# run NAME [dotnet test arguments]: runs the exercises' tests into $results/NAME.trx.
run() {
  local name=$1; shift
  echo "check-both-ways: dotnet test exercises $* ${extra[*]} ($name)"
  if ! dotnet test "$root/exercises" --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" "${extra[@]}" \
       > "$results/$name.log" 2>&1; then
    cat "$results/$name.log" >&2
    fail "dotnet test with the $name failed (output above)."
  fi
  [[ -f "$results/$name.trx" ]] || fail "no TRX file for the $name."
}

# The graded tests: every "ChNNSomethingTests.Method" that exercises.json lists.
graded=$(grep -o '"Ch[0-9][0-9][A-Za-z]*Tests\.[A-Za-z0-9_]*"' "$root/exercises/exercises.json" | sort -u | wc -l)
(( graded > 0 )) || fail "exercises.json lists no graded tests."

run solutions -p:ExerciseSolutions=true
trx="$results/solutions.trx"
total=$(counter total "$trx"); executed=$(counter executed "$trx"); passed=$(counter passed "$trx"); failed=$(counter failed "$trx")
echo "  solutions: total $total, passed $passed, failed $failed, skipped $((total - executed))"
(( failed == 0 && passed == total && executed == total )) ||
  fail "with the reference solutions every test must pass and none be skipped."
(( total > graded )) || fail "expected $graded graded tests plus the exercise-set checks, got $total tests."
solutions_total=$total

run stubs
trx="$results/stubs.trx"
total=$(counter total "$trx"); executed=$(counter executed "$trx"); passed=$(counter passed "$trx"); failed=$(counter failed "$trx")
skipped=$(grep -c 'outcome="NotExecuted"' "$trx" || true)
echo "  stubs: total $total, passed $passed, failed $failed, skipped $((total - executed)) (graded tests: $graded)"
(( total == solutions_total )) || fail "the stubs ran $total tests but the solutions ran $solutions_total."
(( failed == 0 )) || fail "with the stubs no test may fail (a stub must throw NotImplementedException, which is reported as skipped)."
(( total - executed == graded && skipped == graded )) ||
  fail "with the stubs all $graded graded tests must be skipped (not attempted); $((total - executed)) were."
(( passed == total - graded )) || fail "with the stubs only the $((total - graded)) exercise-set checks may pass; $passed passed."

echo "check-both-ways: the grader on both result files"
dotnet run --project "$root/src/Learn.Dnn.Grade" -- --repo "$root" --trx "$results/solutions.trx" --expect all-solved
dotnet run --project "$root/src/Learn.Dnn.Grade" -- --repo "$root" --trx "$results/stubs.trx" --expect none-solved
echo "check-both-ways: OK ($graded graded tests: all pass with the solutions, all skipped with the stubs)"
