/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h — how a harness names its entry points. Built for libFuzzer each
 * harness is its own binary with LLVMFuzzerTestOneInput; built with
 * -DREPLAY_MAIN (gcc, `make test`) all harnesses link into one replay
 * binary, so each gets its own name (fuzz_NAME_one / fuzz_NAME_init) that
 * tests/fuzz/replay.c calls.
 */
#ifndef VERISTEP_FUZZ_H
#define VERISTEP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#ifdef REPLAY_MAIN
#define FUZZ_TARGET(name) int fuzz_##name##_one(const uint8_t *data, size_t size)
#define FUZZ_INIT(name) int fuzz_##name##_init(int *argc, char ***argv)
#else
#define FUZZ_TARGET(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#define FUZZ_INIT(name) int LLVMFuzzerInitialize(int *argc, char ***argv)
#endif

#endif
