#!/bin/sh
# SPDX-License-Identifier: ISC
# build.sh -- the build itself: bad data stops it cleanly, warnings are
# errors under gcc and clang, install and uninstall honour DESTDIR/PREFIX
# and put the completion scripts where bash, zsh and fish look
#
# Usage: sh tests/build.sh   (from the top of the tree)
# Works on a copy of the tree; ends with "N passed, N failed".

top=$(pwd)
. "$top/tests/harness.sh"
make=${MAKE:-make}

# fresh: a clean copy of the sources in $tmp/tree.
fresh() {
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree/tests"
	cp -R "$top/Makefile" "$top/src" "$top/include" "$top/data" \
	    "$top/man" "$tmp/tree/"
	rm -f "$tmp/tree/src/"*.o "$tmp/tree/src/codes.inc" \
	    "$tmp/tree/src/enhanced.inc"
}

# Bad data: the build stops, names file and line, leaves no output.
fresh
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "421" { $1 = "621" } { print }' \
    "$top/data/codes.tsv" >"$tmp/tree/data/codes.tsv"
line=$(grep -n '^621	' "$tmp/tree/data/codes.tsv" | cut -d: -f1)
(cd "$tmp/tree" && $make smtpcode >"$tmp/out" 2>"$tmp/err")
status=$?
[ "$status" -ne 0 ] && pass || fail "bad data: make exited 0"
grep -qxF "data/codes.tsv:$line: code '621' is not three digits, the first 2-5 and the second 0-5" \
    "$tmp/err" && pass || fail "bad data: no file:line message in: $(cat "$tmp/err")"
[ ! -e "$tmp/tree/src/codes.inc" ] && pass ||
    fail "bad data: src/codes.inc left behind"
[ ! -e "$tmp/tree/src/codes.inc.tmp" ] && pass ||
    fail "bad data: src/codes.inc.tmp left behind"
[ ! -e "$tmp/tree/smtpcode" ] && pass || fail "bad data: smtpcode built"

# Good data again: the rule notices the change and builds.
cp "$top/data/codes.tsv" "$tmp/tree/data/codes.tsv"
(cd "$tmp/tree" && $make smtpcode >"$tmp/out" 2>&1) && pass ||
    fail "good data: make failed: $(tail -3 "$tmp/out")"
head -1 "$tmp/tree/src/codes.inc" | grep -q 'DO NOT EDIT' && pass ||
    fail "codes.inc lacks its generated-file line"

# The same for the enhanced status codes: a row out of order.
fresh
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "X.1.1" { $1 = "X.1.10" } { print }' \
    "$top/data/enhanced.tsv" >"$tmp/tree/data/enhanced.tsv"
line=$(grep -n '^X\.1\.10	' "$tmp/tree/data/enhanced.tsv" | head -1 | cut -d: -f1)
(cd "$tmp/tree" && $make smtpcode >"$tmp/out" 2>"$tmp/err")
status=$?
[ "$status" -ne 0 ] && pass || fail "bad enhanced data: make exited 0"
grep -qxF "data/enhanced.tsv:$((line + 1)): code X.1.2 does not come after the row before it (rows are sorted by subject, then detail)" \
    "$tmp/err" && pass ||
    fail "bad enhanced data: no file:line message in: $(cat "$tmp/err")"
[ ! -e "$tmp/tree/src/enhanced.inc" ] &&
    [ ! -e "$tmp/tree/src/enhanced.inc.tmp" ] && pass ||
    fail "bad enhanced data: src/enhanced.inc left behind"

# Warning-free under every compiler present.
for cc in gcc clang; do
	if ! command -v $cc >/dev/null 2>&1; then
		skip "-Werror build with $cc: $cc is not installed"
		continue
	fi
	fresh
	if (cd "$tmp/tree" && $make CC=$cc \
	    CFLAGS='-std=c11 -pedantic -Wall -Wextra -Werror -O2' \
	    smtpcode >"$tmp/out" 2>&1); then pass; else
		fail "$cc: warnings or errors:"
		grep -E 'warning|error' "$tmp/out" | head -5
	fi
done

# install and uninstall with PREFIX and DESTDIR.
dest=$tmp/dest
(cd "$tmp/tree" && $make install DESTDIR="$dest" PREFIX=/opt/sc \
    >"$tmp/out" 2>&1) && pass || fail "install failed: $(tail -3 "$tmp/out")"
[ -x "$dest/opt/sc/bin/smtpcode" ] && pass || fail "install: no binary"
[ -f "$dest/opt/sc/share/man/man1/smtpcode.1" ] && pass ||
    fail "install: no man page"
mode=$(ls -l "$dest/opt/sc/bin/smtpcode" | cut -c1-10)
[ "$mode" = "-rwxr-xr-x" ] && pass || fail "install: binary mode $mode"
mode=$(ls -l "$dest/opt/sc/share/man/man1/smtpcode.1" | cut -c1-10)
[ "$mode" = "-rw-r--r--" ] && pass || fail "install: man page mode $mode"
"$dest/opt/sc/bin/smtpcode" 250 >/dev/null && pass ||
    fail "installed binary does not run"
# The completion scripts: where each shell looks under PREFIX, the ones
# the installed binary writes, and each shell finds its own there.
share=$dest/opt/sc/share
scripts="bash:bash-completion/completions/smtpcode
zsh:zsh/site-functions/_smtpcode
fish:fish/vendor_completions.d/smtpcode.fish"
for pair in $scripts; do
	file=$share/${pair#*:}
	"$dest/opt/sc/bin/smtpcode" completion "${pair%%:*}" |
	    cmp -s - "$file" && pass || fail "install: no ${pair%%:*} script at $file"
	mode=$(ls -l "$file" 2>/dev/null | cut -c1-10)
	[ "$mode" = "-rw-r--r--" ] && pass || fail "install: $file mode $mode"
done
if [ -f /usr/share/bash-completion/bash_completion ]; then
	got=$(XDG_DATA_DIRS=$share bash -c '. /usr/share/bash-completion/bash_completion
	    __load_completion smtpcode && complete -p smtpcode' 2>&1)
	[ "$got" = 'complete -F _smtpcode smtpcode' ] && pass ||
	    fail "install: bash-completion does not load it: $got"
fi
if command -v zsh >/dev/null 2>&1; then
	got=$(zsh -fc "fpath=($share/zsh/site-functions \$fpath)
	    autoload -Uz compinit; compinit -u -d $tmp/zcd
	    print -r -- \$_comps[smtpcode]" 2>&1)
	[ "$got" = _smtpcode ] && pass || fail "install: zsh does not find it: $got"
fi
if command -v fish >/dev/null 2>&1; then
	got=$(cd "$tmp" && XDG_DATA_DIRS=$share PATH="$dest/opt/sc/bin:$PATH" \
	    fish -c "complete -C 'smtpcode comp'" 2>&1 | cut -f1 | tr '\n' ' ')
	[ "$got" = 'compare completion ' ] && pass ||
	    fail "install: fish does not find it: $got"
fi
(cd "$tmp/tree" && $make uninstall DESTDIR="$dest" PREFIX=/opt/sc \
    >"$tmp/out" 2>&1) && pass || fail "uninstall failed"
[ ! -e "$dest/opt/sc/bin/smtpcode" ] &&
    [ ! -e "$dest/opt/sc/share/man/man1/smtpcode.1" ] && pass ||
    fail "uninstall left files behind"
for pair in $scripts; do
	[ ! -e "$share/${pair#*:}" ] && pass ||
	    fail "uninstall left $share/${pair#*:}"
done

# clean removes what the build made, generated table included.
(cd "$tmp/tree" && $make clean >/dev/null 2>&1)
[ ! -e "$tmp/tree/smtpcode" ] && [ ! -e "$tmp/tree/src/codes.inc" ] &&
    [ ! -e "$tmp/tree/src/enhanced.inc" ] &&
    [ ! -e "$tmp/tree/completions" ] && pass ||
    fail "clean left build products"

# The man page: mandoc finds nothing to warn about, and its SYNOPSIS is
# the usage line the program prints.
if command -v mandoc >/dev/null 2>&1 || sh "$top/tests/deps.sh" --mandoc; then
	lint=$(mandoc -Tlint -W warning "$top/man/smtpcode.1" 2>&1)
	[ -z "$lint" ] && pass || fail "mandoc -Tlint: $lint"
	bs=$(printf '\b')
	# Both, with runs of blanks made one, are the same words.
	synopsis=$(mandoc -Tascii "$top/man/smtpcode.1" | sed "s/.$bs//g" |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
	usage=$("$top/smtpcode" 2>&1 | sed 's/^usage: //' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
	[ "$synopsis" = "$usage" ] && pass ||
	    fail "man SYNOPSIS '$synopsis' is not usage '$usage'"
else
	skip "man page lint and SYNOPSIS: mandoc is not installed"
fi

finish
