/* SPDX-License-Identifier: ISC */
/* escape.c -- make text written by strangers safe for terminals and formats */

#include <stdio.h>
#include <string.h>

#include "render.h"

/*
 * The length of the UTF-8 sequence at s (n bytes available) and its
 * code point, or 0 when the bytes are not one well-formed sequence.
 */
static size_t
utf8_sequence(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		*cp = s[0] & 0x1F;
		min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		*cp = s[0] & 0x0F;
		min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		*cp = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3F);
	}
	if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return len;
}

/* Code points that move the cursor or reorder text: never shown raw. */
static int
is_unsafe(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xFEFF;
}

/* The short escape of a formatting character, or NULL. */
static const char *
short_escape(unsigned long cp, enum escape_style style)
{
	if (style == ESCAPE_TEXT)
		return NULL;
	switch (cp) {
	case '\t':
		return "\\t";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '"':
		return style == ESCAPE_JSON ? "\\\"" : NULL;
	default:
		return NULL;
	}
}

/*
 * Write the escaped form of one character (or stray byte) of in into
 * out (at least ESCAPE_MAX + 1 bytes); return its length.  *used gets
 * the input bytes it took.
 */
static size_t
escape_one(char *out, const char *in, size_t len, enum escape_style style,
    size_t *used)
{
	const unsigned char *s;
	const char *esc;
	unsigned long cp;
	size_t n;

	s = (const unsigned char *)in;
	if ((n = utf8_sequence(s, len, &cp)) == 0) {
		*used = 1;
		/* JSON must stay UTF-8: a stray byte becomes U+FFFD. */
		if (style == ESCAPE_JSON)
			return (size_t)snprintf(out, ESCAPE_MAX + 1, "\\ufffd");
		return (size_t)snprintf(out, ESCAPE_MAX + 1, "\\x%02x", s[0]);
	}
	*used = n;
	if ((esc = short_escape(cp, style)) != NULL) {
		memcpy(out, esc, strlen(esc));
		return strlen(esc);
	}
	if (cp == '\\') {
		memcpy(out, "\\\\", 2);
		return 2;
	}
	if (is_unsafe(cp))
		return (size_t)snprintf(out, ESCAPE_MAX + 1, "\\u%04lx", cp);
	memcpy(out, in, n);
	return n;
}

/*
 * Copy len bytes of in to out (size bytes, NUL-terminated), escaped in
 * the given style; stop early rather than split an escape.  Return the
 * bytes written.
 */
size_t
escape_copy(char *out, size_t size, const char *in, size_t len,
    enum escape_style style)
{
	char one[ESCAPE_MAX + 1];
	size_t i, n, o, used;

	o = 0;
	for (i = 0; i < len; i += used) {
		n = escape_one(one, in + i, len - i, style, &used);
		if (o + n >= size)
			break;
		memcpy(out + o, one, n);
		o += n;
	}
	if (size > 0)
		out[o] = '\0';
	return o;
}

/* Write len bytes of in to fp, escaped in the given style. */
void
escape_write(FILE *fp, const char *in, size_t len, enum escape_style style)
{
	char one[ESCAPE_MAX + 1];
	size_t i, n, used;

	for (i = 0; i < len; i += used) {
		n = escape_one(one, in + i, len - i, style, &used);
		fwrite(one, 1, n, fp);
	}
}

/* A field's value for a terminal: lists as they are, text made safe. */
void
smtpcode_text_value(FILE *fp, struct smtpcode_value value)
{
	escape_write(fp, value.text, value.len, ESCAPE_TEXT);
}
