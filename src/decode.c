/* SPDX-License-Identifier: ISC */
/* decode.c -- a bounce's base64 or quoted-printable part, decoded line
 * by line for scan */

#include <string.h>

#include "scan.h"

/*
 * The value of each base64 byte (RFC 2045), 64 for '=', its padding;
 * 0xff for a byte that is none.
 */
#define NO	0xff
static const unsigned char b64_values[256] = {
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, 62, NO, NO, NO, 63,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, NO, NO, NO, 64, NO, NO,
	NO, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, NO, NO, NO, NO, NO,
	NO, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO
};
#undef NO

/*
 * Whether a line is one of a base64 body: base64 bytes only, a '\r' or
 * blanks at its end left aside.  A boundary ("--..."), a blank line or
 * text ends the body.
 */
/* The length of a line without the '\r' and blanks at its end. */
static size_t
trimmed(const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
	    line[len - 1] == '\t'))
		len--;
	return len;
}

int
smtpcode_b64_line(const char *line, size_t len)
{
	size_t i;

	if ((len = trimmed(line, len)) == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (b64_values[(unsigned char)line[i]] == 0xff)
			return 0;
	return 1;
}

/* Start a body: nothing decoded yet. */
void
smtpcode_decode_start(struct smtpcode_decoder *d)
{
	d->bits = 0;
	d->nbits = 0;
	d->len = 0;
}

/* Hand the decoded line on, its '\r' left out, and start the next. */
static void
line_emit(struct smtpcode_decoder *d, smtpcode_line_fn *emit, void *arg)
{
	size_t len;

	len = d->len;
	if (len > 0 && d->line[len - 1] == '\r')
		len--;
	emit(arg, d->line, len);
	d->len = 0;
}

/*
 * Add a decoded byte to the line: a newline, or a full buffer, hands
 * the line to emit.
 */
static void
line_put(struct smtpcode_decoder *d, char c, smtpcode_line_fn *emit, void *arg)
{
	if (c == '\n') {
		line_emit(d, emit, arg);
		return;
	}
	d->line[d->len++] = c;
	if (d->len == sizeof(d->line))
		line_emit(d, emit, arg);
}

/*
 * Decode one line of a base64 body into the text's lines: each that a
 * newline ends goes to emit; a line longer than the buffer goes in
 * pieces of its size.  Bytes that are no base64 are left out.
 */
void
smtpcode_b64_feed(struct smtpcode_decoder *d, const char *in, size_t len,
    smtpcode_line_fn *emit, void *arg)
{
	unsigned char v;
	size_t i;

	for (i = 0; i < len; i++) {
		if ((v = b64_values[(unsigned char)in[i]]) == 64) {
			/* Padding: an encoding ends; bits left are none. */
			d->bits = 0;
			d->nbits = 0;
			continue;
		}
		if (v > 64)
			continue;
		d->bits = (d->bits << 6 | v) & 0xffffff;
		if ((d->nbits += 6) < 8)
			continue;
		d->nbits -= 8;
		line_put(d, (char)(d->bits >> d->nbits & 0xff), emit, arg);
	}
}

/* The body ends: its last line, if it had no newline, goes to emit. */
void
smtpcode_decode_end(struct smtpcode_decoder *d, smtpcode_line_fn *emit, void *arg)
{
	if (d->len > 0)
		line_emit(d, emit, arg);
	smtpcode_decode_start(d);
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Decode one line of a quoted-printable body (RFC 2045): "=XX" is the
 * byte XX; a line that ends in '=' goes on on the next, which is joined
 * to it; any other line ends here and goes to emit.  A '=' that starts
 * no escape is kept as it is.
 */
void
smtpcode_qp_feed(struct smtpcode_decoder *d, const char *in, size_t len,
    smtpcode_line_fn *emit, void *arg)
{
	size_t i;
	int hi, lo, soft;
	char c;

	len = trimmed(in, len);
	soft = len > 0 && in[len - 1] == '=';
	if (soft)
		len--;
	for (i = 0; i < len; i++) {
		c = in[i];
		if (c == '=' && i + 2 < len &&
		    (hi = hex_value((unsigned char)in[i + 1])) >= 0 &&
		    (lo = hex_value((unsigned char)in[i + 2])) >= 0) {
			c = (char)(hi << 4 | lo);
			i += 2;
		}
		line_put(d, c, emit, arg);
	}
	if (!soft)
		line_emit(d, emit, arg);
}

/*
 * Whether a line starts a MIME part: "--" and a boundary, in which the
 * encoders that write them put no blank.  A body's own "-- " signature
 * line and Gmail's "---------- Forwarded message ---------" hold one.
 */
static int
is_boundary(const char *line, size_t len)
{
	len = trimmed(line, len);
	return len >= 3 && line[0] == '-' && line[1] == '-' &&
	    memchr(line, ' ', len) == NULL && memchr(line, '\t', len) == NULL;
}

/*
 * Whether a line is one of a quoted-printable body: any but the next
 * part's boundary or an mbox "From " line, which no encoder leaves as
 * it is.
 */
int
smtpcode_qp_line(const char *line, size_t len)
{
	return !is_boundary(line, len) &&
	    !(len >= 5 && memcmp(line, "From ", 5) == 0);
}
