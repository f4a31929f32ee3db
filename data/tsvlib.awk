# SPDX-License-Identifier: ISC
# tsvlib.awk -- what the table generators share: UTF-8 checks, C strings
#
# Loaded before a generator: awk -f data/tsvlib.awk -f data/mkcodes.awk

BEGIN {
	for (i = 1; i < 256; i++)
		ORD[sprintf("%c", i)] = i
}

# Whether s is well-formed UTF-8: no stray continuation bytes, no
# truncated, overlong or surrogate sequences, nothing past U+10FFFF.
function is_utf8(s,    i, n, c, need, min, cp) {
	if (s ~ /^[ -~]*$/)
		return 1
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = ORD[substr(s, i, 1)]
		if (c < 128)
			continue
		if (c >= 194 && c <= 223) {
			need = 1; cp = c - 192; min = 128
		} else if (c >= 224 && c <= 239) {
			need = 2; cp = c - 224; min = 2048
		} else if (c >= 240 && c <= 244) {
			need = 3; cp = c - 240; min = 65536
		} else
			return 0
		for (; need > 0; need--) {
			c = ORD[substr(s, ++i, 1)]
			if (c < 128 || c > 191)
				return 0
			cp = cp * 64 + c - 128
		}
		if (cp < min || cp > 1114111 || (cp >= 55296 && cp <= 57343))
			return 0
	}
	return 1
}

# The C string literal for s.  '?' is escaped too, so that no "??x"
# trigraph can form in C11.  A loop, not gsub: how many backslashes a
# gsub replacement needs differs between awks.
function cstring(s,    out, c, i, n) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"" || c == "?")
			out = out "\\"
		out = out c
	}
	return "\"" out "\""
}
