/* SPDX-License-Identifier: ISC */
/* vocab.c -- the word lists: stages, actors, sources and retry advice */

#include <string.h>

#include "internal.h"

/* The forms of a stage, an actor and a source: keyword, then name. */
#define KEYWORD	0
#define NAME	1

/*
 * Each stage, by bit position in the order of enum smtpcode_stage: the
 * keyword of data/COLUMNS.txt that scripts see, and its name on pages.
 */
static const char *const stage_words[] = {
	"connect",	"greeting",
	"ehlo",		"EHLO/HELO",
	"starttls",	"STARTTLS",
	"auth",		"AUTH",
	"mail",		"MAIL FROM",
	"rcpt",		"RCPT TO",
	"data",		"DATA",
	"bdat",		"BDAT",
	"eod",		"end of data",
	"etrn",		"ETRN",
	"atrn",		"ATRN",
	"vrfy",		"VRFY",
	"expn",		"EXPN",
	"help",		"HELP",
	"noop",		"NOOP",
	"rset",		"RSET",
	"quit",		"QUIT",
	"any",		"any command"
};

_Static_assert(SMTPCODE_NELEM(stage_words) == 2 * SMTPCODE_NSTAGES,
    "a keyword and a name for each stage");

/* Each actor, by bit position in the order of enum smtpcode_actor. */
static const char *const actor_words[] = {
	"client",		"sending software",
	"sender",		"sender",
	"sender-admin",		"sender's admin",
	"receiver-admin",	"receiving admin"
};

_Static_assert(SMTPCODE_NELEM(actor_words) == 2 * SMTPCODE_NACTORS,
    "a keyword and a name for each actor");

/*
 * Each form a reply is read in, by enum smtpcode_source: its keyword
 * (read_from) and its name on a reply's page.
 */
static const char *const source_words[] = {
	"",		"nothing",
	"reply",	"a server reply",
	"dsn-status",	"a delivery status notification's Status field",
	"dsn-diagnostic", ("a delivery status notification's "
			    "Diagnostic-Code field"),
	"postfix",	"a Postfix log line",
	"exim",		"an Exim log line",
	"sendmail",	"a Sendmail log line",
	"dsn-key",	"a log line's dsn= field",
	"text",		"a reply code pair inside other text",
	"transcript",	"a session transcript in a bounce",
	"opensmtpd",	"an OpenSMTPD log line",
	"qmail",	"a qmail bounce or reply"
};

_Static_assert(SMTPCODE_NELEM(source_words) == 2 * SMTPCODE_NSOURCES,
    "a keyword and a name for each source");

/*
 * Each retry advice, by enum smtpcode_retry: its keyword, then its
 * words in each enum smtpcode_retry_form.
 */
static const char *const retry_words[] = {
	"none",
	    "no need",
	    "no need: the command succeeded",
	    "a success: there is nothing to retry",
	    "Nothing: the command succeeded.",
	"continue",
	    "go on",
	    "no: the client goes on and sends the next part",
	    "a step, not a failure: the client goes on with the next part",
	    "Nothing by hand: the client sends the next part.",
	"later",
	    "yes, later",
	    "yes, later: keep the message queued and try again after a "
	    "delay",
	    "temporary: the sending server keeps the message and tries "
	    "again on its own",
	    "Wait: leave the message queued and let the sending server "
	    "retry; look into it only if it stays queued for hours.",
	"fix-first",
	    "not unchanged",
	    "not unchanged: the same request fails again until its cause "
	    "is fixed",
	    "final for this request: sent again unchanged, it fails again",
	    "Stop: do not resend unchanged; fix the cause first."
};

#define RETRY_FORMS	(1 + SMTPCODE_NFORMS)

_Static_assert(SMTPCODE_NELEM(retry_words) ==
    RETRY_FORMS * SMTPCODE_NRETRIES, "a keyword and each form of each "
    "retry advice");

/*
 * Form form of word i of a list of n words that have forms forms each,
 * laid out word after word; NULL when either is out of range.  The one
 * bounds check of every word list: see SMTPCODE_WORD.
 */
const char *
smtpcode_word(const char *const *list, size_t n, size_t forms, size_t i,
    size_t form)
{
	if (i >= n || form >= forms)
		return NULL;
	return list[i * forms + form];
}

/*
 * The words for a retry advice, in one of its forms: a table cell, the
 * Retry: line of a page, a clause for a comparison, or an action.  NULL
 * for a value out of range.
 */
const char *
smtpcode_retry_text(enum smtpcode_retry retry, enum smtpcode_retry_form form)
{
	return (unsigned)form >= SMTPCODE_NFORMS ? NULL :
	    SMTPCODE_WORD(retry_words, RETRY_FORMS, retry, 1 + form);
}

/* "fix-first"; NULL for a value out of range. */
const char *
smtpcode_retry_keyword(enum smtpcode_retry retry)
{
	return SMTPCODE_WORD(retry_words, RETRY_FORMS, retry, KEYWORD);
}

const char *
smtpcode_source_name(enum smtpcode_source source)
{
	return SMTPCODE_WORD(source_words, 2, source, NAME);
}

/* The one-word names scripts see: "postfix", "text". */
const char *
smtpcode_source_keyword(enum smtpcode_source source)
{
	return SMTPCODE_WORD(source_words, 2, source, KEYWORD);
}

/*
 * Write the words, in the given form, of the bits set in bits into buf
 * as "a, b, c", or empty for none; list has two forms a bit.  Return
 * the length the whole list needs, as snprintf does, so a caller can
 * tell truncation.
 */
static size_t
join_words(char *buf, size_t size, const char *const *list, size_t count,
    unsigned bits, size_t form)
{
	const char *word;
	size_t i, len, need;
	int fits;

	need = 0;
	fits = 1;
	if (size > 0)
		buf[0] = '\0';
	for (i = 0; i < count; i++) {
		if ((bits & 1u << i) == 0)
			continue;
		if (need > 0)
			need += 2;
		word = smtpcode_word(list, count, 2, i, form);
		len = strlen(word);
		if (fits && need + len < size) {
			if (need > 0)
				memcpy(buf + need - 2, ", ", 2);
			memcpy(buf + need, word, len + 1);
		} else
			fits = 0;
		need += len;
	}
	return need;
}

/* The word lists of each set of bits, by enum smtpcode_bits. */
static const struct {
	const char *const *words;
	size_t		 count;
} bit_words[] = {
	{ stage_words, SMTPCODE_NSTAGES },
	{ actor_words, SMTPCODE_NACTORS }
};

_Static_assert(SMTPCODE_NELEM(bit_words) == SMTPCODE_BITS_ACTORS + 1,
    "a word list for each set of bits");

/*
 * The words of the bits set in bits, of the list's stages or actors,
 * as "RCPT TO, DATA", or as the data's keywords ("rcpt, data") if
 * keywords; as join_words, the length the whole list needs.  A list
 * out of range has no words.
 */
size_t
smtpcode_join(char *buf, size_t size, enum smtpcode_bits list,
    unsigned bits, int keywords)
{
	const char *const *words = NULL;
	size_t count = 0;

	if ((size_t)list < SMTPCODE_NELEM(bit_words)) {
		words = bit_words[list].words;
		count = bit_words[list].count;
	}
	return join_words(buf, size, words, count, bits,
	    keywords ? KEYWORD : NAME);
}

/* Whether the ", "-separated list holds the len bytes of word, exactly. */
int
smtpcode_list_has(const char *list, const char *word, size_t len)
{
	size_t itemlen;

	while (*list != '\0') {
		itemlen = strcspn(list, ",");
		if (itemlen == len && strncmp(list, word, len) == 0)
			return 1;
		list += itemlen;
		list += strspn(list, ", ");
	}
	return 0;
}
