/* SPDX-License-Identifier: ISC */
/* scankeys.c -- what scan groups by: keys, directions, masked texts */

#include <string.h>

#include "smtpcode.h"

/* The keys of --by, by enum smtpcode_scan_key. */
static const char *const key_names[SMTPCODE_NKEYS] = {
	"code", "domain", "recipient", "relay", "direction", "reason",
	"provider"
};

/* The key called name (len bytes), or -1. */
int
smtpcode_scan_key(const char *name, size_t len)
{
	int i;

	for (i = 0; i < SMTPCODE_NKEYS; i++)
		if (strlen(key_names[i]) == len &&
		    memcmp(key_names[i], name, len) == 0)
			return i;
	return -1;
}

const char *
smtpcode_scan_key_name(enum smtpcode_scan_key key)
{
	return (unsigned)key < SMTPCODE_NKEYS ? key_names[key] : "";
}

const char *
smtpcode_direction_name(enum smtpcode_direction d)
{
	return d == SMTPCODE_DIRECTION_IN ? "in" :
	    d == SMTPCODE_DIRECTION_OUT ? "out" : "-";
}

/*
 * Forms of reply that only a report of our own mail holds: a remote
 * server's answer quoted by Postfix ("said:"), Exim ("SMTP error from
 * remote mail server"), qmail, a bounce's DSN fields or transcript.
 */
static const enum smtpcode_source outbound_sources[] = {
	SMTPCODE_SOURCE_POSTFIX, SMTPCODE_SOURCE_EXIM,
	SMTPCODE_SOURCE_DSN_STATUS, SMTPCODE_SOURCE_DSN_DIAGNOSTIC,
	SMTPCODE_SOURCE_TRANSCRIPT, SMTPCODE_SOURCE_QMAIL
};

/*
 * What the rest of a line says of its direction: the first marker found
 * decides.  within bounds the search to the line's first bytes, where a
 * syslog program name or an Exim log's flag stands (0: the whole line).
 * The markers that need the whole line come last, as they cost most.
 */
static const struct {
	const char	*marker;
	size_t		 within;
	enum smtpcode_direction direction;
} markers[] = {
	/* Postfix, by program: smtpd and postscreen receive. */
	{ "/smtpd[", 160, SMTPCODE_DIRECTION_IN },
	{ "/postscreen[", 160, SMTPCODE_DIRECTION_IN },
	{ "/smtp[", 160, SMTPCODE_DIRECTION_OUT },
	{ "/lmtp[", 160, SMTPCODE_DIRECTION_OUT },
	/* Exim: the flags of a delivery, a bounce, a deferral. */
	{ " => ", 64, SMTPCODE_DIRECTION_OUT },
	{ " -> ", 64, SMTPCODE_DIRECTION_OUT },
	{ " ** ", 64, SMTPCODE_DIRECTION_OUT },
	{ " == ", 64, SMTPCODE_DIRECTION_OUT },
	/* Refusals of others' mail: Postfix, Exim, Sendmail, OpenSMTPD. */
	{ "NOQUEUE: reject:", 0, SMTPCODE_DIRECTION_IN },
	{ "milter-reject:", 0, SMTPCODE_DIRECTION_IN },
	{ "rejected RCPT", 0, SMTPCODE_DIRECTION_IN },
	{ "rejected MAIL", 0, SMTPCODE_DIRECTION_IN },
	{ "rejected after DATA", 0, SMTPCODE_DIRECTION_IN },
	{ "rejected EHLO", 0, SMTPCODE_DIRECTION_IN },
	{ "rejected HELO", 0, SMTPCODE_DIRECTION_IN },
	{ "ruleset=check_", 0, SMTPCODE_DIRECTION_IN },
	{ "reject=", 0, SMTPCODE_DIRECTION_IN },
	{ "smtp failed-command", 0, SMTPCODE_DIRECTION_IN },
	/* Deliveries: Sendmail's stat=, OpenSMTPD's mta, NDR layouts. */
	{ "stat=", 0, SMTPCODE_DIRECTION_OUT },
	{ "mta delivery", 0, SMTPCODE_DIRECTION_OUT },
	{ "Remote Server returned", 0, SMTPCODE_DIRECTION_OUT },
	{ "ResponseCode", 0, SMTPCODE_DIRECTION_OUT },
	{ "ERROR_CODE", 0, SMTPCODE_DIRECTION_OUT }
};

/* Whether marker (n bytes) is in line[0..len). */
static int
has(const char *line, size_t len, const char *marker, size_t n)
{
	const char *p, *end;

	if (len < n)
		return 0;
	end = line + len - n + 1;
	for (p = line; p < end && (p = memchr(p, marker[0],
	    (size_t)(end - p))) != NULL; p++)
		if (memcmp(p, marker, n) == 0)
			return 1;
	return 0;
}

/*
 * The direction of a reply read in the form source from line (len
 * bytes; NULL for none), in_bounce set when the input is a bounce
 * message: its form, else the first marker of its line, else a bounce's
 * (out), else none.
 */
enum smtpcode_direction
smtpcode_direction(enum smtpcode_source source, const char *line,
    size_t len, int in_bounce)
{
	size_t i, n;

	for (i = 0; i < sizeof(outbound_sources) /
	    sizeof(outbound_sources[0]); i++)
		if (source == outbound_sources[i])
			return SMTPCODE_DIRECTION_OUT;
	for (i = 0; line != NULL && i < sizeof(markers) / sizeof(markers[0]);
	    i++) {
		n = markers[i].within;
		if (has(line, n != 0 && n < len ? n : len, markers[i].marker,
		    strlen(markers[i].marker)))
			return markers[i].direction;
	}
	return in_bounce ? SMTPCODE_DIRECTION_OUT : SMTPCODE_DIRECTION_NONE;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A byte of a token: an address, an IP, an id, a number, a word. */
static int
is_token(int c)
{
	return is_digit(c) || is_alpha(c) || (c != '\0' &&
	    strchr("._%+-@:=/", c) != NULL);
}

/* Dotted decimal with four parts: an IPv4 address. */
static int
is_ipv4(const char *t, size_t n)
{
	size_t i, parts, digits;

	parts = 1;
	digits = 0;
	for (i = 0; i < n; i++) {
		if (t[i] == '.') {
			if (digits == 0)
				return 0;
			parts++;
			digits = 0;
		} else if (is_digit((unsigned char)t[i]) && digits < 3)
			digits++;
		else
			return 0;
	}
	return parts == 4 && digits > 0;
}

/* Hex groups and two colons or more (a dotted IPv4 tail may end it). */
static int
is_ipv6(const char *t, size_t n)
{
	size_t i, colons;

	colons = 0;
	for (i = 0; i < n; i++) {
		if (t[i] == ':')
			colons++;
		else if (!is_hex((unsigned char)t[i]) && t[i] != '.')
			return 0;
	}
	return colons >= 2;
}

/*
 * What stands for a token (n bytes at t) in a masked text, or NULL to
 * keep it: an address, an IP address, a number, or an id (a queue ID,
 * a hex or base-62 tag: six bytes or more mixing digits and letters,
 * unless it ends like a host name, in letters after a dot).
 */
static const char *
mask_token(const char *t, size_t n)
{
	const char *at, *dot;
	size_t i, digits, letters;

	if ((at = memchr(t, '@', n)) != NULL && at > t && at < t + n - 1)
		return "<address>";
	if (is_ipv4(t, n) || is_ipv6(t, n))
		return "<ip>";
	digits = letters = 0;
	for (i = 0; i < n; i++) {
		digits += is_digit((unsigned char)t[i]);
		letters += is_alpha((unsigned char)t[i]);
	}
	if (digits > 0 && letters == 0 && memchr(t, '.', n) == NULL)
		return "<n>";
	if (digits == 0 || letters == 0 || n < 6)
		return NULL;
	for (dot = NULL, i = 0; i < n; i++)
		if (t[i] == '.')
			dot = t + i;
	if (dot != NULL && dot + 1 < t + n) {
		for (i = (size_t)(dot + 1 - t); i < n &&
		    is_alpha((unsigned char)t[i]); i++)
			continue;
		if (i == n)
			return NULL;
	}
	return "<id>";
}

/* Append n bytes to buf (size bytes, *used so far), as far as they fit. */
static void
put(char *buf, size_t size, size_t *used, const char *s, size_t n)
{
	if (n > size - 1 - *used)
		n = size - 1 - *used;
	memcpy(buf + *used, s, n);
	*used += n;
}

/*
 * Write text (len bytes) into buf (size bytes, NUL-terminated) with its
 * variable parts masked, so that replies that differ only in them read
 * the same: <address> for an address (with its angle brackets), <ip>
 * for an IPv4 or IPv6 address, <n> for a number, <id> for a queue ID
 * or other tag; control bytes become spaces.  A token's trailing dots,
 * colons and the like are punctuation, and stay.  Return the length;
 * what does not fit is cut.
 */
size_t
smtpcode_mask(char *buf, size_t size, const char *text, size_t len)
{
	const char *close, *word;
	size_t i, n, used;
	char c;

	if (size == 0)
		return 0;
	used = 0;
	for (i = 0; i < len && used + 1 < size; ) {
		c = text[i];
		if (c == '<' && (close = memchr(text + i, '>', len - i)) !=
		    NULL && memchr(text + i, '@', (size_t)(close - text - i))
		    != NULL && memchr(text + i, ' ', (size_t)(close - text -
		    i)) == NULL) {
			put(buf, size, &used, "<address>", 9);
			i = (size_t)(close - text) + 1;
			continue;
		}
		if (!is_token((unsigned char)c)) {
			buf[used++] = (unsigned char)c < ' ' || c == 0x7f ?
			    ' ' : c;
			i++;
			continue;
		}
		for (n = 0; i + n < len && is_token((unsigned char)text[i +
		    n]); n++)
			continue;
		/* Trailing punctuation is not part of the token. */
		while (n > 1 && strchr(".:=/-", text[i + n - 1]) != NULL)
			n--;
		if ((word = mask_token(text + i, n)) != NULL)
			put(buf, size, &used, word, strlen(word));
		else
			put(buf, size, &used, text + i, n);
		i += n;
	}
	buf[used] = '\0';
	return used;
}
