/* SPDX-License-Identifier: ISC */
/* code.c -- parse reply codes, look them up, decode unregistered ones */

#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

#define SMTPCODE_ROW(code, name, rfc, stages, retry, actors, enhanced, \
    bounce, description, when, fix) \
	{ #code, SMTPCODE_BASIC, code / 100, code, name, rfc, stages, retry, \
	    actors, enhanced, "", 0, bounce, 0, description, when, fix },

/* Generated from data/codes.tsv, which keeps the rows sorted by code. */
static const struct smtpcode_entry codes[] = {
#include "codes.inc"
};

#define NCODES	(sizeof(codes) / sizeof(codes[0]))

/*
 * What a code's class says on its own, for codes no RFC defines (RFC
 * 5321 section 4.2.1 gives every first digit a fixed meaning).
 */
struct class_info {
	const char	*name;
	const char	*summary;
	enum smtpcode_retry retry;
	unsigned	 actors;
	const char	*description;
	const char	*when;
	const char	*fix;
};

static const struct class_info classes[] = {
	{ "positive completion",
	  "the server did what the command asked",
	  SMTPCODE_RETRY_NONE, 0,
	  "No RFC defines this code, but its first digit, 2, means the "
	  "command succeeded. The other two digits narrow the subject down; "
	  "only the server's own documentation can say more.",
	  "A server, filter or proxy that uses a private code, or a reply "
	  "mangled on its way into a log.",
	  "Nothing to fix: a 2xx reply is a success. If your software "
	  "refuses it, the software is too strict: RFC 5321 asks clients to "
	  "act on the first digit of any code they do not know." },
	{ "positive intermediate",
	  "the server accepted the command and waits for the next part",
	  SMTPCODE_RETRY_CONTINUE, SMTPCODE_ACTOR_CLIENT,
	  "No RFC defines this code, but its first digit, 3, means the "
	  "server accepted the command and expects more from the client "
	  "before it can finish.",
	  "A server extension that is not standardised, or a private "
	  "dialogue between a server and its own clients.",
	  "Nothing to fix by hand: the client sends the next part. If the "
	  "exchange stalls here, compare the client's and the server's "
	  "documentation of the extension in use." },
	{ "transient negative",
	  "the request failed this time, and the same request may succeed "
	  "later",
	  SMTPCODE_RETRY_LATER, SMTPCODE_ACTOR_CLIENT |
	      SMTPCODE_ACTOR_RECEIVER_ADMIN,
	  "No RFC defines this code, but its first digit, 4, means a "
	  "temporary failure: the server did not do what was asked this "
	  "time and the same request may work if tried again later.",
	  "A server that uses a private code for a temporary condition, "
	  "such as a local policy, a rate limit or a busy resource; the "
	  "server's text after the code usually says which.",
	  "Sender: nothing yet; a mail server keeps the message queued and "
	  "tries again on its own. Sender's admin: if the message stays "
	  "queued for hours, read the server's text in the queue or log. "
	  "Receiving admin: map the private code to a standard one so that "
	  "clients and people can read it." },
	{ "permanent negative",
	  "the request failed and will fail again if repeated unchanged",
	  SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_ACTOR_SENDER |
	      SMTPCODE_ACTOR_SENDER_ADMIN | SMTPCODE_ACTOR_RECEIVER_ADMIN,
	  "No RFC defines this code, but its first digit, 5, means a "
	  "permanent failure: the server refused the request and will "
	  "refuse it again until something changes.",
	  "A server that uses a private code for a refusal, such as a local "
	  "policy; the server's text after the code usually says which.",
	  "Sender: read the server's text in the bounce; it names the "
	  "cause. Sender's admin: do not retry unchanged; if the text is "
	  "unclear, ask the receiving side. Receiving admin: map the "
	  "private code to a standard one so that clients and people can "
	  "read it." }
};

/* RFC 5321 section 4.2.1: what the second digit says about the subject. */
static const char *const subjects[] = {
	"syntax",
	"information",
	"the connection",
	"unspecified",
	"unspecified",
	"the mail system"
};

static const char *const parse_errors[] = {
	[SMTPCODE_PARSE_OK] = "a reply code",
	[SMTPCODE_PARSE_EMPTY] = "empty argument",
	[SMTPCODE_PARSE_NOT_DIGITS] = "not a reply code",
	[SMTPCODE_PARSE_LENGTH] = "not three digits",
	[SMTPCODE_PARSE_FIRST_DIGIT] = "first digit is not 2 to 5",
	[SMTPCODE_PARSE_SECOND_DIGIT] = "second digit is not 0 to 5",
	[SMTPCODE_PARSE_STATUS_FORM] = "not class.subject.detail",
	[SMTPCODE_PARSE_STATUS_CLASS] = "class is not 2, 4 or 5",
	[SMTPCODE_PARSE_STATUS_SUBJECT] = "subject is not 0 to 7",
	[SMTPCODE_PARSE_STATUS_DETAIL] = "detail is more than three digits",
	[SMTPCODE_PARSE_STATUS_ZERO] = "a part has a leading zero"
};

SMTPCODE_WORDS_CHECK(parse_errors, 1, SMTPCODE_PARSE_STATUS_ZERO + 1);

/*
 * Parse text as a reply code: exactly three ASCII digits, the first 2-5
 * and the second 0-5 (the Reply-code rule of RFC 5321 section 4.2).  On
 * success store the number in *code.
 */
enum smtpcode_parse_error
smtpcode_parse(const char *text, int *code)
{
	size_t len;

	if (*text == '\0')
		return SMTPCODE_PARSE_EMPTY;
	for (len = 0; text[len] != '\0'; len++)
		if (text[len] < '0' || text[len] > '9')
			return SMTPCODE_PARSE_NOT_DIGITS;
	if (len != 3)
		return SMTPCODE_PARSE_LENGTH;
	if (text[0] < '2' || text[0] > '5')
		return SMTPCODE_PARSE_FIRST_DIGIT;
	if (text[1] > '5')
		return SMTPCODE_PARSE_SECOND_DIGIT;
	*code = (text[0] - '0') * 100 + (text[1] - '0') * 10 + text[2] - '0';
	return SMTPCODE_PARSE_OK;
}

const char *
smtpcode_parse_error_text(enum smtpcode_parse_error error)
{
	const char *text;

	text = SMTPCODE_WORD(parse_errors, 1, error, 0);
	return text != NULL ? text : "unknown error";
}

static int
compare_code(const void *key, const void *member)
{
	const int *code = key;
	const struct smtpcode_entry *entry = member;

	return (*code > entry->code) - (*code < entry->code);
}

/* The entry of a table sorted by code that has this code, or NULL. */
const struct smtpcode_entry *
smtpcode_find(const struct smtpcode_entry *table, size_t n, int code)
{
	return bsearch(&code, table, n, sizeof(table[0]), compare_code);
}

/* Return the table entry for code, or NULL if no RFC defines it. */
const struct smtpcode_entry *
smtpcode_lookup(int code)
{
	return smtpcode_find(codes, NCODES, code);
}

/*
 * Fill *out with what is known of a well-formed code: its table entry,
 * or what its class says.  Return 1 for a code an RFC defines, 0 for one
 * decoded from its digits, -1 for a number that is not a reply code.
 */
int
smtpcode_describe(int code, struct smtpcode_entry *out)
{
	const struct smtpcode_entry *entry;
	const struct class_info *class;

	if (code < 200 || code > 559 || code % 100 > 59)
		return -1;
	if ((entry = smtpcode_lookup(code)) != NULL) {
		*out = *entry;
		return 1;
	}
	class = &classes[code / 100 - 2];
	snprintf(out->label, sizeof(out->label), "%d", code);
	out->kind = SMTPCODE_BASIC;
	out->class_digit = code / 100;
	out->code = code;
	out->name = "Unregistered reply code";
	out->rfc = "";
	out->stages = 0;
	out->retry = class->retry;
	out->actors = class->actors;
	out->enhanced = "";
	out->basic = "";
	out->classes = 0;
	/* Not known to be about the address: soft, like most 5xx codes. */
	out->bounce = code / 100 == 5 ? SMTPCODE_BOUNCE_SOFT :
	    SMTPCODE_BOUNCE_NONE;
	out->deprecated = 0;
	out->description = class->description;
	out->when = class->when;
	out->fix = class->fix;
	return 0;
}

const struct smtpcode_entry *
smtpcode_table(size_t *count)
{
	*count = NCODES;
	return codes;
}

/* "transient negative" for 421; NULL for a number outside 200-599. */
const char *
smtpcode_class_name(int code)
{
	if (code < 200 || code > 599)
		return NULL;
	return classes[code / 100 - 2].name;
}

/* What a reply of this class tells the client, as a clause. */
const char *
smtpcode_class_summary(int code)
{
	if (code < 200 || code > 599)
		return NULL;
	return classes[code / 100 - 2].summary;
}

/*
 * The meaning of one digit of a code, position 0 (class), 1 (subject)
 * or 2 (detail); NULL for a position out of range.
 */
const char *
smtpcode_digit_meaning(int code, int position)
{
	switch (position) {
	case 0:
		return smtpcode_class_name(code);
	case 1:
		if (code / 10 % 10 > 5)
			return NULL;
		return subjects[code / 10 % 10];
	case 2:
		return "detail within the subject";
	default:
		return NULL;
	}
}
