#!/bin/sh
# Replays every input the fuzzers ever crashed on (tests/fuzz/regress/HARNESS/*)
# through the harnesses, built without libFuzzer (build/tests/fuzz_replay).
# TAP from the replay binary itself.
cd "$(dirname "$0")/../.." || exit 1
bin="${VERISTEP_BUILD:-build}/tests/fuzz_replay"
if [ ! -x "$bin" ]; then
	echo "1..0 # SKIP $bin not built"
	exit 0
fi
exec timeout 600 "$bin" tests/fuzz/regress
