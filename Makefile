# veristep — plain Makefile (GNU make). See README.md.
#
#   make            build ./veristep
#   make run        install what is missing, build, open the bundled sample
#   make test       install what is missing, build, run every test (alias: check)
#   make SANITIZE=1 test   the same with ASan+UBSan, in build-san/
#   make bench | fuzz | fuzz-run | golden | samples | install | uninstall | clean

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# the lessons: the binary finds them at ../share/veristep/samples from its own directory
SAMPLESDIR ?= $(PREFIX)/share/veristep/samples
WERROR ?= 1
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang

ifeq ($(SANITIZE),1)
B := build-san
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BIN := $(B)/veristep
else
B := build
OPT := -O2 -g
BIN := veristep
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

WARN := -Wall -Wextra -Wshadow -Wno-unused-parameter $(if $(filter 1,$(WERROR)),-Werror)
CORE_PKGS := libbpf libelf libcjson libcgraph libgvc liblzma
CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
CORE_LIBS := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null)
CURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(OPT) $(WARN) -I. $(CORE_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

CORE_SRC := $(sort $(wildcard parsers/*.c) $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c)))
VIEW_SRC := $(sort $(wildcard views/*.c))
# the views that draw on a canvas without curses (everything but term.c)
VIEWCORE_SRC := $(filter-out views/term.c,$(VIEW_SRC))
CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o)
VIEW_OBJ := $(VIEW_SRC:%.c=$(B)/%.o)
VIEWCORE_OBJ := $(VIEWCORE_SRC:%.c=$(B)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all run test check unit deps deps-test bench fuzz fuzz-run golden samples lesson-index \
	format format-check install uninstall clean

all: $(BIN) $(B)/veristep.1 $(B)/lessonindex

deps:
	@sh .ci/deps.sh build

deps-test:
	@sh .ci/deps.sh test

$(B)/libcore.a: $(CORE_OBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/libviews.a: $(VIEWCORE_OBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(B)/src/main.o $(filter $(B)/views/term.o,$(VIEW_OBJ)) $(B)/libviews.a $(B)/libcore.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(CURSES_LIBS) $(LDLIBS) -lm

# only views/term.c sees curses
$(B)/views/term.o: ALL_CFLAGS += $(CURSES_CFLAGS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Wno-format-truncation -c -o $@ $<

# unit tests link the core (and the canvas views) but never curses
$(B)/tests/test_%: $(B)/tests/test_%.o $(B)/libviews.a $(B)/libcore.a
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(CMOCKA_LIBS) $(LDLIBS) -lm

$(B)/tests/fuzz_replay: tests/fuzz/replay.c tests/fuzz/fuzz.h $(FUZZ_SRC) $(B)/libcore.a
	@mkdir -p $(@D)
	$(Q)for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  $(CC) $(ALL_CFLAGS) -DREPLAY_MAIN -c -o $(B)/tests/$$n.o $$f || exit 1; done
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $(B)/tests/replay.o tests/fuzz/replay.c
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(B)/tests/replay.o $(FUZZ_SRC:tests/fuzz/%.c=$(B)/tests/%.o) \
	  $(B)/libcore.a $(CORE_LIBS) $(LDLIBS) -lm

unit: $(UNIT_BIN) $(if $(FUZZ_SRC),$(B)/tests/fuzz_replay)

run: deps
	$(Q)$(MAKE) --no-print-directory all
	./$(BIN) samples/timer_global_rej.bpf.o samples/timer_global_rej.log2

# the shared corpus beside the checkout; a user's clone has none, and the
# corpus tests then skip, counted with their reason (make test VERISTEP_SHARED=/none)
VERISTEP_SHARED ?= $(abspath ..)/shared
SKIPLOG = $(abspath tests/out)/skipped.txt

test check: deps-test
	$(Q)$(MAKE) --no-print-directory $(BIN) unit $(B)/veristep.1 $(B)/lessonindex
	@mkdir -p tests/out
	@rm -f $(SKIPLOG)
	@[ -d "$(VERISTEP_SHARED)/corpus" ] && echo "corpus: $(VERISTEP_SHARED)" || \
	  echo "corpus: none at $(VERISTEP_SHARED): the corpus tests skip"
	$(Q)VERISTEP=$(abspath $(BIN)) VERISTEP_BUILD=$(abspath $(B)) \
	VERISTEP_SHARED=$(VERISTEP_SHARED) VERISTEP_SKIPLOG=$(SKIPLOG) \
	CMOCKA_MESSAGE_OUTPUT=TAP UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 \
	prove -e 'sh tests/tap.sh' $(UNIT_BIN) $(sort $(wildcard tests/cli/*.sh) $(wildcard tests/tui/*.sh)); \
	rc=$$?; sh tests/skip_summary.sh $(SKIPLOG); exit $$rc

golden: $(BIN)
	VERISTEP=$(abspath $(BIN)) sh tests/golden/update.sh

bench: $(BIN) $(B)/tests/bench_moves $(B)/tests/memchr_pass
	VERISTEP=$(abspath $(BIN)) sh tests/bench.sh

fuzz:
	@sh .ci/deps.sh fuzz
	$(Q)$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk FUZZ_CC=$(FUZZ_CC)

fuzz-run: fuzz
	$(Q)$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk run FUZZ_SECONDS=$(FUZZ_SECONDS)

samples:
	$(Q)$(MAKE) --no-print-directory -C samples

format:
	clang-format -i $(wildcard src/*.[ch] src/*/*.[ch] parsers/*.[ch] views/*.[ch])

format-check:
	clang-format --dry-run --Werror $(wildcard src/*.[ch] src/*/*.[ch] parsers/*.[ch] views/*.[ch])

install: $(BIN) $(B)/veristep.1 $(B)/lessonindex
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/veristep
	install -m 0644 $(B)/veristep.1 $(DESTDIR)$(MANDIR)/man1/veristep.1
	install -m 0644 src/front/man/veristep.bash $(DESTDIR)$(BASHCOMPDIR)/veristep
	install -d $(DESTDIR)$(SAMPLESDIR)/hid
	install -m 0644 samples/README.md samples/*.bpf.c samples/*.bpf.o samples/*.log1 \
	  samples/*.log2 $(DESTDIR)$(SAMPLESDIR)
	install -m 0644 samples/hid/*.bpf.c samples/hid/*.bpf.o samples/hid/*.h $(DESTDIR)$(SAMPLESDIR)/hid

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/veristep $(DESTDIR)$(MANDIR)/man1/veristep.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/veristep
	rm -rf $(DESTDIR)$(SAMPLESDIR)
	rmdir $(DESTDIR)$(PREFIX)/share/veristep 2>/dev/null || true

clean:
	rm -rf build build-san build-fuzz veristep tests/out

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# the manual: KEYS generated from the keymap tables (views/man/mankeys.c)
$(B)/mankeys: views/man/mankeys.c $(B)/libviews.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/veristep.1: src/front/man/veristep.1.in $(B)/mankeys src/front/cli.h
	@echo "  GEN     $@"
	$(Q)$(B)/mankeys >$@.keys
	$(Q)v=$$(sed -n 's/^#define VERISTEP_VERSION "\(.*\)"/\1/p' src/front/cli.h); \
	sed -e "/^@KEYS@$$/r $@.keys" -e '/^@KEYS@$$/d' -e "s/@VERSION@/$$v/" $< >$@.tmp && \
	rm -f $@.keys && mv $@.tmp $@

# the lesson index of samples/README.md, generated from the lesson table (src/front/lessons.c)
$(B)/lessonindex: src/front/man/lessonindex.c $(B)/libcore.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

lesson-index: $(B)/lessonindex
	$(Q)$(B)/lessonindex --markdown >$(B)/lessonindex.md && \
	awk -v gen=$(B)/lessonindex.md '/^<!-- lesson index: /{while ((getline l <gen) > 0) print l; skip=1; next} \
	  skip && /^<!-- end of the lesson index -->/{skip=0; next} !skip' samples/README.md >samples/README.md.tmp && \
	mv samples/README.md.tmp samples/README.md

$(B)/tests/bench_moves: tests/bench/bench_moves.c $(B)/libviews.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CORE_LIBS) $(LDLIBS) -lm

# `why`'s chains timed apart from the load: build/tests/bench_why [OBJ] LOG
$(B)/tests/bench_why: tests/bench/bench_why.c $(B)/libcore.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CORE_LIBS) $(LDLIBS)

$(B)/tests/memchr_pass: tests/bench/memchr_pass.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^
