# smtpcode -- explain SMTP reply codes
# POSIX make; see README.md.  `make` builds, `make test` runs the fast
# suites, `make check` runs every test.

.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o

CC = cc
CFLAGS = -std=c11 -pedantic -Wall -Wextra -O2
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude
LDFLAGS =
LDLIBS =
AWK = awk
PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d
CMOCKA_LIBS = -lcmocka
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -g
CLANG = clang
FUZZ_SECONDS = 60

# The library: every source but the command line's two files.
SRCS = src/code.c src/enhanced.c src/reply.c src/verdict.c src/vocab.c \
	src/fields.c src/escape.c src/layout.c src/page.c src/replypage.c \
	src/compare.c src/tsv.c src/json.c src/completion.c src/scan.c \
	src/scanpage.c src/scankeys.c src/rules.c src/meaning.c \
	src/decode.c src/html.c
OBJS = $(SRCS:.c=.o)
# The unit tests that link the library; test_mkcodes runs the generator.
UNITS = tests/test_code tests/test_render tests/test_reply tests/test_format \
	tests/test_scan tests/test_meaning tests/test_public
TESTS = $(UNITS) tests/test_mkcodes
# The public header, and the library's own beside it, which every
# source and the tests of internals include.
PUBHDR = include/smtpcode.h
HDR = $(PUBHDR) src/internal.h
# The completion scripts, written by the program from its own tables.
COMPLETIONS = completions/smtpcode.bash completions/_smtpcode \
	completions/smtpcode.fish

all: smtpcode $(COMPLETIONS)

smtpcode: src/main.o src/run.o $(OBJS)
	$(CC) $(LDFLAGS) -o smtpcode src/main.o src/run.o $(OBJS) $(LDLIBS)

completions/smtpcode.bash: smtpcode
	mkdir -p completions
	./smtpcode completion bash > $@.tmp || { rm -f $@.tmp; exit 1; }
	mv -f $@.tmp $@

completions/_smtpcode: smtpcode
	mkdir -p completions
	./smtpcode completion zsh > $@.tmp || { rm -f $@.tmp; exit 1; }
	mv -f $@.tmp $@

completions/smtpcode.fish: smtpcode
	mkdir -p completions
	./smtpcode completion fish > $@.tmp || { rm -f $@.tmp; exit 1; }
	mv -f $@.tmp $@

.c.o:
	$(CC) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

src/codes.inc: data/codes.tsv data/tsvlib.awk data/mkcodes.awk
	LC_ALL=C $(AWK) -f data/tsvlib.awk -f data/mkcodes.awk data/codes.tsv \
	    > $@.tmp \
	    || { rm -f $@.tmp; exit 1; }
	mv -f $@.tmp $@

src/enhanced.inc: data/enhanced.tsv data/tsvlib.awk data/mkcodes.awk
	LC_ALL=C $(AWK) -f data/tsvlib.awk -f data/mkcodes.awk \
	    data/enhanced.tsv > $@.tmp \
	    || { rm -f $@.tmp; exit 1; }
	mv -f $@.tmp $@

RULES_TSV = data/reasons.tsv data/phrases.tsv data/providers.tsv \
	data/blocklists.tsv data/rules.tsv

# The dates in the tables may not lie in the future: a typo, not a fact.
src/rules.inc: $(RULES_TSV) data/tsvlib.awk data/mkrules.awk
	LC_ALL=C $(AWK) -v TODAY="$$(date +%Y-%m-%d)" -f data/tsvlib.awk \
	    -f data/mkrules.awk $(RULES_TSV) > $@.tmp \
	    || { rm -f $@.tmp; exit 1; }
	mv -f $@.tmp $@

src/main.o: src/main.c src/cli.h src/scan.h $(HDR)
src/run.o: src/run.c src/cli.h src/scan.h $(HDR)
src/completion.o: src/completion.c src/scan.h $(HDR)
src/scan.o: src/scan.c src/scan.h $(HDR)
src/scanpage.o: src/scanpage.c src/render.h src/scan.h $(HDR)
src/scankeys.o: src/scankeys.c src/scan.h $(HDR)
src/decode.o: src/decode.c src/scan.h $(HDR)
src/html.o: src/html.c src/scan.h $(HDR)
src/code.o: src/code.c src/codes.inc $(HDR)
src/enhanced.o: src/enhanced.c src/enhanced.inc $(HDR)
src/reply.o: src/reply.c $(HDR)
src/verdict.o: src/verdict.c $(HDR)
src/rules.o: src/rules.c src/rules.h src/rules.inc $(HDR)
src/meaning.o: src/meaning.c src/rules.h $(HDR)
src/replypage.o: src/replypage.c src/render.h $(HDR)
src/fields.o: src/fields.c src/render.h src/rules.h src/scan.h \
	$(HDR)
src/escape.o: src/escape.c src/render.h $(HDR)
src/tsv.o: src/tsv.c src/render.h $(HDR)
src/json.o: src/json.c src/render.h $(HDR)
src/vocab.o: src/vocab.c $(HDR)
src/layout.o: src/layout.c src/render.h $(HDR)
src/page.o: src/page.c src/render.h src/rules.h $(HDR)
src/compare.o: src/compare.c src/render.h $(HDR)
tests/test_code.o: tests/test_code.c $(HDR)
tests/test_render.o: tests/test_render.c src/render.h $(HDR)
tests/test_reply.o: tests/test_reply.c tests/reply_cases.inc $(HDR)
tests/test_format.o: tests/test_format.c src/render.h $(HDR)
tests/test_scan.o: tests/test_scan.c src/scan.h $(HDR)
tests/test_mkcodes.o: tests/test_mkcodes.c
tests/test_meaning.o: tests/test_meaning.c $(HDR)
tests/test_public.o: tests/test_public.c $(PUBHDR)

# The unit tests need cmocka.  make test installs nothing, so where CC
# cannot link it this stops the build with one line saying how to get it.
tests/test_code.o tests/test_render.o tests/test_reply.o \
    tests/test_format.o tests/test_scan.o tests/test_mkcodes.o \
    tests/test_meaning.o tests/test_public.o: tests/cmocka.ok
tests/cmocka.ok:
	sh tests/deps.sh --have "$(CC)"
	touch $@

# Each unit test links its own object with the library's.
$(UNITS): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $@.o $(OBJS) $(CMOCKA_LIBS) $(LDLIBS)
tests/test_code: tests/test_code.o
tests/test_render: tests/test_render.o
tests/test_reply: tests/test_reply.o
tests/test_format: tests/test_format.o
tests/test_scan: tests/test_scan.o
tests/test_meaning: tests/test_meaning.o
tests/test_public: tests/test_public.o
tests/test_mkcodes: tests/test_mkcodes.o
	$(CC) $(LDFLAGS) -o $@ tests/test_mkcodes.o $(CMOCKA_LIBS) $(LDLIBS)

# The fast suites: the unit tests and the end-to-end suites of the
# binary, well under a minute.  They install nothing; make check does.
test: smtpcode unit
	sh tests/cli.sh ./smtpcode
	sh tests/script.sh ./smtpcode
	sh tests/scan.sh ./smtpcode
	sh tests/hostile.sh ./smtpcode
	sh tests/readme.sh ./smtpcode

# Everything: the fast suites, the heap budget, the build checks, the
# same suites under ASan and UBSan, and a fuzzing smoke test, each
# part's needs installed where they can be.  tests/check.sh names the
# parts this machine could not run.
check: smtpcode
	MAKE="$(MAKE)" CC="$(CC)" CLANG="$(CLANG)" sh tests/check.sh

unit: $(TESTS)
	for t in $(UNITS); do $$t || exit 1; done
	AWK="$(AWK)" tests/test_mkcodes
	AWK="$(AWK)" sh tests/rules.sh

# Under ASan and UBSan: the end-to-end suites, then the unit tests.
# One compiler run per program keeps sanitizer objects apart from the
# normal ones.  The binary keeps its name, which its messages start with.
check-sanitize: check-sanitize-bin check-sanitize-unit

check-sanitize-bin: src/codes.inc src/enhanced.inc src/rules.inc
	mkdir -p tests/san
	$(CC) $(CFLAGS) $(SANFLAGS) $(CPPFLAGS) -o tests/san/smtpcode \
	    src/main.c src/run.c $(SRCS) $(LDLIBS)
	sh tests/cli.sh tests/san/smtpcode
	sh tests/script.sh tests/san/smtpcode
	sh tests/scan.sh tests/san/smtpcode
	sh tests/hostile.sh tests/san/smtpcode

check-sanitize-unit: src/codes.inc src/enhanced.inc src/rules.inc \
    tests/cmocka.ok
	for t in $(UNITS); do \
	    $(CC) $(CFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $$t-san $$t.c \
	    $(SRCS) $(CMOCKA_LIBS) $(LDLIBS) && $$t-san || exit 1; \
	done

# Every libFuzzer target for FUZZ_SECONDS each; fails on any finding.
fuzz: src/codes.inc src/enhanced.inc src/rules.inc
	sh tests/deps.sh --fuzz
	CLANG="$(CLANG)" sh tests/fuzz.sh $(FUZZ_SECONDS)

# The end-to-end suites with the binary under valgrind: no error, no leak.
check-valgrind: smtpcode
	mkdir -p tests/vg
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all "%s/smtpcode" "$$@"\n' \
	    "$$(pwd)" >tests/vg/smtpcode
	chmod 755 tests/vg/smtpcode
	sh tests/cli.sh tests/vg/smtpcode
	sh tests/script.sh tests/vg/smtpcode
	sh tests/scan.sh tests/vg/smtpcode
	sh tests/hostile.sh tests/vg/smtpcode

bench: smtpcode
	sh tests/bench.sh ./smtpcode

# How often the verdicts agree with replies the tables were not tuned on.
heldout: smtpcode
	sh tests/heldout.sh ./smtpcode tests/heldout.tsv
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces2
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces3
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces4
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces5
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces6
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces7
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces8
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces9
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces10
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces11
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces12
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces13
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces14
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces15
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces16
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces17
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces18
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces19
	sh tests/heldoutscan.sh ./smtpcode tests/heldout-bounces20

# How many of the codes a public corpus of real bounces expects are
# found: PUBCORPUS is a directory of its messages, PUBEXPECTED the rows
# tests/sisimai2tsv.awk made from its expected results.  The corpus is
# another project's and is never copied here.
pubcorpus: smtpcode
	@if [ -z "$(PUBCORPUS)" ] || [ -z "$(PUBEXPECTED)" ]; then \
	    echo "make pubcorpus: give PUBCORPUS=DIR PUBEXPECTED=FILE; with a clone of rb-sisimai:" >&2; \
	    echo "  awk -f tests/sisimai2tsv.awk rb-sisimai/test/public/[lr]host-*.rb > expected.tsv" >&2; \
	    echo "  make pubcorpus PUBCORPUS=rb-sisimai/set-of-emails/maildir/bsd PUBEXPECTED=expected.tsv" >&2; \
	    exit 2; \
	fi
	sh tests/pubcorpus.sh ./smtpcode "$(PUBCORPUS)" "$(PUBEXPECTED)"

lint:
	sh tests/deps.sh --mandoc
	mandoc -Tlint -W warning man/smtpcode.1

install: smtpcode $(COMPLETIONS)
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	cp -f smtpcode $(DESTDIR)$(PREFIX)/bin/smtpcode
	chmod 755 $(DESTDIR)$(PREFIX)/bin/smtpcode
	cp -f man/smtpcode.1 $(DESTDIR)$(MANPREFIX)/man1/smtpcode.1
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/smtpcode.1
	cp -f completions/smtpcode.bash $(DESTDIR)$(BASHCOMPDIR)/smtpcode
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/smtpcode
	cp -f completions/_smtpcode $(DESTDIR)$(ZSHCOMPDIR)/_smtpcode
	chmod 644 $(DESTDIR)$(ZSHCOMPDIR)/_smtpcode
	cp -f completions/smtpcode.fish $(DESTDIR)$(FISHCOMPDIR)/smtpcode.fish
	chmod 644 $(DESTDIR)$(FISHCOMPDIR)/smtpcode.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/smtpcode
	rm -f $(DESTDIR)$(MANPREFIX)/man1/smtpcode.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/smtpcode
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_smtpcode
	rm -f $(DESTDIR)$(FISHCOMPDIR)/smtpcode.fish

clean:
	rm -rf tests/san tests/vg tests/fuzz/findings completions
	rm -f tests/fuzz/fuzz_code tests/fuzz/fuzz_reply tests/fuzz/fuzz_scan \
	    tests/fuzz/fuzz_render
	rm -f smtpcode src/*.o tests/*.o src/codes.inc \
	    src/codes.inc.tmp src/enhanced.inc src/enhanced.inc.tmp \
	    src/rules.inc src/rules.inc.tmp \
	    $(TESTS) tests/*-san tests/cmocka.ok

.PHONY: all check test unit heldout pubcorpus check-sanitize check-sanitize-bin \
	check-sanitize-unit check-valgrind fuzz bench lint install uninstall \
	clean
