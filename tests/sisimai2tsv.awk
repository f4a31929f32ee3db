# SPDX-License-Identifier: ISC
# sisimai2tsv.awk -- turn sisimai's expected results into pubcorpus.sh's
# EXPECTED.tsv
#
# Usage: awk -f tests/sisimai2tsv.awk [-v prefix=lhost] \
#            rb-sisimai/test/public/lhost-*.rb rb-sisimai/test/public/rhost-*.rb
#
# Each lhost-NAME.rb or rhost-NAME.rb holds a table
#     '01' => [['5.1.1', '550', 'userunknown', true], [...]],
# one inner array per failed recipient of email NN: the enhanced code
# (D.S.N.), the reply code ('' when none is expected), the reason and
# whether the bounce is hard (a fifth value, "toxic", is ignored).  The
# email is set-of-emails/maildir/bsd/PREFIX-NAME-NN.eml for an lhost
# module and rhost-NAME-NN.eml for an rhost one.  PREFIX is "lhost" in
# current rb-sisimai, "email" in its older releases; pubcorpus.sh tries
# the other one when the file named is missing, so either works.
#
# Output: file <TAB> enhanced <TAB> reply <TAB> hard, one row per
# expected recipient, with a header.  Only the table's literal rows are
# read; the file is data, never run.

BEGIN {
	OFS = "\t"
	if (prefix == "")
		prefix = "lhost"
	print "file", "enhanced", "reply", "hard"
}

FNR == 1 {
	name = FILENAME
	sub(/.*\//, "", name)
	sub(/\.rb$/, "", name)
	kind = name
	sub(/-.*/, "", kind)
	sub(/^[^-]*-/, "", name)
	if (kind == "lhost")
		stem = prefix "-" name
	else if (kind == "rhost")
		stem = "rhost-" name
	else
		stem = ""
	index_ = ""
}

# Not a module's table (lhost-code.rb, lhost-engine-test.rb...).
stem == "" || name ~ /(^code$|test$)/ { next }

# A row starts with its index: '01' => [[...
match($0, /^[ \t]*'[0-9]+'[ \t]*=>/) {
	index_ = substr($0, RSTART, RLENGTH)
	gsub(/[^0-9]/, "", index_)
}

# The table ends at the first line that closes the hash.
/^[ \t]*}/ { index_ = "" }

index_ != "" {
	line = $0
	while (match(line, /\[[ \t]*'[^']*'[ \t]*,[ \t]*'[^']*'[ \t]*,[ \t]*'[^']*'[ \t]*,[ \t]*(true|false)/)) {
		rec = substr(line, RSTART, RLENGTH)
		line = substr(line, RSTART + RLENGTH)
		n = split(rec, f, /'/)
		hard = rec ~ /true$/ ? "true" : "false"
		print stem "-" index_ ".eml", f[2], f[4], hard
	}
}
