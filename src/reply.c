/* SPDX-License-Identifier: ISC */
/* reply.c -- find the SMTP reply in a reply, a DSN field or a log line */

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "smtpcode.h"

/* A span of the input: start and length, not NUL-terminated. */
struct span {
	const char	*s;
	size_t		 len;
};

/*
 * Log formats that quote a reply after a marker.  The reply is the
 * first code that starts a token after the marker; a marker that names
 * a command is followed by it.
 */
struct marker {
	const char	*text;
	enum smtpcode_source source;
	unsigned	 command;	/* the command the marker implies */
	int		 names_command;	/* the command's name follows */
};

static const struct marker markers[] = {
	{ " said: ", SMTPCODE_SOURCE_POSTFIX, 0, 0 },
	{ " refused to talk to me: ", SMTPCODE_SOURCE_POSTFIX,
	  SMTPCODE_STAGE_CONNECT, 0 },
	{ "SMTP error from remote mail server after ", SMTPCODE_SOURCE_EXIM,
	  0, 1 },
	{ "SMTP error from remote mailer after ", SMTPCODE_SOURCE_EXIM, 0, 1 },
	{ "stat=\"", SMTPCODE_SOURCE_OPENSMTPD, 0, 0 },
	{ "stat=", SMTPCODE_SOURCE_SENDMAIL, 0, 0 },
	{ "reply=", SMTPCODE_SOURCE_SENDMAIL, 0, 0 },
	{ " C=\"", SMTPCODE_SOURCE_EXIM, 0, 0 },
	{ "<<< ", SMTPCODE_SOURCE_TRANSCRIPT, 0, 0 }
};

/* A transcript's server lines start so; the client's start ">>> ". */
#define TRANSCRIPT_PREFIX	"<<< "

/* The words logs use for the command a reply answered. */
struct command_word {
	const char	*word;
	unsigned	 stage;
};

static const struct command_word command_words[] = {
	{ "RCPT TO", SMTPCODE_STAGE_RCPT },
	{ "MAIL FROM", SMTPCODE_STAGE_MAIL },
	{ "end of DATA", SMTPCODE_STAGE_EOD },
	{ "DATA", SMTPCODE_STAGE_DATA },
	{ "BDAT", SMTPCODE_STAGE_BDAT },
	{ "EHLO", SMTPCODE_STAGE_EHLO },
	{ "HELO", SMTPCODE_STAGE_EHLO },
	{ "LHLO", SMTPCODE_STAGE_EHLO },
	{ "STARTTLS", SMTPCODE_STAGE_STARTTLS },
	{ "AUTH", SMTPCODE_STAGE_AUTH },
	{ "initial connection", SMTPCODE_STAGE_CONNECT },
	{ "greeting", SMTPCODE_STAGE_CONNECT },
	{ "VRFY", SMTPCODE_STAGE_VRFY },
	{ "EXPN", SMTPCODE_STAGE_EXPN },
	{ "ETRN", SMTPCODE_STAGE_ETRN },
	{ "RSET", SMTPCODE_STAGE_RSET },
	{ "NOOP", SMTPCODE_STAGE_NOOP },
	{ "QUIT", SMTPCODE_STAGE_QUIT }
};

/* Postfix's note of the command, which is not the server's text. */
#define POSTFIX_COMMAND	" (in reply to "
#define EXIM_PIPELINED	"pipelined "
#define GMAIL_TRAILER	"gsmtp"
#define MICROSOFT_HOST	"outlook.com"

static const char *const source_names[SMTPCODE_NSOURCES] = {
	"nothing",
	"a server reply",
	"a delivery status notification's Status field",
	"a delivery status notification's Diagnostic-Code field",
	"a Postfix log line",
	"an Exim log line",
	"a Sendmail log line",
	"a log line's dsn= field",
	"a reply code pair inside other text",
	"a session transcript in a bounce",
	"an OpenSMTPD log line"
};

static const char *const source_keywords[SMTPCODE_NSOURCES] = {
	"", "reply", "dsn-status", "dsn-diagnostic", "postfix", "exim",
	"sendmail", "dsn-key", "text", "transcript", "opensmtpd"
};

static const char *const provider_keywords[SMTPCODE_NPROVIDERS] = {
	"", "google", "microsoft", "yahoo"
};

static const char *const provider_names[SMTPCODE_NPROVIDERS] = {
	"",
	"Google (Gmail, Google Workspace)",
	"Microsoft (Outlook.com, Microsoft 365)",
	"Yahoo (Yahoo Mail, AOL)"
};

/*
 * Where needle first occurs in the span, or NULL; nocase ignores ASCII
 * case.  memchr(3) skips to each candidate's first byte, which keeps
 * long log lines cheap.
 */
static const char *
find(struct span hay, const char *needle, int nocase)
{
	const char *p, *end, *a, *b;
	size_t n;

	n = strlen(needle);
	if (n == 0 || n > hay.len)
		return NULL;
	end = hay.s + hay.len - n + 1;
	for (p = hay.s; p < end; p++) {
		if (!nocase) {
			a = memchr(p, needle[0], (size_t)(end - p));
			b = NULL;
		} else {
			a = memchr(p, tolower((unsigned char)needle[0]),
			    (size_t)(end - p));
			b = memchr(p, toupper((unsigned char)needle[0]),
			    (size_t)(end - p));
			if (a == NULL || (b != NULL && b < a))
				a = b;
		}
		if (a == NULL)
			return NULL;
		p = a;
		if ((nocase ? strncasecmp(p, needle, n) :
		    memcmp(p, needle, n)) == 0)
			return p;
	}
	return NULL;
}

static struct span
rest(struct span line, const char *from)
{
	struct span out;

	out.s = from;
	out.len = line.len - (size_t)(from - line.s);
	return out;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A byte that may come before a code in running text. */
static int
is_boundary(int c)
{
	return c == ' ' || c == '\t' || c == ':' || c == ';' || c == '=' ||
	    c == '"' || c == '(' || c == '[' || c == '\'';
}

/* The length of a basic code token at s, or 0: "550", then ' ', '-' or end. */
static size_t
code_token(struct span s, int *code)
{
	if (s.len < 3 || s.s[0] < '2' || s.s[0] > '5' || s.s[1] < '0' ||
	    s.s[1] > '5' || !is_digit(s.s[2]))
		return 0;
	if (s.len > 3 && s.s[3] != ' ' && s.s[3] != '-' && s.s[3] != '\t' &&
	    s.s[3] != '"')
		return 0;
	*code = (s.s[0] - '0') * 100 + (s.s[1] - '0') * 10 + s.s[2] - '0';
	return 3;
}

/* The length of an enhanced code token at s, or 0. */
static size_t
status_token(struct span s, struct smtpcode_status *status)
{
	size_t len;

	len = 0;
	while (len < s.len && len < 12 && (is_digit(s.s[len]) ||
	    s.s[len] == '.'))
		len++;
	if (len < s.len && strchr(" \t,;:)]\"", s.s[len]) == NULL)
		return 0;
	if (smtpcode_parse_status(s.s, len, 0, status) != SMTPCODE_PARSE_OK)
		return 0;
	return len;
}

static struct span
skip_blanks(struct span s)
{
	while (s.len > 0 && (*s.s == ' ' || *s.s == '\t')) {
		s.s++;
		s.len--;
	}
	return s;
}

/*
 * Append text to the reply, leaving out the "550-5.1.1 " prefixes that
 * a log quotes for each line of a multi-line reply.
 */
static void
append_text(struct smtpcode_reply *r, struct span text)
{
	struct smtpcode_status st;
	struct span at;
	size_t i, n, skip;
	int code;

	for (i = 0; i < text.len; i++) {
		if (i == 0 || text.s[i - 1] == ' ') {
			at = rest(text, text.s + i);
			n = code_token(at, &code);
			if (n > 0 && code == r->code && at.len > n &&
			    at.s[n] != '"') {
				skip = n + 1;
				if (r->has_status && (n = status_token(
				    rest(at, at.s + skip), &st)) > 0)
					skip += n;
				if (skip < at.len && at.s[skip] == ' ')
					skip++;
				i += skip - 1;
				continue;
			}
		}
		if (r->text_len + 1 >= sizeof(r->text)) {
			r->truncated = 1;
			return;
		}
		r->text[r->text_len++] = text.s[i];
	}
	r->text[r->text_len] = '\0';
}

/* Trim trailing blanks off the reply's text. */
static void
trim_text(struct smtpcode_reply *r)
{
	while (r->text_len > 0 && (r->text[r->text_len - 1] == ' ' ||
	    r->text[r->text_len - 1] == '\t'))
		r->text_len--;
	r->text[r->text_len] = '\0';
}

/*
 * Read a reply at the start of s: a code, its enhanced code if any, and
 * the text; or an enhanced code alone.  Return 1 if one was found; set
 * *more when the code ends in '-' (a line of a multi-line reply).
 */
static int
read_reply(struct span s, struct smtpcode_reply *r, int *more)
{
	struct smtpcode_status st;
	size_t n;
	int code;

	s = skip_blanks(s);
	*more = 0;
	if ((n = code_token(s, &code)) > 0) {
		r->code = code;
		*more = n < s.len && s.s[n] == '-';
		s = rest(s, s.s + n + (n < s.len));
		if ((n = status_token(s, &st)) > 0) {
			r->has_status = 1;
			r->status = st;
			s = rest(s, s.s + n);
		}
	} else if ((n = status_token(s, &st)) > 0) {
		r->has_status = 1;
		r->status = st;
		s = rest(s, s.s + n);
	} else
		return 0;
	append_text(r, skip_blanks(s));
	return 1;
}

/* The first reply that starts a token in s; 1 if one was found. */
static int
read_first_reply(struct span s, struct smtpcode_reply *r, int need_status,
    int *more)
{
	struct smtpcode_status st;
	const char *quote;
	struct span at;
	size_t i, n;
	int code;

	for (i = 0; i < s.len; i++) {
		if (i > 0 && !is_boundary(s.s[i - 1]))
			continue;
		at = rest(s, s.s + i);
		if ((n = code_token(at, &code)) == 0)
			continue;
		if (need_status && (n + 1 >= at.len ||
		    status_token(rest(at, at.s + n + 1), &st) == 0))
			continue;
		/* A quoted reply (C="250 ...", stat="550 ...") ends at '"'. */
		if (i > 0 && s.s[i - 1] == '"' &&
		    (quote = memchr(at.s, '"', at.len)) != NULL)
			at.len = (size_t)(quote - at.s);
		return read_reply(at, r, more);
	}
	return 0;
}

/* The stage a log's words name ("RCPT TO:<...>", "end of data"), or 0. */
static unsigned
command_named(struct span s)
{
	size_t i, n;

	n = strlen(EXIM_PIPELINED);
	if (s.len >= n && strncasecmp(s.s, EXIM_PIPELINED, n) == 0)
		s = rest(s, s.s + n);
	for (i = 0; i < sizeof(command_words) / sizeof(command_words[0]);
	    i++) {
		n = strlen(command_words[i].word);
		if (s.len >= n && strncasecmp(s.s, command_words[i].word,
		    n) == 0)
			return command_words[i].stage;
	}
	return 0;
}

/* A DSN field at the start of the line: "Status:" or "Diagnostic-Code:". */
static int
read_dsn(struct span line, struct smtpcode_reply *r)
{
	struct span s;
	const char *semi;
	int more;

	s = skip_blanks(line);
	if (s.len >= 7 && strncasecmp(s.s, "Status:", 7) == 0) {
		r->source = SMTPCODE_SOURCE_DSN_STATUS;
		s = skip_blanks(rest(s, s.s + 7));
		return read_reply(s, r, &more) && r->code == 0;
	}
	if (s.len < 16 || strncasecmp(s.s, "Diagnostic-Code:", 16) != 0)
		return 0;
	r->source = SMTPCODE_SOURCE_DSN_DIAGNOSTIC;
	s = rest(s, s.s + 16);
	if ((semi = memchr(s.s, ';', s.len)) != NULL)
		s = rest(s, semi + 1);
	return read_reply(s, r, &more);
}

/* The line's command, from Postfix's "(in reply to X command)". */
static void
postfix_command(struct span line, struct smtpcode_reply *r)
{
	const char *note;

	if ((note = find(line, POSTFIX_COMMAND, 0)) == NULL)
		return;
	r->command = command_named(rest(line, note + strlen(POSTFIX_COMMAND)));
}

/*
 * A reply quoted after one of the log formats' markers.  *more is set
 * for a transcript line that a "550-" line continues.
 */
static int
read_marked(struct span line, struct smtpcode_reply *r, int *more)
{
	const struct marker *m;
	const char *at, *note;
	struct span after;
	size_t i;

	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		m = &markers[i];
		if ((at = find(line, m->text, 0)) == NULL)
			continue;
		after = rest(line, at + strlen(m->text));
		/* A marker that opens a quote: the reply ends at its close. */
		if (m->text[strlen(m->text) - 1] == '"' &&
		    (note = memchr(after.s, '"', after.len)) != NULL)
			after.len = (size_t)(note - after.s);
		if (m->source == SMTPCODE_SOURCE_POSTFIX &&
		    (note = find(after, POSTFIX_COMMAND, 0)) != NULL)
			after.len = (size_t)(note - after.s);
		if (!read_first_reply(after, r, 0, more))
			continue;
		if (m->source != SMTPCODE_SOURCE_TRANSCRIPT)
			*more = 0;
		r->source = m->source;
		r->command = m->command;
		if (m->names_command)
			r->command = command_named(after);
		else if (m->source == SMTPCODE_SOURCE_POSTFIX &&
		    m->command == 0)
			postfix_command(line, r);
		return 1;
	}
	return 0;
}

/* A Postfix or Sendmail "dsn=5.1.1" with no reply quoted. */
static int
read_dsn_key(struct span line, struct smtpcode_reply *r)
{
	struct smtpcode_status st;
	const char *at;

	if ((at = find(line, "dsn=", 0)) == NULL ||
	    status_token(rest(line, at + 4), &st) == 0)
		return 0;
	r->source = SMTPCODE_SOURCE_DSN_KEY;
	r->has_status = 1;
	r->status = st;
	return 1;
}

/* Name the provider whose style the text has, and Yahoo's marker. */
static void
find_provider(struct smtpcode_reply *r)
{
	struct span text;
	const char *at;
	size_t n, len;

	text.s = r->text;
	text.len = r->text_len;
	n = strlen(GMAIL_TRAILER);
	if (text.len >= n + 2 && memcmp(text.s + text.len - n, GMAIL_TRAILER,
	    n) == 0 && text.s[text.len - n - 1] == ' ') {
		r->provider = SMTPCODE_PROVIDER_GOOGLE;
		return;
	}
	if (find(text, MICROSOFT_HOST, 1) != NULL) {
		r->provider = SMTPCODE_PROVIDER_MICROSOFT;
		return;
	}
	for (at = text.s; (at = find(rest(text, at), "[TS", 0)) != NULL;
	    at++) {
		len = 3 + (at[3] == 'S');
		if (at + len + 3 > text.s + text.len || !is_digit(at[len]) ||
		    !is_digit(at[len + 1]) || at[len + 2] != ']')
			continue;
		memcpy(r->marker, at + 1, len + 1);
		r->marker[len + 1] = '\0';
		r->provider = SMTPCODE_PROVIDER_YAHOO;
		return;
	}
}

static struct span
next_line(struct span in, size_t *used)
{
	struct span line;
	const char *nl;

	line.s = in.s;
	nl = memchr(in.s, '\n', in.len);
	line.len = nl != NULL ? (size_t)(nl - in.s) : in.len;
	*used = line.len + (nl != NULL);
	if (line.len > 0 && line.s[line.len - 1] == '\r')
		line.len--;
	return line;
}

/*
 * Read the other lines of a multi-line reply ("550-..." lines, then
 * "550 ..."), and, for a DSN field, its folded continuation lines.
 * Return the bytes they take.
 */
static size_t
read_more(struct span in, struct smtpcode_reply *r, int more)
{
	struct smtpcode_reply line_reply;
	struct span line;
	size_t used, total, prefix;

	total = 0;
	while (in.len > 0) {
		line = next_line(in, &used);
		if (r->source == SMTPCODE_SOURCE_DSN_DIAGNOSTIC) {
			if (line.len == 0 || (*line.s != ' ' &&
			    *line.s != '\t'))
				break;
			line = skip_blanks(line);
		} else if (!more)
			break;
		else {
			if (r->source == SMTPCODE_SOURCE_TRANSCRIPT) {
				prefix = strlen(TRANSCRIPT_PREFIX);
				if (line.len < prefix || memcmp(line.s,
				    TRANSCRIPT_PREFIX, prefix) != 0)
					break;
				line = rest(line, line.s + prefix);
			}
			memset(&line_reply, 0, sizeof(line_reply));
			if (!read_reply(line, &line_reply, &more) ||
			    line_reply.code != r->code)
				break;
			line = skip_blanks(line);
		}
		if (r->text_len > 0 && r->text_len + 1 < sizeof(r->text))
			r->text[r->text_len++] = ' ';
		append_text(r, line);
		total += used;
		in = rest(in, in.s + used);
	}
	r->incomplete = (r->source == SMTPCODE_SOURCE_REPLY ||
	    r->source == SMTPCODE_SOURCE_TRANSCRIPT) && more;
	return total;
}

/*
 * Find the reply that the text at in (len bytes) starts with, after any
 * blank lines: a server reply of one or more lines, a DSN field, or an
 * MTA's log line.  Fill *r (source NONE when a line holds no reply) and
 * return the bytes consumed: the blank lines, the reply's lines.  The
 * result is 0 only when len is 0 or the text holds only blank lines.
 */
size_t
smtpcode_reply_parse(const char *in, size_t len, struct smtpcode_reply *r)
{
	struct span input, line;
	size_t used, skipped;
	int more, found;

	memset(r, 0, sizeof(*r));
	input.s = in;
	input.len = len;
	skipped = 0;
	for (;;) {
		if (input.len == 0)
			return 0;
		line = next_line(input, &used);
		if (skip_blanks(line).len > 0)
			break;
		skipped += used;
		input = rest(input, input.s + used);
	}
	more = 0;
	if ((found = read_dsn(line, r)) == 0 && r->source == 0) {
		if ((found = read_marked(line, r, &more)) == 0) {
			r->source = SMTPCODE_SOURCE_REPLY;
			if ((found = read_reply(line, r, &more)) == 0) {
				r->source = SMTPCODE_SOURCE_TEXT;
				found = read_first_reply(line, r, 1, &more);
				more = 0;
			}
		}
		if (!found)
			found = read_dsn_key(line, r);
	}
	if (!found) {
		memset(r, 0, sizeof(*r));
		return skipped + used;
	}
	used += read_more(rest(input, input.s + used), r, more);
	trim_text(r);
	find_provider(r);
	return skipped + used;
}

const char *
smtpcode_source_name(enum smtpcode_source source)
{
	if ((size_t)source >= SMTPCODE_NSOURCES)
		return NULL;
	return source_names[source];
}

const char *
smtpcode_provider_name(enum smtpcode_provider provider)
{
	if ((size_t)provider >= SMTPCODE_NPROVIDERS)
		return NULL;
	return provider_names[provider];
}

/* The one-word names scripts see: "postfix", "google". */
const char *
smtpcode_source_keyword(enum smtpcode_source source)
{
	if ((size_t)source >= SMTPCODE_NSOURCES)
		return NULL;
	return source_keywords[source];
}

const char *
smtpcode_provider_keyword(enum smtpcode_provider provider)
{
	if ((size_t)provider >= SMTPCODE_NPROVIDERS)
		return NULL;
	return provider_keywords[provider];
}
