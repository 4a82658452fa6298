# Plinth: plain Makefile. `make` builds ./plinth; `make test` runs the whole
# suite, then again under AddressSanitizer and UndefinedBehaviorSanitizer.

CC      ?= cc
PREFIX  ?= /usr/local
CSTD    = -std=c11
CFLAGS  ?= -g -O2
BASE    = $(CSTD) -fno-common -MMD -MP -D_POSIX_C_SOURCE=200809L
WARN    = -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
          -Wold-style-definition -Wshadow -Wundef -Wwrite-strings -Wredundant-decls \
          -Wmissing-declarations -Wdouble-promotion -Wconversion -Wno-sign-conversion \
          -Wimplicit-fallthrough
# -Werror only in the project's own checks (make test, CI, WERROR=1), so a
# newer compiler's new warning never breaks a user's plain `make`.
ifeq ($(WERROR),1)
WARN   += -Werror
endif
# Line tables only (-g1): the sanitizers' reports name file:line, and the
# build compiles a quarter faster than with -g3 (locals for gdb: SAN=... -g3).
SAN     = -g1 -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# libgvc lays diagrams out as SVG, md4c renders Markdown for report.html,
# libmicrohttpd serves the page and the API (plinth serve).
DEPS    = libgvc md4c-html libmicrohttpd
BASE   += $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(DEPS)))
# The three are loaded when a command first needs them (src/util/lib.h), not
# linked: loading them and gnutls at every start cost 2.5 ms of CPU. Of
# Graphviz, only the dot layout and core (SVG) plugins are loaded, not the
# rest (pango, fontconfig): see src/emit/svg.c.
GVPLUGINS = $(shell pkg-config --variable=libdir libgvc)/graphviz
BASE   += -DPLINTH_GVPLUGINS='"$(GVPLUGINS)"'
LDLIBS  = -lm -pthread
# Not position-independent: the knowledge base's static tables hold 48,000
# pointers, which a PIE relocates (and so copies) at every start, 1 ms.
PLINTH_LDFLAGS = -no-pie $(EXPORTS)
# plinth's own gvprintdouble and gvprintf are bound in Graphviz's SVG
# plugin (and libgvc) in place of libgvc's (src/emit/svg.c): the
# executable exports them.
EXPORTS = -Wl,--export-dynamic-symbol=gvprintdouble -Wl,--export-dynamic-symbol=gvprintf

SRC     = $(wildcard src/*.c src/cli/*.c src/util/*.c src/spec/*.c src/model/*.c src/kb/*.c src/plan/*.c src/emit/*.c src/out/*.c src/intake/*.c src/serve/*.c)
LIBSRC  = $(filter-out src/main.c,$(SRC))
KBFILES = $(sort $(wildcard kb/*.kb))
PAGE    = $(sort $(wildcard src/serve/page/*))
GEN     = build/gen/kb_embed.c build/gen/assets.c
# kb_static.c holds the knowledge base as built tables and includes kb_embed.c.
OBJ     = $(SRC:src/%.c=build/obj/%.o) build/obj/gen/kb_static.o build/obj/gen/assets.o
LIBOBJ  = $(LIBSRC:src/%.c=build/obj/%.o) build/obj/gen/kb_static.o build/obj/gen/assets.o
KBGENOBJ = $(LIBSRC:src/%.c=build/obj/%.o) build/obj/gen/kb_embed.o build/obj/gen/assets.o
ASANOBJ = $(SRC:src/%.c=build/asan/%.o) build/asan/gen/kb_static.o build/asan/gen/assets.o
ASANLIB = $(LIBSRC:src/%.c=build/asan/%.o) build/asan/gen/kb_static.o build/asan/gen/assets.o
UNIT    = $(wildcard tests/unit/test_*.c)
# The fuzz harnesses, replayed without libFuzzer by make test (tests/fuzz).
FUZZH       = spec intake emit
REPLAY      = $(FUZZH:%=build/replay/fuzz_%)
REPLAYASAN  = $(FUZZH:%=build/replay-asan/fuzz_%)

.PHONY: all test test-all check-fast unit check asan fuzz fuzz-intake fuzz-emit replay bench install man clean golden-update lint clang-check

all: plinth

plinth: $(OBJ)
	$(CC) $(CFLAGS) $(PLINTH_LDFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

# The knowledge base is compiled into the binary.
build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) -O2 -o $@ $<

build/gen/kb_embed.c: $(KBFILES) build/tools/embed
	@mkdir -p $(dir $@)
	build/tools/embed $@ $(KBFILES)

# The knowledge base parsed and checked once, at build time, into static
# tables (a KB with errors fails the build).
build/tools/kbgen: tools/kbgen.c $(KBGENOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) -O2 -Isrc -o $@ $< $(KBGENOBJ) $(LDLIBS)

build/gen/kb_static.c: build/tools/kbgen build/gen/kb_embed.c
	build/tools/kbgen $@ kb_embed.c

# The page of plinth serve, compiled into the binary too.
build/gen/assets.c: $(PAGE) build/tools/embed
	@mkdir -p $(dir $@)
	build/tools/embed --assets $@ $(PAGE)

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(CFLAGS) -Isrc -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SAN) -Isrc -c -o $@ $<

build/clang/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	clang $(BASE) -O2 -Isrc -c -o $@ $<

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(SAN) -c -o $@ $<

# Not position-independent either (see PLINTH_LDFLAGS): relocating the
# tables cost the sanitized binary 3,000 page faults at every start, a
# quarter of a short command's time.
build/asan/plinth: $(ASANOBJ)
	$(CC) $(SAN) $(PLINTH_LDFLAGS) -o $@ $(ASANOBJ) $(LDLIBS)

asan: build/asan/plinth

# The same sources under clang, warnings as errors: both compilers stay clean.
CLANGOBJ = $(SRC:src/%.c=build/clang/%.o) build/clang/gen/kb_static.o build/clang/gen/assets.o
build/clang/%.o: src/%.c
	@mkdir -p $(dir $@)
	clang $(BASE) $(WARN) -O2 -c -o $@ $<

build/clang/plinth: $(CLANGOBJ)
	clang $(EXPORTS) -o $@ $(CLANGOBJ) $(LDLIBS)

# What make test needs of clang: its warnings, which come from the front end
# alone, so a syntax-only pass per file (no code generation) is enough.
CLANGOK = $(SRC:src/%.c=build/clang/%.ok)
build/clang/%.ok: src/%.c
	@mkdir -p $(dir $@)
	clang $(BASE) $(WARN) -fsyntax-only -MF $(@:.ok=.okd) -MT $@ $< && touch $@

clang-check: $(CLANGOK)

# The library as archives, plain and sanitized: a unit test or a replay
# harness links only the objects it reaches (test_sha256 is not the whole
# knowledge base), so the twenty-odd test binaries link in a fraction of the
# time and space.
LIBA     = build/obj/libplinth.a
ASANLIBA = build/asan/libplinth.a
$(LIBA): $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $(LIBOBJ)

$(ASANLIBA): $(ASANLIB)
	@rm -f $@
	ar rcs $@ $(ASANLIB)

# Unit tests (cmocka), one binary per tests/unit/test_*.c, plain and sanitized.
build/unit/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(CFLAGS) -Isrc -o $@ $< $(LIBA) -lcmocka $(LDLIBS)

build/unit-asan/%: tests/unit/%.c $(ASANLIBA)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SAN) -Isrc -o $@ $< $(ASANLIBA) -lcmocka $(LDLIBS)

UNITBIN     = $(UNIT:tests/unit/%.c=build/unit/%)
UNITBINASAN = $(UNIT:tests/unit/%.c=build/unit-asan/%)

unit: $(UNITBIN)
	@for t in $(UNITBIN); do $$t || exit 1; done

# The whole suite: unit tests and the scripted suites, plain then sanitized.
# The plain and the sanitized pass run side by side, one per core.
test:
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) WERROR=1 test-all

# The unit tests run once, built with the sanitizers (the sanitized lane):
# a plain build of each would link the whole library twenty times more.
test-all: plinth clang-check build/asan/plinth $(UNITBINASAN) $(REPLAY) $(REPLAYASAN)
	@sh tests/all.sh "" "$(UNITBINASAN)"

# The inner loop: unit, golden, diagnostics and language examples on the
# plain build, warnings as errors (about a minute); make test is the gate.
check-fast:
	@$(MAKE) --no-print-directory WERROR=1 plinth $(UNITBIN)
	@SUITES="unit golden diag lang kbdiag" sh tests/run.sh ./plinth "$(UNITBIN)" plain

check: build/asan/plinth $(UNITBINASAN) $(REPLAYASAN)
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  sh tests/run.sh build/asan/plinth "$(UNITBINASAN)" asan

golden-update: plinth
	@sh tests/golden/update.sh ./plinth

# libFuzzer over the parser and resolver; FUZZ_SECONDS bounds the run.
FUZZ_SECONDS ?= 60
build/fuzz/fuzz_spec: tests/fuzz/fuzz_spec.c $(LIBSRC) $(GEN)
	@mkdir -p $(dir $@)
	clang $(BASE) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -o $@ $< $(LIBSRC) $(GEN) $(LDLIBS)

fuzz: build/fuzz/fuzz_spec
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz_spec -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	  -dict=tests/fuzz/spec.dict build/fuzz/corpus tests/fuzz/corpus examples

# libFuzzer over plinth new and plinth diagnose (not run by make test).
build/fuzz/fuzz_intake: tests/fuzz/fuzz_intake.c $(LIBSRC) $(GEN)
	@mkdir -p $(dir $@)
	clang $(BASE) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -o $@ $< $(LIBSRC) $(GEN) $(LDLIBS)

fuzz-intake: build/fuzz/fuzz_intake
	@mkdir -p build/fuzz/intake-corpus
	build/fuzz/fuzz_intake -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
	  build/fuzz/intake-corpus tests/fuzz/intake-corpus

# libFuzzer over every emitter, with a mutator that keeps specs valid.
build/fuzz/fuzz_emit: tests/fuzz/fuzz_emit.c $(LIBSRC) $(GEN)
	@mkdir -p $(dir $@)
	clang $(BASE) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -o $@ $< $(LIBSRC) $(GEN) $(LDLIBS)

fuzz-emit: build/fuzz/fuzz_emit
	@mkdir -p build/fuzz/emit-corpus
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  build/fuzz/fuzz_emit -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=20 -rss_limit_mb=2048 \
	  -dict=tests/fuzz/spec.dict build/fuzz/emit-corpus tests/fuzz/emit-corpus

# The harnesses without libFuzzer, replaying their corpora in make test
# (tests/fuzz/run.sh), plain and sanitized.
build/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(CFLAGS) -Isrc -o $@ $< tests/fuzz/replay.c $(LIBA) $(LDLIBS)

build/replay-asan/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(ASANLIBA)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SAN) -Isrc -o $@ $< tests/fuzz/replay.c $(ASANLIBA) $(LDLIBS)

replay: $(REPLAY)

bench: plinth build/bench/gen build/bench/measure build/bench/choose build/bench/roadmap
	@sh bench/run.sh

build/bench/choose: bench/choose.c bench/cputime.h $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) -O2 -Isrc -o $@ $< $(LIBOBJ) $(LDLIBS)

build/bench/roadmap: bench/roadmap.c bench/cputime.h $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) -O2 -Isrc -o $@ $< $(LIBOBJ) $(LDLIBS)

build/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) -O2 -o $@ $< $(LDLIBS)

# The manual pages and completions are made by plinth itself from its one
# command table (src/main.c), so they say what --help says.
SHARE   = $(DESTDIR)$(PREFIX)/share
install: plinth
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/man/man1 $(SHARE)/bash-completion/completions \
	  $(SHARE)/zsh/site-functions $(SHARE)/fish/vendor_completions.d
	install -m 755 plinth $(DESTDIR)$(PREFIX)/bin/plinth
	./plinth --gen-man >$(SHARE)/man/man1/plinth.1
	for c in $$(./plinth --gen-man --list); do ./plinth --gen-man $$c >$(SHARE)/man/man1/plinth-$$c.1 || exit 1; done
	chmod 644 $(SHARE)/man/man1/plinth.1 $(SHARE)/man/man1/plinth-*.1
	./plinth --gen-completions bash >$(SHARE)/bash-completion/completions/plinth
	./plinth --gen-completions zsh >$(SHARE)/zsh/site-functions/_plinth
	./plinth --gen-completions fish >$(SHARE)/fish/vendor_completions.d/plinth.fish

# The same pages under build/man, to read with man -l.
man: plinth
	@mkdir -p build/man
	./plinth --gen-man >build/man/plinth.1
	for c in $$(./plinth --gen-man --list); do ./plinth --gen-man $$c >build/man/plinth-$$c.1 || exit 1; done

lint:
	clang-tidy $(SRC) -- $(BASE) -Isrc

clean:
	rm -rf build plinth

-include $(OBJ:.o=.d) $(ASANOBJ:.o=.d) $(CLANGOBJ:.o=.d) $(CLANGOK:.ok=.okd)
