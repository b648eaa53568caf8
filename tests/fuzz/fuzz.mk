# tests/fuzz/fuzz.mk — libFuzzer builds of the harnesses (make fuzz, make fuzz-run).
#
#   make -f tests/fuzz/fuzz.mk            build build-fuzz/fuzz_* with clang
#   make -f tests/fuzz/fuzz.mk run FUZZ_SECONDS=N [FUZZ_TARGETS="vlog state"]
#
# The core is rebuilt with -fsanitize=fuzzer-no-link,address,undefined; each
# harness links it with -fsanitize=fuzzer. `run` seeds each harness from
# samples/, tests/ snippets and the shared corpus (small files only), keeps
# its growing corpus in build-fuzz/corpus/NAME and its crashers in
# build-fuzz/crash/NAME; a crash fails the target. Copy a crasher to
# tests/fuzz/regress/NAME/ so `make test` replays it.

PKG_CONFIG ?= pkg-config
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_TARGETS ?= vlog state bpfobj insn
SHARED ?= ../shared
FB := build-fuzz

SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O1 -g $(SAN) -Wall -Wextra -Wno-unused-parameter \
	-I. $(shell $(PKG_CONFIG) --cflags libbpf libelf libcjson libcgraph libgvc liblzma 2>/dev/null)
FUZZ_LIBS := $(shell $(PKG_CONFIG) --libs libbpf libelf libcjson libcgraph libgvc liblzma 2>/dev/null) -lm

CORE_SRC := $(sort $(wildcard parsers/*.c) $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c)))
CORE_OBJ := $(CORE_SRC:%.c=$(FB)/%.o)
HARNESS_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
HARNESS_BIN := $(HARNESS_SRC:tests/fuzz/%.c=$(FB)/%)

.PHONY: all run seeds
all: $(HARNESS_BIN)

$(FB)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FB)/libcore.a: $(CORE_OBJ)
	@rm -f $@ && $(AR) rcs $@ $^

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FB)/libcore.a
	@echo "  FUZZLD  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FB)/libcore.a $(FUZZ_LIBS)

# seeds: small logs and objects; state prints cut out of the logs
SEED_LOGS = $(shell find samples tests/unit $(SHARED)/corpus $(SHARED)/corpus-kernels \
	$(SHARED)/corpus-public -type f \( -name '*.log*' -o -name '*.txt' \) \
	-size -64k 2>/dev/null | grep -v '\.xz$$' | sort)
SEED_OBJS = $(shell find samples $(SHARED)/corpus -type f -name '*.o' -size -200k 2>/dev/null | sort)

seeds:
	@rm -rf $(FB)/seeds && mkdir -p $(FB)/seeds/vlog $(FB)/seeds/state $(FB)/seeds/bpfobj \
	  $(FB)/seeds/insn
	@for f in $(SEED_LOGS); do cp "$$f" $(FB)/seeds/vlog/$$(echo "$$f" | tr -s '/.' '__'); done
	@# an xz stream: load_log_mem decodes it through liblzma
	@xz -c samples/null_deref_rej.log2 >$(FB)/seeds/vlog/xz_null_deref_rej 2>/dev/null || true
	@i=0; for f in $(SEED_LOGS); do i=$$((i+1)); [ $$i -gt 12 ] && break; \
	  sed 's/^/2024-01-02T03:04:05.123Z /' "$$f" > $(FB)/seeds/vlog/noise-iso-$$i; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/level=info msg="/; s/$$/" x=1/' "$$f" > $(FB)/seeds/vlog/noise-logfmt-$$i; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/{"msg":"/; s/$$/"}/' "$$f" > $(FB)/seeds/vlog/noise-json-$$i; \
	  sed 's/^/> /' "$$f" > $(FB)/seeds/vlog/noise-quoted-$$i; \
	  awk '{printf "[%6d.%06d] %s\r\n", NR, NR, $$0}' "$$f" > $(FB)/seeds/vlog/noise-dmesg-$$i; \
	done
	@for f in $(SEED_OBJS); do cp "$$f" $(FB)/seeds/bpfobj/$$(echo "$$f" | tr -s '/.' '__'); done
	@cat /dev/null $(SEED_LOGS) | sed -n 's/^[0-9]*: \(.*R[0-9].*\)/\1/p; s/.*  *; \(R[0-9].*\)/\1/p' | \
	  sort -u | head -3000 | awk '{ f = sprintf("$(FB)/seeds/state/s%05d", NR); \
	  printf "%s", $$0 > f; close(f) }'
	@obj=$$(ls $(FB)/seeds/bpfobj/* | head -1); cat /dev/null $(SEED_LOGS) | \
	  grep -a '^[0-9]*: ([0-9a-f][0-9a-f])' | sort -u | head -1500 | { i=0; while IFS= read -r l; do \
	  i=$$((i+1)); f=$(FB)/seeds/insn/i$$i; \
	  dd if="$$obj" bs=8 skip=$$((8 + i % 40)) count=2 2>/dev/null > $$f; printf '%s' "$$l" >> $$f; done; }
	@echo "  SEEDS   $$(ls $(FB)/seeds/vlog | wc -l) logs, $$(ls $(FB)/seeds/state | wc -l) states, $$(ls $(FB)/seeds/bpfobj | wc -l) objects, $$(ls $(FB)/seeds/insn | wc -l) insn lines"

# one harness after the other, FUZZ_SECONDS each; -fork keeps going after a leak report
run: all seeds
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FB)/corpus/$$t $(FB)/crash/$$t; \
	  echo "  FUZZ    $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(FB)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=$$(case $$t in state|insn) echo 4096;; bpfobj) echo 262144;; *) echo 65536;; esac) \
	    -print_final_stats=1 -artifact_prefix=$(FB)/crash/$$t/ \
	    $(FB)/corpus/$$t $(FB)/seeds/$$t \
	    >$(FB)/fuzz_$$t.log 2>&1 || { tail -40 $(FB)/fuzz_$$t.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done' $(FB)/fuzz_$$t.log | tr '\n' ' '; echo; \
	done

-include $(shell find $(FB) -name '*.d' 2>/dev/null)
