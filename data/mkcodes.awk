# SPDX-License-Identifier: ISC
# mkcodes.awk -- validate a code table and write its rows as C
#
# Usage: LC_ALL=C awk -f data/tsvlib.awk -f data/mkcodes.awk data/codes.tsv
#        LC_ALL=C awk -f data/tsvlib.awk -f data/mkcodes.awk data/enhanced.tsv
#
# The header row says which table a file is.  Every row of codes.tsv
# becomes one SMTPCODE_ROW(...) call, every row of enhanced.tsv one
# SMTPCODE_STATUS_ROW(...) call; src/code.c and src/enhanced.c define the
# macros.  Any bad row is reported as FILE:LINE: reason on stderr, all of
# them, and the exit status is then 1.  The column rules are those of
# data/COLUMNS.txt.

BEGIN {
	FS = "\t"
	HEADER = "code\tname\trfc\tphase\tretry\tactor\tenhanced\t" \
	    "bounce\tdescription\twhen\tfix"
	STATUS_HEADER = "code\tname\trfc\tclasses\tbasic\tbounce\tactor\t" \
	    "status\tdescription\twhen\tfix"
	NFIELDS = 11
	NAME_MAX = 60
	STATUS_NAME_MAX = 110
	PROSE_MAX = 1500
	split("connect ehlo starttls auth mail rcpt data bdat eod etrn atrn " \
	    "vrfy expn help noop rset quit any", list, " ")
	for (i in list)
		STAGES[list[i]] = 1
	split("client sender sender-admin receiver-admin", list, " ")
	for (i in list)
		ACTORS[list[i]] = i + 0
	# An actor must find something to do in the fix text.
	ADVICE["sender"] = "Sender: "
	ADVICE["sender-admin"] = "Sender's admin: "
	ADVICE["receiver-admin"] = "Receiving admin: "
	RETRIES["none"] = "2"
	RETRIES["continue"] = "3"
	RETRIES["later"] = "45"
	RETRIES["fix-first"] = "45"
	BOUNCES["-"] = "NONE"
	BOUNCES["hard"] = "HARD"
	BOUNCES["soft"] = "SOFT"
	header_seen = 0
	enhanced_table = 0
	rows = 0
	prev = 0
	failed = 0
}

function fail(reason) {
	printf "%s:%d: %s\n", FILENAME, FNR, reason > "/dev/stderr"
	failed = 1
}

function check_text(field, label, max) {
	if (field == "")
		fail(label " is empty")
	else if (length(field) > max)
		fail(label " is " length(field) " bytes, more than " max)
	else if (field ~ /^ | $/)
		fail(label " starts or ends with a space")
}

# RFCs ascending, then any Internet-Draft the registry cites by name.
function check_rfc(field,    n, i, num, last) {
	if (field !~ /^RFC [1-9][0-9]*(, RFC [1-9][0-9]*)*$/ && \
	    field !~ /^(RFC [1-9][0-9]*, )*draft-[a-z0-9-]*[a-z0-9]$/) {
		fail("rfc '" field "' is not like 'RFC 5321' or " \
		    "'RFC 3207, RFC 4954'")
		return
	}
	n = split(field, list, ", ")
	last = 0
	for (i = 1; i <= n; i++) {
		if (list[i] ~ /^draft-/)
			break
		num = substr(list[i], 5) + 0
		if (num <= last)
			fail("rfc '" field "': list the RFCs once each, " \
			    "in ascending order")
		last = num
	}
}

# The C expression for a comma-separated keyword list, or "" if bad.
function keywords(field, known, prefix, label, ordered,    n, i, out, seen,
    last) {
	if (field == "") {
		fail(label " is empty")
		return ""
	}
	n = split(field, list, ",")
	out = ""
	last = 0
	for (i = 1; i <= n; i++) {
		if (!(list[i] in known)) {
			fail(label " '" list[i] "' is not one of the known " \
			    "keywords (see data/COLUMNS.txt)")
			return ""
		}
		if (list[i] in seen) {
			fail(label " '" list[i] "' is listed twice")
			return ""
		}
		if (ordered && known[list[i]] < last) {
			fail(label " '" list[i] "' is out of order " \
			    "(see data/COLUMNS.txt)")
			return ""
		}
		last = known[list[i]]
		seen[list[i]] = 1
		out = out (i > 1 ? " | " : "") prefix toupper(list[i])
	}
	gsub(/-/, "_", out)
	return out
}

function check_advice(actors, fix,    n, i, who) {
	n = split(actors, who, ",")
	for (i = 1; i <= n; i++)
		if ((who[i] in ADVICE) && index(fix, ADVICE[who[i]]) == 0)
			fail("actor '" who[i] "' but the fix says nothing " \
			    "after '" ADVICE[who[i]] "'")
}

function check_enhanced(field, code,    n, i, parts, seen) {
	if (field == "-")
		return
	if (field == "") {
		fail("enhanced is empty (write - for none)")
		return
	}
	n = split(field, list, ", ")
	for (i = 1; i <= n; i++) {
		if (list[i] !~ \
		    /^[245]\.[0-9][0-9]?[0-9]?\.[0-9][0-9]?[0-9]?$/) {
			fail("enhanced '" list[i] "' is not like 5.1.1 " \
			    "(RFC 3463: class.subject.detail)")
			continue
		}
		split(list[i], parts, ".")
		if (parts[1] != substr(code, 1, 1))
			fail("enhanced " list[i] " has class " parts[1] \
			    ", code " code " has class " substr(code, 1, 1))
		if (parts[2] + 0 > 7 || parts[2] ~ /^0./ || parts[3] ~ /^0./)
			fail("enhanced " list[i] " is outside RFC 3463's " \
			    "ranges")
		if (list[i] in seen)
			fail("enhanced " list[i] " is listed twice")
		seen[list[i]] = 1
	}
}

# The C expression for a classes field ("4,5"), or "" if bad.
function check_classes(field,    n, i, out, last) {
	if (field !~ /^[245](,[245])*$/) {
		fail("classes '" field "' is not like 5, 4,5 or 2,4,5")
		return ""
	}
	n = split(field, list, ",")
	out = ""
	last = 0
	for (i = 1; i <= n; i++) {
		if (list[i] + 0 <= last)
			fail("classes '" field "': list each class once, " \
			    "in ascending order")
		last = list[i] + 0
		out = out (i > 1 ? " | " : "") "SMTPCODE_CLASS_BIT(" list[i] ")"
	}
	return out
}

# Basic codes "451, 550", class wildcards "4xx", "any", or "-"; the
# class of each must be among the row's classes.
function check_basic(field, classes,    n, i, last, key) {
	if (field == "-" || field == "any")
		return
	n = split(field, list, ", ")
	last = 0
	for (i = 1; i <= n; i++) {
		if (list[i] ~ /^[245][0-5][0-9]$/)
			key = list[i] + 0
		else if (list[i] ~ /^[245]xx$/)
			key = substr(list[i], 1, 1) * 100 + 1000
		else {
			fail("basic '" list[i] "' is not a reply code, 4xx, " \
			    "5xx, any or -")
			continue
		}
		if (key <= last)
			fail("basic '" field "': codes ascending, then " \
			    "wildcards, each once")
		last = key
		if (index(classes, substr(list[i], 1, 1)) == 0)
			fail("basic " list[i] " is class " \
			    substr(list[i], 1, 1) " but classes is '" \
			    classes "'")
	}
}

# One row of enhanced.tsv: X.subject.detail and its facts.
function status_row(    parts, key, classes, actors) {
	if ($1 !~ /^X\.[0-7]\.(0|[1-9][0-9]?[0-9]?)$/) {
		fail("code '" $1 "' is not like X.1.1 (subject 0-7, detail " \
		    "0-999, no leading zeros)")
		return
	}
	split($1, parts, ".")
	key = parts[2] * 1000 + parts[3]
	if (key <= prev && rows > 1)
		fail("code " $1 " does not come after the row before it " \
		    "(rows are sorted by subject, then detail)")
	prev = key
	check_text($2, "name", STATUS_NAME_MAX)
	if ($2 ~ /\.$/)
		fail("name ends with a period")
	check_rfc($3)
	classes = check_classes($4)
	check_basic($5, $4)
	if (!($6 in BOUNCES))
		fail("bounce '" $6 "' is not hard, soft or -")
	else if (($6 == "-") != ($4 !~ /5/))
		fail("bounce '" $6 "': hard or soft when classes has 5, " \
		    "- when it has not")
	if ($7 == "none")
		actors = "0"
	else
		actors = keywords($7, ACTORS, "SMTPCODE_ACTOR_", "actor", 1)
	if ($8 != "current" && $8 != "deprecated")
		fail("status '" $8 "' is not current or deprecated")
	check_text($9, "description", PROSE_MAX)
	check_text($10, "when", PROSE_MAX)
	check_text($11, "fix", PROSE_MAX)
	if ($11 != "")
		check_advice($7, $11)
	if (failed)
		return
	printf "SMTPCODE_STATUS_ROW(%d, %d, %s, %s,\n    %s, %s, " \
	    "SMTPCODE_BOUNCE_%s, %s, %d,\n    %s,\n    %s,\n    %s)\n",
	    parts[2], parts[3], cstring($2), cstring($3), classes,
	    cstring($5 == "-" ? "" : $5), BOUNCES[$6], actors,
	    $8 == "deprecated", cstring($9), cstring($10), cstring($11)
}

/^#/ || /^$/ {
	next
}

!header_seen {
	header_seen = 1
	enhanced_table = $0 == STATUS_HEADER
	if ($0 != HEADER && !enhanced_table)
		fail("the header row must be exactly: " HEADER \
		    " (codes) or: " STATUS_HEADER " (enhanced codes)")
	printf "/* Generated by data/mkcodes.awk from data/%s.tsv. " \
	    "DO NOT EDIT. */\n", enhanced_table ? "enhanced" : "codes"
	next
}

{
	rows++
	if ($0 ~ /\r/) {
		fail("carriage return: save the file with LF line endings")
		next
	}
	if (NF != NFIELDS) {
		fail(NF " fields, not " NFIELDS " (fields are separated by " \
		    "one tab)")
		next
	}
	if ($0 ~ /[\001-\010\012-\037\177]/) {
		fail("control character in a field")
		next
	}
	if (!is_utf8($0)) {
		fail("not valid UTF-8")
		next
	}
	if (enhanced_table) {
		status_row()
		next
	}
	code = $1
	if (code !~ /^[2-5][0-5][0-9]$/) {
		fail("code '" code "' is not three digits, the first 2-5 " \
		    "and the second 0-5")
		next
	}
	if (code + 0 <= prev)
		fail("code " code " does not come after " prev \
		    " (rows are sorted by code, each code once)")
	prev = code + 0

	check_text($2, "name", NAME_MAX)
	if ($2 ~ /\.$/)
		fail("name ends with a period")
	check_rfc($3)
	stages = keywords($4, STAGES, "SMTPCODE_STAGE_", "phase", 0)
	if (!($5 in RETRIES))
		fail("retry '" $5 "' is not none, continue, later or fix-first")
	else if (index(RETRIES[$5], substr(code, 1, 1)) == 0)
		fail("retry '" $5 "' does not fit a " substr(code, 1, 1) \
		    "xx code")
	if ($6 == "none") {
		actors = "0"
		if (code ~ /^[45]/)
			fail("actor 'none' for a failure: somebody must act")
	} else
		actors = keywords($6, ACTORS, "SMTPCODE_ACTOR_", "actor", 1)
	check_enhanced($7, code)
	if (code ~ /^3/ && $7 != "-")
		fail("enhanced codes on a 3xx reply (RFC 3463 has no class 3)")
	if (code ~ /^5/ && $8 != "hard" && $8 != "soft")
		fail("bounce '" $8 "' for a 5xx code: write hard or soft")
	else if (code !~ /^5/ && $8 != "-")
		fail("bounce '" $8 "' for a " substr(code, 1, 1) "xx code: " \
		    "write -")
	check_text($9, "description", PROSE_MAX)
	check_text($10, "when", PROSE_MAX)
	check_text($11, "fix", PROSE_MAX)
	if ($11 != "")
		check_advice($6, $11)
	if (failed)
		next

	printf "SMTPCODE_ROW(%s, %s, %s,\n    %s,\n    SMTPCODE_RETRY_%s, %s," \
	    "\n    %s, SMTPCODE_BOUNCE_%s,\n    %s,\n    %s,\n    %s)\n",
	    code, cstring($2), cstring($3), stages,
	    toupper($5 == "fix-first" ? "fix_first" : $5), actors,
	    cstring($7 == "-" ? "" : $7), BOUNCES[$8], cstring($9),
	    cstring($10), cstring($11)
}

END {
	if (!header_seen) {
		printf "%s: no header row\n", FILENAME > "/dev/stderr"
		exit 1
	}
	if (rows == 0) {
		printf "%s: no rows\n", FILENAME > "/dev/stderr"
		exit 1
	}
	exit failed
}
