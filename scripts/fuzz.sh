#!/usr/bin/env bash
# Coverage-guided fuzzing of every command with Jazzer (tcplens-cli's CommandFuzzTest).
#
#   scripts/fuzz.sh [TEST ...]     TEST: everyCommandAnswersAnyCapture (default, then)
#                                        everyConnectionIsToldTruly, everyFilterAnswers
#   ROUNDS=N scripts/fuzz.sh       N rounds of each test's 5 minutes (default 1)
#
# A failing input is written into tcplens-cli/src/test/resources/io/tcplens/cli/
# CommandFuzzTestInputs/TEST/ (as crash-...): commit it under a name that says what it found,
# and every later `mvn test` replays it. The inputs the fuzzer found interesting are kept in
# tcplens-cli/.cifuzz-corpus/ (not committed) and resumed by the next run. The small captures
# of ../shared/captures and samples/ join that corpus first: they reach parsers (TLS, FTP, PPPoE,
# SLL, tunnels, ...) that random mutation of the committed seeds would take long to find.
set -euo pipefail
cd "$(dirname "$0")/.."
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(everyCommandAnswersAnyCapture everyConnectionIsToldTruly everyFilterAnswers)
rounds=${ROUNDS:-1}
# The filter target's dictionary: every field name tcplens knows, and the language's words and
# operators, so that mutations reach the parser's deeper states (libFuzzer's dictionary format).
dict=tcplens-cli/src/test/resources/io/tcplens/cli/display-filter.dict
{
  echo "# Made by scripts/fuzz.sh from 'tcplens fields' and the display-filter language; do not edit."
  ./tcplens fields | awk -F'\t' '$3 != "" { print "\"" $3 "\"" }' | sort -u
  for word in == != === !== "~=" "<=" ">=" "<" ">" "&&" "||" "^^" "!" "(" ")" "{" "}" "[" "]" ":" "," ".." \
      "&" "+" "*" "%" eq ne gt lt ge le any_eq all_ne any_ne all_eq contains matches in and or not xor \
      "len(" "count(" "upper(" "lower(" "\\\"" "0x" "/24" "::" "-1"; do
    printf '"%s"\n' "$word"
  done
} > "$dict"
corpus=tcplens-cli/.cifuzz-corpus/io.tcplens.cli.CommandFuzzTest
for test in "${tests[@]}"; do
  mkdir -p "$corpus/$test"
  if [ "$test" != everyFilterAnswers ] && [ -d ../shared/captures ]; then
    find ../shared/captures -type f -size -64k \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) \
      -exec cp -n {} "$corpus/$test/" \;
    find samples -type f -size -64k \( -name '*.pcap' -o -name '*.pcapng' \) -exec cp -n {} "$corpus/$test/" \;
  fi
  for ((round = 1; round <= rounds; round++)); do
    echo "fuzz: $test, round $round of $rounds" >&2
    # Coverage is measured in tcplens's own classes only: picocli and Jackson are not the target.
    JAZZER_FUZZ=1 JAZZER_INSTRUMENTATION_INCLUDES='io.tcplens.**' \
      mvn -B -ntp test -pl tcplens-core,tcplens-cli -Dtest="CommandFuzzTest#$test" \
        -Dsurefire.failIfNoSpecifiedTests=false
  done
done
