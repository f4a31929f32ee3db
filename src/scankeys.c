/* SPDX-License-Identifier: ISC */
/* scankeys.c -- what scan groups by: keys, directions, masked texts */

#include <string.h>

#include "scan.h"

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
 * What the rest of a line says of its direction, looked for in this
 * order, cheapest first: the syslog program name
 * (smtpcode_log_program()), Exim's flag (smtpcode_exim_flag()), the
 * line's key=value fields (keyed()), then these phrases anywhere in the
 * line, the first found deciding.
 */
#define WORD(s)	(s), sizeof(s) - 1

/* A word and the direction it tells: a phrase, or a program's name. */
struct direction_word {
	const char	*word;
	size_t		 len;
	enum smtpcode_direction direction;
};

static const struct direction_word markers[] = {
	/* Refusals of others' mail: Postfix, Exim, OpenSMTPD, Courier. */
	{ WORD("NOQUEUE: reject:"), SMTPCODE_DIRECTION_IN },
	{ WORD("milter-reject:"), SMTPCODE_DIRECTION_IN },
	{ WORD("rejected RCPT"), SMTPCODE_DIRECTION_IN },
	{ WORD("rejected MAIL"), SMTPCODE_DIRECTION_IN },
	{ WORD("rejected after DATA"), SMTPCODE_DIRECTION_IN },
	{ WORD("rejected EHLO"), SMTPCODE_DIRECTION_IN },
	{ WORD("rejected HELO"), SMTPCODE_DIRECTION_IN },
	{ WORD("smtp failed-command"), SMTPCODE_DIRECTION_IN },
	/* Courier's server, before its client, whose name starts it. */
	{ WORD("courieresmtpd: "), SMTPCODE_DIRECTION_IN },
	{ WORD("courieresmtp: "), SMTPCODE_DIRECTION_OUT },
	/* Deliveries: OpenSMTPD's mta, the NDR layouts of hosted mail. */
	{ WORD("mta delivery"), SMTPCODE_DIRECTION_OUT },
	{ WORD("Remote Server returned"), SMTPCODE_DIRECTION_OUT },
	{ WORD("ResponseCode"), SMTPCODE_DIRECTION_OUT },
	{ WORD("ERROR_CODE"), SMTPCODE_DIRECTION_OUT }
};

/*
 * A log's key=value fields that tell: Sendmail's ruleset=check_* and
 * reject= (a refusal, a milter's too), and its stat= (a delivery's
 * result, as OpenSMTPD's mta stat= is).  value is what the value must
 * start with ("" for anything).
 */
static const struct {
	const char	*key;
	size_t		 key_len;
	const char	*value;
	size_t		 value_len;
	enum smtpcode_direction direction;
} fields[] = {
	{ WORD("ruleset"), WORD("check_"), SMTPCODE_DIRECTION_IN },
	{ WORD("reject"), WORD(""), SMTPCODE_DIRECTION_IN },
	{ WORD("stat"), WORD(""), SMTPCODE_DIRECTION_OUT }
};

#define NMARKERS	(sizeof(markers) / sizeof(markers[0]))

/*
 * Postfix's programs, by the part of a syslog program name after its
 * last '/' ("postfix/smtpd[123]:"): smtpd and postscreen receive; the
 * delivery agents (smtp, lmtp, local, virtual, pipe, and error and retry,
 * which report a delivery that was never tried) report our own mail.
 */
static const struct direction_word programs[] = {
	{ WORD("smtpd"), SMTPCODE_DIRECTION_IN },
	{ WORD("postscreen"), SMTPCODE_DIRECTION_IN },
	{ WORD("smtp"), SMTPCODE_DIRECTION_OUT },
	{ WORD("lmtp"), SMTPCODE_DIRECTION_OUT },
	{ WORD("local"), SMTPCODE_DIRECTION_OUT },
	{ WORD("virtual"), SMTPCODE_DIRECTION_OUT },
	{ WORD("pipe"), SMTPCODE_DIRECTION_OUT },
	{ WORD("error"), SMTPCODE_DIRECTION_OUT },
	{ WORD("retry"), SMTPCODE_DIRECTION_OUT }
};

/*
 * The direction a program name (n bytes) gives, or NONE: Postfix's,
 * by the part after its last '/'.
 */
static enum smtpcode_direction
program_direction(const char *name, size_t n)
{
	size_t i;

	for (i = n; i > 0 && name[i - 1] != '/'; i--)
		continue;
	if (i == 0)
		return SMTPCODE_DIRECTION_NONE;
	name += i;
	n -= i;
	for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (programs[i].len == n &&
		    memcmp(name, programs[i].word, n) == 0)
			return programs[i].direction;
	return SMTPCODE_DIRECTION_NONE;
}

/*
 * Whether marker (n bytes, two or more) is in line[0..len).  A line
 * with a reply is looked at this way a few times: its first two bytes
 * are compared in place before memcmp is called.
 */
static int
has(const char *line, size_t len, const char *marker, size_t n)
{
	const char *p, *end;

	if (len < n)
		return 0;
	end = line + len - n + 1;
	for (p = line; p < end && (p = memchr(p, marker[0],
	    (size_t)(end - p))) != NULL; p++)
		if (p[1] == marker[1] && memcmp(p + 2, marker + 2, n - 2) == 0)
			return 1;
	return 0;
}

/* The direction of the first marker in the line, or NONE. */
static enum smtpcode_direction
marked(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < NMARKERS; i++)
		if (has(line, len, markers[i].word, markers[i].len))
			return markers[i].direction;
	return SMTPCODE_DIRECTION_NONE;
}

/*
 * The direction the first telling key=value field gives, or NONE.  At
 * each '=' the key is compared from its last byte back, so that most
 * fields ("to=", "delay=", "relay=") cost one byte compare a key.
 */
static enum smtpcode_direction
keyed(const char *line, size_t len)
{
	const char *eq, *end, *key;
	size_t i, n, v;

	end = line + len;
	for (eq = line; (eq = memchr(eq, '=', (size_t)(end - eq))) != NULL;
	    eq++) {
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			n = fields[i].key_len;
			v = fields[i].value_len;
			if ((size_t)(eq - line) < n ||
			    eq[-1] != fields[i].key[n - 1])
				continue;
			key = eq - n;
			if ((key == line || key[-1] < 'a' || key[-1] > 'z') &&
			    memcmp(key, fields[i].key, n) == 0 &&
			    (size_t)(end - eq - 1) >= v &&
			    memcmp(eq + 1, fields[i].value, v) == 0)
				return fields[i].direction;
		}
	}
	return SMTPCODE_DIRECTION_NONE;
}

/*
 * The direction of a reply read in the form source from line (len
 * bytes; NULL for none), in_bounce set when the input is a bounce
 * message: its form; else its line's program name or Exim flag, its
 * key=value fields, its phrases; else a bounce's (out); else none.
 */
enum smtpcode_direction
smtpcode_direction(enum smtpcode_source source, const char *line,
    size_t len, int in_bounce)
{
	enum smtpcode_direction d;
	const char *name;
	size_t i, n;

	for (i = 0; i < sizeof(outbound_sources) /
	    sizeof(outbound_sources[0]); i++)
		if (source == outbound_sources[i])
			return SMTPCODE_DIRECTION_OUT;
	if (line == NULL)
		return in_bounce ? SMTPCODE_DIRECTION_OUT :
		    SMTPCODE_DIRECTION_NONE;
	name = smtpcode_log_program(line, len, &n);
	if ((d = program_direction(name, n)) != SMTPCODE_DIRECTION_NONE)
		return d;
	/* Exim's own log, or its lines in syslog: not Sendmail's. */
	if ((n == 0 || (n >= 4 && memcmp(name, "exim", 4) == 0)) &&
	    smtpcode_exim_flag(line, len) != NULL)
		return SMTPCODE_DIRECTION_OUT;
	if ((d = keyed(line, len)) != SMTPCODE_DIRECTION_NONE ||
	    (d = marked(line, len)) != SMTPCODE_DIRECTION_NONE)
		return d;
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
