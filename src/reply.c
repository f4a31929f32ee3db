/* SPDX-License-Identifier: ISC */
/* reply.c -- find the SMTP reply in a reply, a DSN field or a log line */

#include <string.h>
#include <strings.h>

#include "internal.h"

/* A span of the input: start and length, not NUL-terminated. */
struct span {
	const char	*s;
	size_t		 len;
};

static void	postfix_command(struct span, struct smtpcode_reply *);
static void	clear_reply(struct smtpcode_reply *);

/*
 * What a marker says of the reply after it, as bits: MARK_AFTER, the
 * command's name follows " after " (Exim); MARK_NOTE, Postfix's "(in
 * reply to X command)" ends the reply and names the command; MARK_LINES,
 * the reply's other lines follow, each on a line of its own (a session
 * transcript, qmail's bounce); MARK_FAILURES, only a failure (class 4 or
 * 5) is the outcome, the transcript's 2xx and 3xx lines are its steps;
 * MARK_CLIENT, the reply starts after the client's "host[192.0.2.1]: ",
 * with an enhanced code alone or a basic one (Postfix's milter-reject);
 * MARK_KEYED, a code follows as a key's value, "ERROR_CODE :550,";
 * MARK_HELO, the reply follows the client's "helo=<name>: ", as
 * MARK_CLIENT's does (Postfix's header_checks and body_checks);
 * MARK_RESPONSE, the command is named before the marker, in Exim's
 * callout 'response to "RCPT TO:<bob@...>" from ... was: 550 ...';
 * MARK_QUOTED, it is the quoted one the marker closes, as in OpenSMTPD's
 * older 'Failed command on session X: "RCPT TO:<bob@...>" => 550 ...'.
 */
#define MARK_AFTER	(1u << 0)
#define MARK_NOTE	(1u << 1)
#define MARK_LINES	(1u << 2)
#define MARK_FAILURES	(1u << 3)
#define MARK_CLIENT	(1u << 4)
#define MARK_KEYED	(1u << 5)
#define MARK_HELO	(1u << 6)
#define MARK_RESPONSE	(1u << 7)
#define MARK_QUOTED	(1u << 8)

/*
 * Log formats that quote a reply after a marker.  The reply is the
 * first code that starts a token after the marker.  A marker whose
 * value opens with a quote is another program's (quoted, or NONE).
 */
struct marker {
	const char	*text;
	size_t		 len;
	size_t		 anchor;	/* its least common byte: see find */
	enum smtpcode_source source;
	enum smtpcode_source quoted;	/* the source of a '"' value */
	unsigned	 command;	/* the command the marker implies */
	unsigned	 flags;		/* MARK_ bits */
	unsigned	 logs;		/* the logs that write it: LOG_ bits */
};

/*
 * The logs a line can be told to come from by its first bytes, so that
 * it is searched only for its own log's markers; a line of no known
 * log (a bounce, a custom syslog name) is searched for them all.
 * Postfix's programs that face the client (smtpd, postscreen, cleanup:
 * LOG_SMTPD) note their own refusals, the others (smtp, lmtp, error,
 * qmgr: LOG_POSTFIX) what remote servers said.
 */
#define LOG_POSTFIX	(1u << 0)
#define LOG_EXIM	(1u << 1)
#define LOG_SENDMAIL	(1u << 2)
#define LOG_OTHER	(1u << 3)
#define LOG_SMTPD	(1u << 4)

/* Where in a syslog line the program's name is looked for. */
#define LOG_TAG_MAX	96

#define MARKER(text, anchor)	text, sizeof(text) - 1, anchor
#define NONE	SMTPCODE_SOURCE_NONE

static const struct marker markers[] = {
	/* qmail's bounce, before Postfix's "host X said: ". */
	{ MARKER("Remote host said: ", 0), SMTPCODE_SOURCE_QMAIL, NONE, 0,
	  MARK_NOTE | MARK_LINES, LOG_OTHER },
	{ MARKER(" said: ", 3), SMTPCODE_SOURCE_POSTFIX, NONE, 0, MARK_NOTE,
	  LOG_POSTFIX | LOG_OTHER },
	{ MARKER(" refused to talk to me: ", 15), SMTPCODE_SOURCE_POSTFIX,
	  NONE, SMTPCODE_STAGE_CONNECT, MARK_NOTE, LOG_POSTFIX | LOG_OTHER },
	/* "... mail server after" and the older "... mailer after". */
	{ MARKER("SMTP error from remote mail", 0), SMTPCODE_SOURCE_EXIM,
	  NONE, 0, MARK_AFTER, LOG_EXIM | LOG_OTHER },
	/* Sendmail's stat=Deferred: 421 ...; OpenSMTPD quotes its value. */
	{ MARKER("stat=", 1), SMTPCODE_SOURCE_SENDMAIL,
	  SMTPCODE_SOURCE_OPENSMTPD, 0, 0, LOG_SENDMAIL | LOG_OTHER },
	{ MARKER("reply=", 4), SMTPCODE_SOURCE_SENDMAIL, NONE, 0, 0,
	  LOG_SENDMAIL | LOG_OTHER },
	{ MARKER(" C=\"", 1), SMTPCODE_SOURCE_EXIM, NONE, 0, 0,
	  LOG_EXIM | LOG_OTHER },
	/*
	 * Postfix's note of a milter's refusal, "milter-reject: END-OF-MESSAGE
	 * from host[192.0.2.1]: 5.7.1 Spam": the milter's enhanced code, and
	 * a basic code when it gave one, after the client.
	 */
	{ MARKER("milter-reject: ", 6), SMTPCODE_SOURCE_TEXT, NONE, 0,
	  MARK_CLIENT, LOG_SMTPD | LOG_OTHER },
	/*
	 * Postfix's cleanup refusing a message by its header_checks or
	 * body_checks, "reject: header Subject: ... helo=<x>: 5.7.1 ...";
	 * smtpd's "reject: RCPT from ...", with no helo=<x>: after, is
	 * read as a pair below.
	 */
	{ MARKER("reject: ", 2), SMTPCODE_SOURCE_TEXT, NONE, 0,
	  MARK_HELO, LOG_SMTPD | LOG_OTHER },
	/*
	 * Exim's callout and authenticator refusals: "... from mx.example.org
	 * [192.0.2.1] was: 550 No such user", "dovecot_plain authenticator
	 * failed for (x) [192.0.2.1]: 535 Incorrect authentication data".
	 */
	{ MARKER("] was: ", 3), SMTPCODE_SOURCE_TEXT, NONE, 0,
	  MARK_RESPONSE, LOG_EXIM | LOG_OTHER },
	{ MARKER("\" => ", 2), SMTPCODE_SOURCE_OPENSMTPD, NONE, 0,
	  MARK_QUOTED, LOG_OTHER },
	/*
	 * MailEnable's "Reason: Remote SMTP Server Returned: 554 ...";
	 * Kerio Connect's and hMailServer's "Remote server replied: 554 ...".
	 */
	{ MARKER("Server Returned: ", 1), SMTPCODE_SOURCE_TEXT, NONE, 0, 0,
	  LOG_OTHER },
	{ MARKER("server replied: ", 3), SMTPCODE_SOURCE_TEXT, NONE, 0, 0,
	  LOG_OTHER },
	{ MARKER("authenticator failed for ", 3), SMTPCODE_SOURCE_TEXT,
	  NONE, SMTPCODE_STAGE_AUTH, 0, LOG_EXIM | LOG_OTHER },
	/*
	 * OpenSMTPD's refusal of a client's command, smtp failed-command
	 * ... result="550 Invalid recipient"; its deliveries' result=
	 * ("PermFail") holds no code, their reply is in stat= above.
	 */
	{ MARKER(" result=\"", 7), SMTPCODE_SOURCE_OPENSMTPD, NONE, 0, 0,
	  LOG_OTHER },
	/* Sendmail's and Courier's transcripts: the server's lines. */
	{ MARKER("<<< ", 0), SMTPCODE_SOURCE_TRANSCRIPT, NONE, 0, MARK_LINES,
	  LOG_OTHER },
	/*
	 * MDaemon's "--- Session Transcript ---", every line of the
	 * session dated: "Sun 2024-06-02 10:00:02.610: <-- 550 ...".
	 */
	{ MARKER(": <-- ", 2), SMTPCODE_SOURCE_TRANSCRIPT, NONE, 0,
	  MARK_FAILURES, LOG_OTHER },
	/*
	 * Zoho's report after the address, "bob@example.org Invalid
	 * Address, ERROR_CODE :550, ERROR_CODE :Requested action ...";
	 * a line that starts with the key is read as it leads (leadings).
	 */
	{ MARKER("ERROR_CODE :", 5), SMTPCODE_SOURCE_TEXT, NONE, 0,
	  MARK_KEYED, LOG_OTHER }
};

#undef NONE

/* Where Exim's words for the command begin, after its marker. */
#define EXIM_AFTER	" after "
/* ... and before it, in a callout's refusal. */
#define EXIM_RESPONSE	"response to \""

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
#define POSTFIX_STATUS	", status="
#define EXIM_PIPELINED	"pipelined "

/*
 * Where needle first occurs in the span, or NULL.  The search skips with
 * memchr(3) to needle[anchor], which the caller picks among the needle's
 * least common bytes in logs: a marker that begins with a space must not
 * stop at every word of a long line.
 */
static const char *
find(struct span hay, const char *needle, size_t n, size_t anchor)
{
	const char *p, *end;

	if (n == 0 || n > hay.len)
		return NULL;
	end = hay.s + hay.len - n + 1;
	for (p = hay.s; p < end; p++) {
		if ((p = memchr(p + anchor, needle[anchor],
		    (size_t)(end - p))) == NULL)
			return NULL;
		p -= anchor;
		if (p[0] == needle[0] && memcmp(p, needle, n) == 0)
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

/* The bytes that may end an enhanced code token. */
#define STATUS_ENDS	" \t,;:)]\""

/*
 * The common "5.1.1", "4.7.25", "5.7.509" at s, read at once: its length,
 * or 0 for smtpcode_parse_status to judge (every other form, and what
 * is none).  A log has one on most lines.
 */
static size_t
plain_status(struct span s, struct smtpcode_status *status)
{
	size_t len;
	int detail;

	if (s.len < 5 || (s.s[0] != '2' && s.s[0] != '4' && s.s[0] != '5') ||
	    s.s[1] != '.' || s.s[2] < '0' || s.s[2] > '7' || s.s[3] != '.' ||
	    !is_digit(s.s[4]))
		return 0;
	detail = s.s[4] - '0';
	for (len = 5; detail != 0 && len < 7 && len < s.len &&
	    is_digit(s.s[len]); len++)
		detail = detail * 10 + s.s[len] - '0';
	if (len < s.len && (is_digit(s.s[len]) || s.s[len] == '.' ||
	    strchr(STATUS_ENDS, s.s[len]) == NULL))
		return 0;
	status->class_digit = s.s[0] - '0';
	status->subject = s.s[2] - '0';
	status->detail = detail;
	return len;
}

/* The length of an enhanced code token at s, or 0. */
static size_t
status_token(struct span s, struct smtpcode_status *status)
{
	size_t len;

	if ((len = plain_status(s, status)) > 0)
		return len;
	len = 0;
	while (len < s.len && len < 12 && (is_digit(s.s[len]) ||
	    s.s[len] == '.'))
		len++;
	if (len < s.len && strchr(STATUS_ENDS, s.s[len]) == NULL)
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

/* Whether s starts with Exim's "\n" before a line of the reply. */
static int
escaped_line(struct span s, int code)
{
	int next;

	return s.len > 2 && s.s[0] == '\\' && s.s[1] == 'n' &&
	    code_token(rest(s, s.s + 2), &next) > 0 && next == code;
}

/* Add text.s[0..n) to the reply's text; 0 when it did not all fit. */
static int
put_run(struct smtpcode_reply *r, const char *s, size_t n)
{
	size_t room;

	room = sizeof(r->text) - 1 - r->text_len;
	if (n > room) {
		memcpy(r->text + r->text_len, s, room);
		r->text_len += room;
		r->truncated = 1;
		return 0;
	}
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
	return 1;
}

/*
 * The length of a "550-5.1.1 " prefix at the start of at, a line of a
 * multi-line reply that a log quotes, or 0; *last is set when it is the
 * last line's "550 5.1.1 " with the reply's own enhanced code.
 */
static size_t
line_prefix(const struct smtpcode_reply *r, struct span at, int *last)
{
	struct smtpcode_status st;
	size_t n, skip;
	int code;

	*last = 0;
	if ((n = code_token(at, &code)) == 0 || code != r->code ||
	    at.len <= n || at.s[n] == '"')
		return 0;
	skip = n + 1;
	if (r->has_status && (n = status_token(rest(at, at.s + skip),
	    &st)) > 0) {
		skip += n;
		*last = at.s[3] != '-' &&
		    st.class_digit == r->status.class_digit &&
		    st.subject == r->status.subject &&
		    st.detail == r->status.detail;
	}
	if (skip < at.len && at.s[skip] == ' ')
		skip++;
	return skip;
}

/*
 * Append text to the reply, leaving out the "550-5.1.1 " prefixes that
 * a log quotes for each line of a multi-line reply, and turning Exim's
 * "\n" between such lines into a space.  Return 1 when the text holds
 * the last line's "550 " as well, after "\n" or with the reply's
 * enhanced code: a multi-line reply flattened onto one line, as Gmail's
 * reach logs, is whole.  A "550 5.1.1" with another enhanced code may be
 * a reply that the text quotes.  The text is copied in runs that end
 * before a word starting with a digit a code can start with.
 */
static int
append_text(struct smtpcode_reply *r, struct span text)
{
	size_t i, j, n;
	int last, word, escaped, final;

	last = escaped = 0;
	word = 1;
	i = 0;
	while (i < text.len) {
		if (word && (n = line_prefix(r, rest(text, text.s + i),
		    &final)) > 0) {
			if (i > 0 && (final ||
			    (escaped && text.s[i + 3] != '-')))
				last = 1;
			i += n;
			escaped = 0;
			continue;
		}
		escaped = 0;
		/* Copy up to a word that may be a prefix, or a backslash. */
		for (j = i; j < text.len && text.s[j] != '\\'; j++)
			if (text.s[j] == ' ' && j + 1 < text.len &&
			    text.s[j + 1] >= '2' && text.s[j + 1] <= '5')
				break;
		word = 1;
		if (j < text.len && text.s[j] == ' ')
			j++;
		else if (j < text.len && escaped_line(rest(text, text.s + j),
		    r->code)) {
			if (!put_run(r, text.s + i, j - i) ||
			    !put_run(r, " ", 1))
				break;
			i = j + 2;
			escaped = 1;
			continue;
		} else if (j < text.len) {
			/* A backslash of the text: the word goes on. */
			j++;
			word = 0;
		}
		if (!put_run(r, text.s + i, j - i))
			break;
		i = j;
	}
	r->text[r->text_len] = '\0';
	return last;
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
		/* Some servers write "550 #5.1.0": the '#' is no text. */
		if (s.len > 1 && *s.s == '#' && status_token(rest(s, s.s + 1),
		    &st) > 0)
			s = rest(s, s.s + 1);
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
	if (append_text(r, skip_blanks(s)))
		*more = 0;
	return 1;
}

/*
 * The first "550 5.1.1" or "550-5.1.1" pair in s, found from the dot of
 * its enhanced code: memchr(3) skips to each dot, of which a log line
 * has far fewer than bytes.  1 if one was found.
 */
static int
read_pair(struct span s, struct smtpcode_reply *r, int *more)
{
	struct smtpcode_status st;
	const char *dot, *end;
	struct span at;
	size_t i;
	int code;

	end = s.s + s.len;
	for (dot = s.s; (dot = memchr(dot, '.', (size_t)(end - dot))) != NULL;
	    dot++) {
		/* The code starts five bytes before the dot: "550 5." */
		if (dot - s.s < 5 || (dot[-2] != ' ' && dot[-2] != '-'))
			continue;
		i = (size_t)(dot - s.s) - 5;
		/* Exchange writes "#550 5.1.1 RESOLVER.ADR... ##". */
		if (i > 0 && !is_boundary(s.s[i - 1]) && s.s[i - 1] != '#')
			continue;
		at = rest(s, s.s + i);
		if (code_token(at, &code) == 0 ||
		    status_token(rest(at, at.s + 4), &st) == 0)
			continue;
		return read_reply(at, r, more);
	}
	return 0;
}

/* The enhanced code of qmail's "(#5.1.1)" in s; 1 if there is one. */
static int
qmail_status(struct span s, struct smtpcode_status *st)
{
	const char *hash, *end;

	end = s.s + s.len;
	for (hash = s.s; (hash = memchr(hash, '#', (size_t)(end - hash))) !=
	    NULL; hash++)
		if (hash > s.s && hash[-1] == '(' &&
		    status_token(rest(s, hash + 1), st) > 0)
			return 1;
	return 0;
}

/*
 * qmail's convention: the enhanced code in "(#5.1.1)" at the end of a
 * text that may have no basic code ("Sorry, no mailbox here by that
 * name. (#5.1.1)").  The whole line is the text.  1 if one was found.
 */
static int
read_qmail(struct span s, struct smtpcode_reply *r, int *more)
{
	struct smtpcode_status st;

	(void)more;
	if (!qmail_status(s, &st))
		return 0;
	r->has_status = 1;
	r->status = st;
	append_text(r, skip_blanks(s));
	return 1;
}

/* The first reply that starts a token in s; 1 if one was found. */
static int
read_first_reply(struct span s, struct smtpcode_reply *r, int *more)
{
	const char *quote;
	struct span at;
	size_t i;
	int code;

	for (i = 0; i < s.len; i++) {
		if (s.s[i] < '2' || s.s[i] > '5' ||
		    (i > 0 && !is_boundary(s.s[i - 1])))
			continue;
		at = rest(s, s.s + i);
		if (code_token(at, &code) == 0)
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

/* Zoho's key, which it may give again before the enhanced code. */
#define KEY_AGAIN	"ERROR_CODE"
#define KEY_AGAIN_LEN	(sizeof(KEY_AGAIN) - 1)

/*
 * A code at the start of s that one of the bytes of ends (or the end)
 * follows, then its enhanced code if any and the text, read into r.  1
 * if one was found, r left as it was if not.
 */
static int
read_code_value(struct span s, const char *ends, struct smtpcode_reply *r)
{
	struct smtpcode_status st;
	struct span code;
	size_t n;
	int c;

	code = s;
	code.len = 3;
	if (s.len < 3 || code_token(code, &c) == 0 ||
	    (s.len > 3 && strchr(ends, s.s[3]) == NULL))
		return 0;
	r->code = c;
	s = rest(s, s.s + 3 + (s.len > 3));
	s = skip_blanks(s);
	/* Zoho's "ERROR_CODE :550, ERROR_CODE :5.1.1 ...": the key again. */
	if (s.len > KEY_AGAIN_LEN && strncasecmp(s.s, KEY_AGAIN,
	    KEY_AGAIN_LEN) == 0) {
		s = rest(s, s.s + KEY_AGAIN_LEN);
		while (s.len > 0 && (*s.s == ' ' || *s.s == ':'))
			s = rest(s, s.s + 1);
	}
	if ((n = status_token(s, &st)) > 0) {
		r->has_status = 1;
		r->status = st;
		s = skip_blanks(rest(s, s.s + n));
	}
	append_text(r, s);
	return 1;
}

/*
 * A vendor's key and its code, "ResponseCode 421, text" or "ERROR_CODE
 * :550, ...": the code after blanks or ':', ended by a blank, ',' or ';',
 * then an enhanced code if any, then the text.  1 if one was found.
 */
static int
read_keyed(struct span s, struct smtpcode_reply *r, int *more)
{
	(void)more;
	while (s.len > 0 && (*s.s == ' ' || *s.s == '\t' || *s.s == ':'))
		s = rest(s, s.s + 1);
	return read_code_value(s, " \t,;", r);
}

/*
 * Exchange's "Remote Server returned '550 5.1.1 ...'": the reply is the
 * quote's, up to its last "'" (the text may hold an apostrophe).
 */
static int
read_returned(struct span s, struct smtpcode_reply *r, int *more)
{
	size_t len;

	for (len = s.len; len > 0 && s.s[len - 1] != '\''; len--)
		continue;
	if (len > 0)
		s.len = len - 1;
	return read_first_reply(s, r, more);
}

/*
 * The readers of what follows a line's first words (see leading): each
 * reads the rest of the line, s, into r and returns 1 if it held a
 * reply; the caller sets the source, and empties r on 0.
 */

/* A DSN's "Status: 5.1.1": an enhanced code alone. */
static int
read_status(struct span s, struct smtpcode_reply *r, int *more)
{
	return read_reply(skip_blanks(s), r, more) && r->code == 0;
}

/* Postfix's "said: 550 ..." that its bounce wraps to a line's start. */
static int
read_said(struct span s, struct smtpcode_reply *r, int *more)
{
	struct span line;
	const char *note;

	line = s;
	if ((note = find(s, POSTFIX_COMMAND, sizeof(POSTFIX_COMMAND) - 1,
	    1)) != NULL)
		s.len = (size_t)(note - s.s);
	if (!read_first_reply(s, r, more))
		return 0;
	postfix_command(line, r);
	return 1;
}

/*
 * The remote server's reply that a relay's own enhanced code quotes,
 * "550-'5.2.2 ...'" or "550 '5.2.2 ...'" (Amazon SES, IronPort: "5.1.0 -
 * Unknown address error 550-'5.2.2 ... Mailbox Full'"): a code, '-' or
 * ' ', then a quote.  The quoted reply replaces r's text and code; its
 * own enhanced code, if it has one, replaces the relay's, which is kept
 * otherwise ("550-'No such user'" is 550 with the relay's 5.1.0).  1 if
 * one was found, r left as it was if not.
 */
static int
read_quoted(struct span s, struct smtpcode_reply *r)
{
	struct smtpcode_status st;
	struct span at;
	size_t i, n;
	int code;

	for (i = 1; i + 5 < s.len; i++) {
		if (s.s[i + 3] != '-' && s.s[i + 3] != ' ')
			continue;
		if ((s.s[i + 4] != '\'' && s.s[i + 4] != '"') ||
		    !is_boundary(s.s[i - 1]))
			continue;
		at = rest(s, s.s + i);
		if (code_token(at, &code) == 0)
			continue;
		at = rest(at, at.s + 5);
		if ((n = status_token(at, &st)) > 0) {
			r->has_status = 1;
			r->status = st;
			at = rest(at, at.s + n);
		}
		r->code = code;
		r->text_len = 0;
		append_text(r, skip_blanks(at));
		return 1;
	}
	return 0;
}

/*
 * "Diagnostic-Code: smtp; 550 ...": the reply after the type.  A field
 * of a quoted-printable part ends in '=' where its line was broken,
 * "550=" or "550 5.1.1=": the '=' is no part of the code.  A field that
 * starts with an enhanced code alone may quote the remote reply later;
 * the quote's lines that follow are its text.
 */
static int
read_diagnostic(struct span s, struct smtpcode_reply *r, int *more)
{
	const char *semi;

	if ((semi = memchr(s.s, ';', s.len)) != NULL)
		s = rest(s, semi + 1);
	if (s.len > 1 && s.s[s.len - 1] == '=' && is_digit(s.s[s.len - 2]))
		s.len--;
	if (!read_reply(s, r, more))
		return 0;
	if (r->code == 0)
		read_quoted(s, r);
	return 1;
}

#define WORD(text)	text, sizeof(text) - 1

/*
 * What a line can start with, and who reads the rest: a DSN field,
 * "Status:" or "Diagnostic-Code:", or a report's own layout (Postfix's
 * "said: " that its bounce wraps to the start of a line, a vendor's
 * "ResponseCode 421", "ERROR_CODE :550", Exchange's "Remote Server
 * returned '550 ...'").  The words are matched ignoring case.
 */
static const struct leading {
	const char	*word;
	size_t		 len;
	enum smtpcode_source source;
	int		 owns;	/* the line is the field's: no other reader */
	int		 one_line;	/* no "550-" line of the reply follows */
	int		(*read)(struct span, struct smtpcode_reply *, int *);
} leadings[] = {
	{ WORD("Status:"), SMTPCODE_SOURCE_DSN_STATUS, 1, 0, read_status },
	{ WORD("said: "), SMTPCODE_SOURCE_POSTFIX, 0, 1, read_said },
	{ WORD("ResponseCode"), SMTPCODE_SOURCE_TEXT, 0, 1, read_keyed },
	{ WORD("ERROR_CODE"), SMTPCODE_SOURCE_TEXT, 0, 1, read_keyed },
	{ WORD("Remote Server returned '"), SMTPCODE_SOURCE_TEXT, 0, 1,
	  read_returned },
	{ WORD("Diagnostic-Code:"), SMTPCODE_SOURCE_DSN_DIAGNOSTIC, 1, 0,
	  read_diagnostic }
};

#define NLEADINGS	(sizeof(leadings) / sizeof(leadings[0]))

/*
 * A line that starts with one of the leading words: 1 if its reader
 * found a reply (r filled, its source set); -1 if it found none in a
 * field that owns its line (r left empty), so that no other reader
 * takes it; 0 otherwise, r left empty, for the other readers.
 */
static int
read_leading(struct span line, struct smtpcode_reply *r, int *more)
{
	const struct leading *l;
	struct span s;
	size_t i;
	int c;

	s = skip_blanks(line);
	/* Most lines start otherwise: look at the first letter first. */
	if (s.len == 0)
		return 0;
	c = *s.s | 0x20;
	if (c != 's' && c != 'd' && c != 'r' && c != 'e')
		return 0;
	for (i = 0; i < NLEADINGS; i++) {
		l = &leadings[i];
		if ((*l->word | 0x20) != c || s.len < l->len ||
		    strncasecmp(s.s, l->word, l->len) != 0)
			continue;
		if (!l->read(rest(s, s.s + l->len), r, more)) {
			clear_reply(r);
			return l->owns ? -1 : 0;
		}
		r->source = l->source;
		if (l->one_line)
			*more = 0;
		return 1;
	}
	return 0;
}

/* The line's command, from Postfix's "(in reply to X command)". */
static void
postfix_command(struct span line, struct smtpcode_reply *r)
{
	const char *note;

	if ((note = find(line, POSTFIX_COMMAND, sizeof(POSTFIX_COMMAND) - 1,
	    1)) == NULL)
		return;
	r->command = command_named(rest(line, note + strlen(POSTFIX_COMMAND)));
}

#define NMARKERS	(sizeof(markers) / sizeof(markers[0]))

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether the line starts with a date and time, "2024-03-07 09:00:02"
 * (Exim's main log) or, with sep 'T', "2024-03-07T09:00:02" (ISO 8601).
 */
static int
dated(const char *s, size_t len, int sep)
{
	return len > 19 && is_digit(s[0]) && is_digit(s[3]) && s[4] == '-' &&
	    s[7] == '-' && s[10] == sep && s[13] == ':' && s[16] == ':';
}

/* Where a syslog line's program name may end: its first 160 bytes. */
#define PROGRAM_WITHIN	160

/*
 * The syslog program name of a line: the word before the first '[' of
 * the line's start when a process id follows ("postfix/smtpd" of
 * "postfix/smtpd[123]:", "sm-mta"); *n is 0 when the line has none.
 * One memchr, where a search per program cost a tenth of a scan.
 */
const char *
smtpcode_log_program(const char *line, size_t len, size_t *n)
{
	const char *bracket, *name, *p, *end;

	*n = 0;
	end = line + len;
	if ((bracket = memchr(line, '[', len < PROGRAM_WITHIN ? len :
	    PROGRAM_WITHIN)) == NULL)
		return line;
	for (p = bracket + 1; p < end && is_digit(*p); p++)
		continue;
	if (p == bracket + 1 || p == end || *p != ']')
		return line;
	for (name = bracket; name > line && name[-1] != ' '; name--)
		continue;
	*n = (size_t)(bracket - name);
	return name;
}

/* A line's first LOG_TAG_MAX bytes, where a log names its program. */
static struct span
head_of(struct span line)
{
	if (line.len > LOG_TAG_MAX)
		line.len = LOG_TAG_MAX;
	return line;
}

/*
 * Which log wrote the line, by its first bytes: a syslog line names
 * Postfix ("postfix/smtp[", "postfix-out/smtp[") or Sendmail ("sm-mta[",
 * "sendmail[") before its text; Exim's main log starts with the date,
 * "2026-12-02 10:01:02", as a syslog's may ("2026-12-02 10:01:02 mx1
 * postfix/smtp[123]: "), whose program tells.  LOG_OTHER when none.
 */
static unsigned
log_of(struct span line)
{
	static const char *const servers[] = { "smtpd", "postscreen",
	    "cleanup" };
	struct span tag;
	const char *name, *slash;
	size_t i, n;

	name = smtpcode_log_program(line.s, line.len, &n);
	if (n >= 7 && memcmp(name, "postfix", 7) == 0) {
		/* "postfix/smtpd", "postfix-out/submission/smtpd". */
		for (slash = name + n; slash > name && slash[-1] != '/';
		    slash--)
			continue;
		n -= (size_t)(slash - name);
		for (i = 0; i < sizeof(servers) / sizeof(servers[0]); i++)
			if (strlen(servers[i]) == n &&
			    memcmp(slash, servers[i], n) == 0)
				return LOG_SMTPD;
		return LOG_POSTFIX;
	}
	if ((n == 6 && memcmp(name, "sm-mta", 6) == 0) ||
	    (n == 8 && memcmp(name, "sendmail", 8) == 0))
		return LOG_SENDMAIL;
	if (dated(line.s, line.len, ' '))
		return LOG_EXIM;
	/* Other layouts: the names anywhere near the start. */
	tag = head_of(line);
	if (find(tag, "postfix", 7, 1) != NULL)
		return LOG_POSTFIX | LOG_SMTPD;
	if (find(tag, "sm-mta[", 7, 6) != NULL ||
	    find(tag, "sendmail[", 9, 8) != NULL)
		return LOG_SENDMAIL;
	return LOG_OTHER;
}

/* The command quoted before at, the quote that at closes, or 0. */
static unsigned
quoted_command(struct span line, const char *at)
{
	const char *q;

	for (q = at; q > line.s && q[-1] != '"'; q--)
		continue;
	return q > line.s ? command_named(rest(line, q)) : 0;
}

/* The reply that after starts with, read as a marker's flags say. */
static int
read_value(struct span after, unsigned flags, struct smtpcode_reply *r,
    int *lines)
{
	if ((flags & MARK_KEYED) != 0)
		return read_keyed(after, r, lines);
	if ((flags & (MARK_CLIENT | MARK_HELO)) != 0)
		return read_reply(after, r, lines);
	return read_first_reply(after, r, lines);
}

/*
 * The reply after marker m, which begins at at in line, read into r: 1
 * if one was found, 0 if not, -1 if what follows is a step of a
 * session, not its outcome (MARK_FAILURES), so that no other reader
 * takes the line for a reply.  *more is kept only where MARK_LINES says
 * that the reply's lines go on.  r is touched only when 1 is returned.
 */
static int
read_after(struct span line, const struct marker *m, const char *at,
    struct smtpcode_reply *r, int *more)
{
	enum smtpcode_source source;
	const char *note;
	struct span after;
	int code, lines;

	lines = 0;
	after = rest(line, at + m->len);
	source = m->quoted != SMTPCODE_SOURCE_NONE && after.len > 0 &&
	    *after.s == '"' ? m->quoted : m->source;
	if ((m->flags & MARK_AFTER) != 0) {
		if ((note = find(after, EXIM_AFTER, sizeof(EXIM_AFTER) - 1,
		    1)) == NULL)
			return 0;
		after = rest(after, note + sizeof(EXIM_AFTER) - 1);
	}
	/* A marker that opens a quote: the reply ends at its close. */
	if (m->text[m->len - 1] == '"' &&
	    (note = memchr(after.s, '"', after.len)) != NULL)
		after.len = (size_t)(note - after.s);
	if ((m->flags & MARK_NOTE) != 0 && (note = find(after,
	    POSTFIX_COMMAND, sizeof(POSTFIX_COMMAND) - 1, 1)) != NULL)
		after.len = (size_t)(note - after.s);
	if ((m->flags & MARK_FAILURES) != 0 && code_token(skip_blanks(after),
	    &code) > 0 && code < 400)
		return -1;
	if ((m->flags & MARK_CLIENT) != 0) {
		if ((note = find(after, "]: ", 3, 0)) == NULL)
			return 0;
		after = rest(after, note + 3);
	}
	if ((m->flags & MARK_HELO) != 0) {
		if ((note = find(after, " helo=<", 7, 5)) == NULL ||
		    (note = find(rest(after, note), ">: ", 3, 1)) == NULL)
			return 0;
		after = rest(after, note + 3);
	}
	/* It reads into r only a reply that it finds. */
	if (!read_value(after, m->flags, r, &lines))
		return 0;
	r->source = source;
	r->command = m->command;
	if ((m->flags & MARK_AFTER) != 0)
		r->command = command_named(after);
	else if ((m->flags & MARK_RESPONSE) != 0 && (note = find(line,
	    EXIM_RESPONSE, sizeof(EXIM_RESPONSE) - 1, 1)) != NULL)
		r->command = command_named(rest(line, note +
		    sizeof(EXIM_RESPONSE) - 1));
	else if ((m->flags & MARK_QUOTED) != 0)
		r->command = quoted_command(line, at);
	else if ((m->flags & MARK_NOTE) != 0 && m->command == 0)
		postfix_command(line, r);
	*more = (m->flags & MARK_LINES) != 0 ? lines : 0;
	return 1;
}

/*
 * A reply quoted after one of the log formats' markers: the first in
 * the table's order whose reply is found wins, of those the line's log
 * (log_of()) writes.  1 if one was found, 0 if not, -1 if the line is a
 * session's step that is no reply.
 */
static int
read_marked(struct span line, unsigned log, struct smtpcode_reply *r,
    int *more)
{
	const struct marker *m;
	const char *at;
	size_t i;
	int found;

	for (i = 0; i < NMARKERS; i++) {
		m = &markers[i];
		if ((m->logs & log) == 0 ||
		    (at = find(line, m->text, m->len, m->anchor)) == NULL)
			continue;
		if ((found = read_after(line, m, at, r, more)) != 0)
			return found;
	}
	return 0;
}

/* A Postfix or Sendmail "dsn=5.1.1" with no reply quoted. */
static int
read_dsn_key(struct span line, struct smtpcode_reply *r, int *more)
{
	struct smtpcode_status st;
	const char *at;

	(void)more;
	if ((at = find(line, "dsn=", 4, 2)) == NULL ||
	    status_token(rest(line, at + 4), &st) == 0)
		return 0;
	r->has_status = 1;
	r->status = st;
	return 1;
}

/* Yahoo's bracketed rule marker, [TSS04] or [TS01], kept for the page. */
static void
find_marker(struct smtpcode_reply *r)
{
	struct span text;
	const char *at;
	size_t len;

	text.s = r->text;
	text.len = r->text_len;
	for (at = text.s; (at = find(rest(text, at), "[TS", 3, 1)) != NULL;
	    at++) {
		len = 3 + (at[3] == 'S');
		if (at + len + 3 > text.s + text.len || !is_digit(at[len]) ||
		    !is_digit(at[len + 1]) || at[len + 2] != ']')
			continue;
		memcpy(r->marker, at + 1, len + 1);
		r->marker[len + 1] = '\0';
		return;
	}
}

/*
 * The words by which logs name a host, before its name, each with its
 * rarest byte for find() (not the space), and the form the host must
 * take: "host" and "from" are words of servers' texts too ("Client host
 * rejected", "Client host [192.0.2.1] blocked", "mail from a@b").  The
 * server that replied: Postfix's relay= and "host X[...] said", Exim's
 * H=, Sendmail's relay=, OpenSMTPD's relay="X (...)".  The client our
 * server refused: Postfix's "RCPT from X[...]", Exim's H=, Sendmail's
 * relay=.
 */
enum host_form {
	HOST_ANY,		/* a name, or an address in brackets */
	HOST_BRACKETED,		/* either, an address in brackets after */
	HOST_NAMED		/* a name, an address in brackets after */
};

struct host_key {
	const char	*key;
	size_t		 anchor;
	enum host_form	 form;
};

static const struct host_key server_keys[] = {
	{ "relay=", 4, HOST_ANY }, { " H=", 1, HOST_ANY },
	{ " host ", 1, HOST_NAMED }
};

static const struct host_key client_keys[] = {
	{ " from ", 1, HOST_BRACKETED }, { " H=", 1, HOST_ANY },
	{ "relay=", 4, HOST_ANY }
};

/*
 * A host name's bytes, each lower-cased; 0 (the bytes not named) for a
 * byte that is none: a table, as each reply's host is copied for the
 * memo's key.
 */
static const char host_bytes[256] = {
	['-'] = '-', '.',
	['0'] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
	['A'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	    'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
	['_'] = '_',
	['a'] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	    'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z'
};

/*
 * Copy the host name or address at p (up to end), lower-cased, into
 * buf (size bytes, NUL-terminated); an address's ':' is kept.  Return
 * how many bytes of p it took.
 */
static size_t
host_word(const char *p, const char *end, int address, char *buf,
    size_t size)
{
	size_t i;
	char c;

	for (i = 0; p + i < end && i + 1 < size; i++) {
		if ((c = host_bytes[(unsigned char)p[i]]) == 0 &&
		    (!address || (c = p[i]) != ':'))
			break;
		buf[i] = c;
	}
	buf[i] = '\0';
	return i;
}

/*
 * Where the address in brackets after a host's name begins: "[" right
 * after it, or after a blank and Exim's "(helo)"; NULL if none.
 */
static const char *
bracket_after(const char *p, const char *end)
{
	if (p < end && *p == ' ')
		p++;
	if (p < end && *p == '(') {
		if ((p = memchr(p, ')', (size_t)(end - p))) == NULL)
			return NULL;
		if (++p < end && *p == ' ')
			p++;
	}
	return p < end && *p == '[' ? p + 1 : NULL;
}

/*
 * The host the reply's log line names by the first of the keys (n of
 * them) found, into buf (size bytes), without a final dot: its name, or
 * its address where the name is missing or "unknown".  Return its
 * length, 0 if the line names none.
 */
static size_t
reply_host_by(const struct smtpcode_reply *r, const struct host_key *keys,
    size_t nkeys, char *buf, size_t size)
{
	struct span line;
	const char *at, *end, *addr;
	size_t i, k, n;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (r->line == NULL || r->source == SMTPCODE_SOURCE_REPLY ||
	    r->source == SMTPCODE_SOURCE_DSN_STATUS ||
	    r->source == SMTPCODE_SOURCE_DSN_DIAGNOSTIC ||
	    r->source == SMTPCODE_SOURCE_TRANSCRIPT)
		return 0;
	line.s = r->line;
	line.len = r->line_len;
	end = line.s + line.len;
	for (k = 0; k < nkeys; k++) {
		n = strlen(keys[k].key);
		if ((at = find(line, keys[k].key, n, keys[k].anchor)) == NULL)
			continue;
		at += n;
		/* OpenSMTPD quotes its value: relay="mx.example.com (ip)". */
		if (at < end && *at == '"')
			at++;
		i = host_word(at, end, 0, buf, size);
		addr = bracket_after(at + i, end);
		if ((keys[k].form != HOST_ANY && addr == NULL) ||
		    (keys[k].form == HOST_NAMED && i == 0))
			continue;
		if ((i == 0 || strcmp(buf, "unknown") == 0) && addr != NULL)
			i = host_word(addr, end, 1, buf, size);
		while (i > 0 && buf[i - 1] == '.')
			buf[--i] = '\0';
		if (i > 0)
			return i;
	}
	buf[0] = '\0';
	return 0;
}

/*
 * The remote server that the reply's log line names, lower-cased, into
 * buf (size bytes), so that a provider can be known by its MX hosts.
 * Return its length, 0 if the line names none.
 */
size_t
smtpcode_reply_host(const struct smtpcode_reply *r, char *buf, size_t size)
{
	return reply_host_by(r, server_keys, sizeof(server_keys) /
	    sizeof(server_keys[0]), buf, size);
}

/*
 * The client that our server refused in the reply's log line (an
 * inbound reply's remote host), as smtpcode_reply_host() gives the
 * server.
 */
size_t
smtpcode_reply_client(const struct smtpcode_reply *r, char *buf,
    size_t size)
{
	return reply_host_by(r, client_keys, sizeof(client_keys) /
	    sizeof(client_keys[0]), buf, size);
}

/*
 * Empty a reply.  Its text buffer is left as it is, past the NUL: a
 * log line is parsed a million times, and clearing 2 KiB each time
 * would cost more than the parse.
 */
static void
clear_reply(struct smtpcode_reply *r)
{
	r->code = 0;
	r->has_status = 0;
	r->status.class_digit = r->status.subject = r->status.detail = 0;
	r->command = 0;
	r->source = SMTPCODE_SOURCE_NONE;
	r->marker[0] = '\0';
	r->line = NULL;
	r->line_len = 0;
	r->incomplete = r->truncated = 0;
	r->text_len = 0;
	r->text[0] = '\0';
	r->recipients_len = 0;
	r->recipients_one = 0;
	r->action = SMTPCODE_ACTION_NONE;
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
			clear_reply(&line_reply);
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
	    r->source == SMTPCODE_SOURCE_TRANSCRIPT ||
	    r->source == SMTPCODE_SOURCE_QMAIL) && more;
	return total;
}

/*
 * A line that starts with a reply is that reply, whatever it quotes
 * ("450 4.1.7 ...: host x said: 550 5.1.1 ..."), also with a colon after
 * its code as Yahoo writes it ("550: 5.1.1 ...").
 */
static int
read_started(struct span line, struct smtpcode_reply *r, int *more)
{
	struct span s;
	int code;

	s = skip_blanks(line);
	if (code_token(s, &code) > 0) {
		if (!read_reply(line, r, more))
			return 0;
	} else if (s.len > 4 && s.s[3] == ':' && s.s[4] == ' ') {
		/* Yahoo's "554: delivery error: dd ...": at a line's start. */
		if (!read_code_value(s, ":", r))
			return 0;
		*more = 0;
	} else
		return 0;
	r->source = SMTPCODE_SOURCE_REPLY;
	return 1;
}

/*
 * A bounce's paragraph that gives the reply right after its recipient,
 * "<bob@example.org>: 550 user unknown (in reply to RCPT TO command)"
 * (Postfix's layout without its "host X said:"); the pair "550 5.1.1"
 * is found so anyway, a code alone only so.  1 if one was read.
 */
static int
read_addressed(struct span line, struct smtpcode_reply *r, int *more)
{
	const char *close, *note;
	struct span at;
	int code;

	if (line.len < 8 || *line.s != '<' ||
	    (close = memchr(line.s, '>', line.len)) == NULL ||
	    close + 2 >= line.s + line.len || close[1] != ':')
		return 0;
	at = skip_blanks(rest(line, close + 2));
	/* The note is Postfix's, not the server's: the text ends before. */
	if ((note = find(at, POSTFIX_COMMAND, sizeof(POSTFIX_COMMAND) - 1,
	    1)) != NULL)
		at.len = (size_t)(note - at.s);
	if (code_token(at, &code) == 0 || !read_reply(at, r, more))
		return 0;
	*more = 0;
	postfix_command(line, r);
	return 1;
}

/*
 * Where a line's "550 5.1.1" pair is looked for: in a Postfix delivery
 * agent's line, after its ", status=", before which its fields (relay=,
 * delays=0.1/0/0.2/0.2, dsn=) hold many dots and no reply; else all of
 * it.
 */
static struct span
pair_span(struct span line, unsigned log)
{
	const char *at;

	if (log != LOG_POSTFIX || (at = find(line, POSTFIX_STATUS,
	    sizeof(POSTFIX_STATUS) - 1, 6)) == NULL)
		return line;
	return rest(line, at);
}

/*
 * The reply that opens the parenthesis after Postfix's status word,
 * ", status=sent (250 Message accepted for delivery)", a code alone
 * too; its closing parenthesis is Postfix's, not the server's text.
 * 1 with r filled, or 0.
 */
static int
read_status_reply(struct span status, struct smtpcode_reply *r, int *more)
{
	const char *open;
	size_t n;

	n = sizeof(POSTFIX_STATUS) - 1;
	/* The status word is short: "sent", "deferred", "SOFTBOUNCE". */
	if (status.len <= n || (open = memchr(status.s + n, '(', status.len -
	    n < 24 ? status.len - n : 24)) == NULL || open[-1] != ' ')
		return 0;
	status = rest(status, open + 1);
	if (status.len > 0 && status.s[status.len - 1] == '\r')
		status.len--;
	if (status.len > 0 && status.s[status.len - 1] == ')')
		status.len--;
	return read_reply(status, r, more);
}

#define COURIER_ESMTP	"courieresmtp"
#define COURIER_ADDR	",addr=<"
#define COURIER_TO	",to=<"
#define COURIER_MSG	"msg=\""
#define COURIER_AFTER	">: "

/*
 * Courier's log of its SMTP client and server, "courieresmtp: id=...,
 * addr=<bob@example.org>: 550 5.1.1 ...", "courieresmtpd: error,relay=
 * ...,to=<bob@example.org>: 550 User unknown." and "error,relay=...,
 * msg=\"535 Authentication failed.\",cmd: AUTH LOGIN": the reply right
 * after the address, a code alone too, or in msg="...".  1 with r
 * filled, -1 for such a line without one ("addr=<...>,size=550,success:
 * ..."), 0 for another line.
 */
static int
read_courier(struct span line, struct smtpcode_reply *r, int *more)
{
	struct span at;
	const char *p, *q;
	int code;

	if (find(head_of(line), COURIER_ESMTP, sizeof(COURIER_ESMTP) - 1,
	    0) == NULL)
		return 0;
	if ((p = find(line, COURIER_MSG, sizeof(COURIER_MSG) - 1, 3)) !=
	    NULL) {
		at = rest(line, p + sizeof(COURIER_MSG) - 1);
		if ((q = memchr(at.s, '"', at.len)) != NULL)
			at.len = (size_t)(q - at.s);
	} else if ((p = find(line, COURIER_AFTER, sizeof(COURIER_AFTER) - 1,
	    0)) != NULL)
		at = rest(line, p + sizeof(COURIER_AFTER) - 1);
	else
		return -1;
	if (code_token(at, &code) == 0 || !read_reply(at, r, more))
		return -1;
	*more = 0;
	r->source = SMTPCODE_SOURCE_TEXT;
	return 1;
}

/* qmail-send's words for a delivery's outcome, each after ": ". */
static const char *const qmail_outcomes[] = { "failure: ", "deferral: ",
    "success: " };

#define QMAIL_DELIVERY	" delivery "
#define QMAIL_SAID	"Remote host said: "

/*
 * qmail-send's log of a delivery, "delivery 42: failure: 192.0.2.5_
 * does_not_like_recipient./Remote_host_said:_550_5.1.1_.../Giving_up_
 * on_192.0.2.5./": its report, which writes '_' for each blank and '/'
 * after each sentence, is read as a bounce's with blanks again, from a
 * copy on the stack.  1 with r filled, -1 for such a line without a
 * reply, 0 for another line.
 */
static int
read_qmail_send(struct span line, struct smtpcode_reply *r, int *more)
{
	char copy[SMTPCODE_TEXT_SIZE];
	struct span report;
	const char *at;
	size_t i, n;
	int found;

	if ((at = find(head_of(line), QMAIL_DELIVERY,
	    sizeof(QMAIL_DELIVERY) - 1, 1)) == NULL)
		return 0;
	report = rest(line, at + sizeof(QMAIL_DELIVERY) - 1);
	for (n = 0; n < report.len && report.s[n] >= '0' &&
	    report.s[n] <= '9'; n++)
		continue;
	if (n == 0 || n + 2 > report.len || report.s[n] != ':' ||
	    report.s[n + 1] != ' ')
		return 0;
	report = rest(report, report.s + n + 2);
	for (i = 0; i < sizeof(qmail_outcomes) / sizeof(qmail_outcomes[0]);
	    i++) {
		n = strlen(qmail_outcomes[i]);
		if (report.len > n && memcmp(report.s, qmail_outcomes[i],
		    n) == 0)
			break;
	}
	if (i == sizeof(qmail_outcomes) / sizeof(qmail_outcomes[0]))
		return 0;
	report = rest(report, report.s + n);
	if (report.len > sizeof(copy))
		report.len = sizeof(copy);
	for (i = 0; i < report.len; i++)
		copy[i] = report.s[i] == '_' || report.s[i] == '/' ? ' ' :
		    report.s[i];
	report.s = copy;
	if ((at = find(report, QMAIL_SAID, sizeof(QMAIL_SAID) - 1, 0)) !=
	    NULL)
		found = read_reply(rest(report, at + sizeof(QMAIL_SAID) - 1), r,
		    more);
	else
		found = read_qmail(report, r, more);
	*more = 0;
	if (!found)
		return -1;
	r->source = SMTPCODE_SOURCE_QMAIL;
	return 1;
}

/*
 * Failing the forms above: qmail-send's and Courier's logs, which no
 * marker finds; the reply or an enhanced code alone at the start of the
 * line, the reply in a Postfix status's parenthesis, a "550 5.1.1" pair
 * inside other text (whose lines are the text's own), qmail's
 * "(#5.1.1)" but in the logs of other MTAs (log, of log_of()), a log's
 * "dsn=5.1.1" but in Exim's and Postfix's smtpd's, which write none.  1 with r filled and its source set, or 0
 * with r untouched.
 */
static int
read_rest(struct span line, unsigned log, struct smtpcode_reply *r,
    int *more)
{
	struct span status;
	int found;

	if (log == LOG_OTHER && ((found = read_qmail_send(line, r, more)) !=
	    0 || (found = read_courier(line, r, more)) != 0))
		return found;
	status = pair_span(line, log);
	if (read_reply(line, r, more))
		r->source = SMTPCODE_SOURCE_REPLY;
	else if (status.s != line.s && read_status_reply(status, r, more)) {
		*more = 0;
		r->source = SMTPCODE_SOURCE_TEXT;
	} else if (read_pair(status, r, more)) {
		*more = 0;
		r->source = SMTPCODE_SOURCE_TEXT;
	} else if (log == LOG_OTHER && read_addressed(line, r, more))
		r->source = SMTPCODE_SOURCE_TEXT;
	else if (log == LOG_OTHER && read_qmail(line, r, more))
		r->source = SMTPCODE_SOURCE_QMAIL;
	else if (log != LOG_EXIM && log != LOG_SMTPD &&
	    read_dsn_key(line, r, more))
		r->source = SMTPCODE_SOURCE_DSN_KEY;
	else
		return 0;
	return 1;
}

/*
 * Add a line that a bounce wraps the reply's text to (one that starts
 * with blanks) to r's text, as the reply's own lines are added: the
 * "550-5.7.26 " prefixes left out; Postfix's "(in reply to X command)"
 * ends the text and names the command, if none was.
 */
void
smtpcode_reply_append(struct smtpcode_reply *r, const char *in, size_t len)
{
	struct span line, text;
	const char *note;
	unsigned command;

	line.s = in;
	line.len = len;
	line = skip_blanks(line);
	if (line.len > 0 && line.s[line.len - 1] == '\r')
		line.len--;
	if (r->text_len > 0 && r->text_len + 1 < sizeof(r->text))
		r->text[r->text_len++] = ' ';
	append_text(r, line);
	/* The note may have been wrapped: look for it in the whole text. */
	text.s = r->text;
	text.len = r->text_len;
	if ((note = find(text, POSTFIX_COMMAND, sizeof(POSTFIX_COMMAND) - 1,
	    1)) != NULL) {
		command = command_named(rest(text, note +
		    sizeof(POSTFIX_COMMAND) - 1));
		if (r->command == 0)
			r->command = command;
		r->text_len = (size_t)(note - r->text);
	}
	trim_text(r);
}

/*
 * The command that Postfix's smtpd or cleanup names in its refusal:
 * "NOQUEUE: reject: RCPT from ...", "milter-reject: END-OF-MESSAGE from
 * ...", "reject: header Subject: ..." (header_checks, at end of data).
 */
static const struct command_word smtpd_words[] = {
	{ "RCPT ", SMTPCODE_STAGE_RCPT },
	{ "MAIL ", SMTPCODE_STAGE_MAIL },
	{ "DATA ", SMTPCODE_STAGE_DATA },
	{ "END-OF-MESSAGE ", SMTPCODE_STAGE_EOD },
	{ "header ", SMTPCODE_STAGE_EOD },
	{ "body ", SMTPCODE_STAGE_EOD },
	{ "CONNECT ", SMTPCODE_STAGE_CONNECT },
	{ "EHLO ", SMTPCODE_STAGE_EHLO },
	{ "HELO ", SMTPCODE_STAGE_EHLO },
	{ "VRFY ", SMTPCODE_STAGE_VRFY },
	{ "ETRN ", SMTPCODE_STAGE_ETRN }
};

#define SMTPD_REJECT	"reject: "

static unsigned
smtpd_command(struct span line)
{
	const char *at;
	struct span s;
	size_t i, n;

	if ((at = find(line, SMTPD_REJECT, sizeof(SMTPD_REJECT) - 1, 2)) ==
	    NULL)
		return 0;
	s = rest(line, at + sizeof(SMTPD_REJECT) - 1);
	for (i = 0; i < sizeof(smtpd_words) / sizeof(smtpd_words[0]); i++) {
		n = strlen(smtpd_words[i].word);
		if (s.len >= n && memcmp(s.s, smtpd_words[i].word, n) == 0)
			return smtpd_words[i].stage;
	}
	return 0;
}

/*
 * The reply that line, the first of input, starts with: r filled, or
 * its source NONE when the line holds none.  used is the bytes of input
 * the line takes; return those the reply takes, its lines after.
 */
static size_t
parse_line(struct span input, struct span line, size_t used,
    struct smtpcode_reply *r)
{
	struct span text;
	unsigned log;
	int more, found;

	log = 0;
	/*
	 * The readers in order; each returns 1 with a reply (r filled),
	 * 0 for the next to look (r untouched), -1 when the line is its
	 * own and holds none.  Direct calls, so that they are inlined.
	 */
	more = 0;
	if ((found = read_leading(line, r, &more)) == 0 &&
	    (found = read_started(line, r, &more)) == 0) {
		log = log_of(line);
		if ((found = read_marked(line, log, r, &more)) == 0)
			found = read_rest(line, log, r, &more);
	}
	if (found != 1) {
		clear_reply(r);
		return used;
	}
	used += read_more(rest(input, input.s + used), r, more);
	r->line = line.s;
	r->line_len = used - (size_t)(line.s - input.s);
	trim_text(r);
	/* "553 sorry, ... (#5.7.1)": qmail's enhanced code, in the text. */
	if (r->code != 0 && !r->has_status) {
		text.s = r->text;
		text.len = r->text_len;
		r->has_status = qmail_status(text, &r->status);
	}
	/* Yahoo marks its refusals, never its 250s, half a log's lines. */
	if (r->code / 100 != 2)
		find_marker(r);
	if (log == LOG_SMTPD && r->command == 0)
		r->command = smtpd_command(line);
	return used;
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

	clear_reply(r);
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
	return skipped + parse_line(input, line, used, r);
}

/*
 * The same for one line of len bytes, which holds no newline, as a
 * scan reads them: its end is known, and no search finds it again.
 * Return 0 when the line is blank, its length otherwise.
 */
size_t
smtpcode_reply_parse_line(const char *in, size_t len,
    struct smtpcode_reply *r)
{
	struct span input, line;

	clear_reply(r);
	input.s = line.s = in;
	input.len = line.len = len;
	if (len > 0 && in[len - 1] == '\r')
		line.len--;
	if (skip_blanks(line).len == 0)
		return 0;
	return parse_line(input, line, len, r);
}

/*
 * What each byte is in an address kept: 0 not part of one (a blank, a
 * control, the punctuation around or between addresses), A the '@', U
 * an upper-case letter, 1 any other byte.  A table, as every byte of
 * every recipient of a scan passes here.
 */
enum { ADDRESS_NOT, ADDRESS_BYTE, ADDRESS_AT, ADDRESS_UPPER };
#define A	ADDRESS_AT
#define U	ADDRESS_UPPER
static const unsigned char address_bytes[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1,
	A, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};
#undef A
#undef U

/*
 * Append the address at a (len bytes, its <> taken off) to buf, which
 * holds *used bytes of size, after a comma; its domain (after its last
 * '@') goes in lower case.  What is not an address (no '@' between a
 * local part and a domain; a blank, a control byte, a quote or a
 * bracket; longer than SMTPCODE_ADDRESS_MAX) or does not fit is left
 * out, and buf is as it was.  Return whether it was added.
 */
static int
add_address(char *buf, size_t size, size_t *used, const char *a, size_t len)
{
	size_t i, at, n;
	char *out;
	int c, k;

	while (len > 0 && (*a == '<' || *a == ' ' || *a == '\t')) {
		a++;
		len--;
	}
	while (len > 0 && (a[len - 1] == '>' || a[len - 1] == ':' ||
	    a[len - 1] == ' ' || a[len - 1] == '\t' || a[len - 1] == '\r'))
		len--;
	n = *used > 0 ? 1 : 0;
	if (len == 0 || len > SMTPCODE_ADDRESS_MAX ||
	    *used + n + len + 1 > size)
		return 0;
	/*
	 * Copied as it is checked, in one pass, lower case after an '@';
	 * another '@' makes what came before the local part again.
	 */
	out = buf + *used + n;
	at = len;
	for (i = 0; i < len; i++) {
		c = (unsigned char)a[i];
		/* Most bytes are of an address and need no change. */
		if ((k = address_bytes[c]) == ADDRESS_BYTE) {
			out[i] = (char)c;
			continue;
		}
		if (k == ADDRESS_NOT)
			break;
		if (k == ADDRESS_AT) {
			if (at != len)
				memcpy(out, a, i);
			at = i;
		} else if (k == ADDRESS_UPPER && at != len)
			c += 'a' - 'A';
		out[i] = (char)c;
	}
	if (i < len || at == 0 || at >= len - 1) {
		buf[*used] = '\0';
		return 0;
	}
	if (n > 0)
		buf[*used] = ',';
	*used += n + len;
	buf[*used] = '\0';
	return 1;
}

#define FINAL_RECIPIENT		"Final-Recipient:"
#define ORIGINAL_RECIPIENT	"Original-Recipient:"
#define RCPT_TO			"RCPT TO:"

/*
 * Whether a line starts with a log's time stamp: syslog's "Mar  7
 * 09:00:02", or a date first, "2024-03-07 09:00:02" (Exim) or
 * "2024-03-07T09:00:02" (ISO 8601).  A bounce's lines do not.
 */
int
smtpcode_log_line(const char *in, size_t len)
{
	if (len >= 19 && is_alpha(in[0]) && is_alpha(in[1]) &&
	    is_alpha(in[2]) && in[3] == ' ' && (in[4] == ' ' ||
	    is_digit(in[4])) && is_digit(in[5]) && in[6] == ' ' &&
	    in[9] == ':' && in[12] == ':')
		return 1;
	return dated(in, len, ' ') || dated(in, len, 'T');
}

/*
 * Exim's flags of a delivery, a copy of one, a bounce, a deferral ("...
 * id => bob@"), a cutthrough delivery and one that -N suppressed, each
 * a word of two bytes between blanks in the first 64 bytes of its log's
 * line.
 */
static const char exim_flags[][3] = { "=>", "->", "**", "==", ">>", "*>" };
#define FLAGS_WITHIN	64

/* Where the line's Exim flag is, or NULL: from blank to blank. */
const char *
smtpcode_exim_flag(const char *line, size_t len)
{
	const char *p, *end;
	size_t k;

	end = line + (len < FLAGS_WITHIN ? len : FLAGS_WITHIN);
	for (p = line; end - p > 3 && (p = memchr(p, ' ', (size_t)(end - p -
	    3))) != NULL; p++) {
		if (p[3] != ' ')
			continue;
		for (k = 0; k < sizeof(exim_flags) / sizeof(exim_flags[0]); k++)
			if (p[1] == exim_flags[k][0] && p[2] == exim_flags[k][1])
				return p + 1;
	}
	return NULL;
}

/*
 * Where a line's client command "RCPT TO:" (in any case) has its colon,
 * or NULL.  Each colon's byte before is looked at first: a log line has
 * many colons and seldom an "o" before one.
 */
const char *
smtpcode_line_rcpt_to(const char *in, size_t len)
{
	const char *p, *end;
	size_t n;

	n = sizeof(RCPT_TO) - 2;
	end = in + len;
	for (p = in; (p = memchr(p, ':', (size_t)(end - p))) != NULL; p++)
		if ((size_t)(p - in) >= n && (p[-1] | 0x20) == 'o' &&
		    strncasecmp(p - n, RCPT_TO, n) == 0)
			return p;
	return NULL;
}

/* The address after Exim's flag at p, into buf as add_address puts it. */
static size_t
exim_recipient(const char *p, const char *end, char *buf, size_t size)
{
	const char *blank;
	size_t n, used;

	used = 0;
	p += 3;
	/* Exim's fields are one blank apart; a tab is no address's. */
	blank = memchr(p, ' ', (size_t)(end - p));
	n = blank != NULL ? (size_t)(blank - p) : (size_t)(end - p);
	add_address(buf, size, &used, p, n);
	return used;
}

/* The length of the word that s starts with, up to a blank. */
static size_t
first_word(struct span s)
{
	size_t n;

	for (n = 0; n < s.len && s.s[n] != ' ' && s.s[n] != '\t'; n++)
		continue;
	return n;
}

/*
 * The address of a Sendmail summary line, "550 5.1.1 <bob@...>... User
 * unknown" or "550 bob@example.org... Host unknown": after the codes, a
 * word that ends in "...", into *at; its length without them, or 0.
 */
static size_t
sendmail_summary(struct span line, const char **at)
{
	struct smtpcode_status st;
	struct span s;
	size_t n;
	int code;

	if ((n = code_token(line, &code)) == 0 || n == line.len)
		return 0;
	s = skip_blanks(rest(line, line.s + n + 1));
	if ((n = status_token(s, &st)) > 0)
		s = skip_blanks(rest(s, s.s + n));
	n = first_word(s);
	if (n < 4 || memcmp(s.s + n - 3, "...", 3) != 0)
		return 0;
	*at = s.s;
	return n - 3;
}

/*
 * The recipients that a line (len bytes) names, comma-separated into
 * buf (size bytes, NUL-terminated), each with its domain in lower case:
 * a DSN's "Final-Recipient: rfc822; bob@example.org" or its
 * Original-Recipient; a Postfix bounce paragraph's "<bob@example.org>:
 * host ..." (or "<bob@...> (expanded from ...): ..."); a Postfix or
 * Sendmail log line's "to=<bob@example.org>", each of a Sendmail list
 * "to=<a@x>,<b@y>, delay=..."; the address after Exim's flag ("=> ",
 * "-> ", "** ", "== ") in the line's first 64 bytes; the address of
 * Sendmail's "550 5.1.1 <bob@...>... User unknown"; an address that
 * starts the line.
 * Return the length, 0 when the line names none.
 */
size_t
smtpcode_line_recipients(const char *in, size_t len, char *buf, size_t size)
{
	struct span line;
	const char *p, *q, *end;
	size_t used, n;
	int exim;

	used = 0;
	if (size == 0)
		return 0;
	buf[0] = '\0';
	line.s = in;
	line.len = len;
	end = in + len;
	n = 0;
	/* The first byte first: a log line is neither field. */
	if (len > sizeof(FINAL_RECIPIENT) - 1 && (*in | 0x20) == 'f' &&
	    strncasecmp(in, FINAL_RECIPIENT, sizeof(FINAL_RECIPIENT) - 1) == 0)
		n = sizeof(FINAL_RECIPIENT) - 1;
	else if (len > sizeof(ORIGINAL_RECIPIENT) - 1 && (*in | 0x20) == 'o' &&
	    strncasecmp(in, ORIGINAL_RECIPIENT,
	    sizeof(ORIGINAL_RECIPIENT) - 1) == 0)
		n = sizeof(ORIGINAL_RECIPIENT) - 1;
	if (n > 0) {
		/* "rfc822; bob@example.org": the address type goes. */
		p = memchr(in + n, ';', len - n);
		p = p != NULL ? p + 1 : in + n;
		add_address(buf, size, &used, p, (size_t)(end - p));
		return used;
	}
	if (len > 1 && in[0] == '<' && in[1] != '<') {
		/* "<bob@...>: ...", "<bob@...> (expanded ...", or alone. */
		if ((p = memchr(in, '>', len)) != NULL && (p + 1 == end ||
		    p[1] == ':' || p[1] == ' ' || p[1] == '\r'))
			add_address(buf, size, &used, in + 1,
			    (size_t)(p - in - 1));
		return used;
	}
	/*
	 * Exim's line: the address after its flag, looked for first in its
	 * own log, whose lines start with the date, after to= in others.
	 */
	exim = dated(in, len, ' ');
	if (exim && (p = smtpcode_exim_flag(in, len)) != NULL)
		return exim_recipient(p, end, buf, size);
	if ((p = find(line, " to=", 4, 3)) != NULL) {
		/* Up to ", " or a blank: the list's own commas have none. */
		p += 4;
		while (p < end && *p != ' ' && *p != '\t') {
			/* "<bob@example.org>", to its '>' at once. */
			if (*p == '<' && (q = memchr(p, '>', (size_t)(end -
			    p))) != NULL && (q + 1 == end || q[1] == ',' ||
			    q[1] == ' ' || q[1] == '\t') && add_address(buf,
			    size, &used, p + 1, (size_t)(q - p - 1)))
				n = (size_t)(q + 1 - p);
			else {
				for (n = 0; p + n < end && p[n] != ',' &&
				    p[n] != ' ' && p[n] != '\t'; n++)
					;
				add_address(buf, size, &used, p, n);
			}
			p += n;
			if (p < end && *p == ',')
				p++;
		}
		return used;
	}
	if (!exim && (p = smtpcode_exim_flag(in, len)) != NULL)
		return exim_recipient(p, end, buf, size);
	/* Courier's log: "...,addr=<bob@...>: 550 ...", "...,to=<bob@...>: ". */
	if ((p = find(line, COURIER_ADDR, sizeof(COURIER_ADDR) - 1, 1)) !=
	    NULL)
		p += sizeof(COURIER_ADDR) - 1;
	else if ((p = find(line, COURIER_TO, sizeof(COURIER_TO) - 1, 1)) !=
	    NULL)
		p += sizeof(COURIER_TO) - 1;
	if (p != NULL) {
		if ((q = memchr(p, '>', (size_t)(end - p))) != NULL)
			add_address(buf, size, &used, p, (size_t)(q - p));
		return used;
	}
	/* A transcript's "RCPT TO:<bob@example.org>", in any case. */
	if ((p = smtpcode_line_rcpt_to(in, len)) != NULL) {
		for (n = 1; p + n < end && p[n] != '>' && p[n] != ' ' &&
		    p[n] != '\t'; n++)
			;
		add_address(buf, size, &used, p + 1, n - 1);
		return used;
	}
	/*
	 * Sendmail's summary of an address: "550 5.1.1 <bob@...>... text";
	 * and its transcript's reply in the same form, "<<< 550 5.1.1
	 * <bob@...>... User unknown", which with pipelining answers DATA.
	 */
	if (line.len > sizeof(TRANSCRIPT_PREFIX) - 1 && memcmp(line.s,
	    TRANSCRIPT_PREFIX, sizeof(TRANSCRIPT_PREFIX) - 1) == 0)
		line = rest(line, line.s + sizeof(TRANSCRIPT_PREFIX) - 1);
	if ((n = sendmail_summary(line, &p)) > 0) {
		add_address(buf, size, &used, p, n);
		return used;
	}
	/*
	 * An address that starts the line, alone or before a blank:
	 * OpenSMTPD's "bob@example.org: 550 ...", Zoho's "bob@example.org
	 * Invalid Address, ...", Sendmail's "bob@example.org... User
	 * unknown"; what is not one is left out.
	 */
	line = skip_blanks(line);
	for (n = first_word(line); n > 0 && line.s[n - 1] == '.'; n--)
		continue;
	add_address(buf, size, &used, line.s, n);
	return used;
}

/* Exim's bounce names the command on the line before the reply. */
#define EXIM_ERROR	"SMTP error from remote mail"

/*
 * The command that a line before a reply names, as an enum
 * smtpcode_stage bit: a session transcript's client line, Sendmail's
 * and Courier's ">>> RCPT TO:<bob@...>", MDaemon's dated "...: --> RCPT
 * To:<bob@...>"; an Exim bounce's "SMTP error from remote mail server
 * after RCPT TO:<bob@...>:" whose reply is on the next line; 0 for any
 * other line.
 */
unsigned
smtpcode_line_command(const char *in, size_t len)
{
	struct span line;
	const char *at;

	line.s = in;
	line.len = len;
	line = skip_blanks(line);
	if (line.len > 4 && memcmp(line.s, ">>> ", 4) == 0)
		return command_named(rest(line, line.s + 4));
	if (line.len > sizeof(EXIM_ERROR) - 1 && memcmp(line.s, EXIM_ERROR,
	    sizeof(EXIM_ERROR) - 1) == 0 && (at = find(line, EXIM_AFTER,
	    sizeof(EXIM_AFTER) - 1, 1)) != NULL)
		return command_named(rest(line, at + sizeof(EXIM_AFTER) - 1));
	if ((at = find(line, ": --> ", 6, 2)) != NULL)
		return command_named(rest(line, at + 6));
	return 0;
}
