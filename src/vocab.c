/* SPDX-License-Identifier: ISC */
/* vocab.c -- the words pages use for stages, actors and retry advice */

#include <string.h>

#include "smtpcode.h"

/* Indexed by bit position, in the order of enum smtpcode_stage. */
static const char *const stage_names[SMTPCODE_NSTAGES] = {
	"greeting",
	"EHLO/HELO",
	"STARTTLS",
	"AUTH",
	"MAIL FROM",
	"RCPT TO",
	"DATA",
	"BDAT",
	"end of data",
	"ETRN",
	"ATRN",
	"VRFY",
	"EXPN",
	"HELP",
	"NOOP",
	"RSET",
	"QUIT",
	"any command"
};

/* The keywords of data/COLUMNS.txt, for scripts: TSV and JSON. */
static const char *const stage_keywords[SMTPCODE_NSTAGES] = {
	"connect", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "bdat",
	"eod", "etrn", "atrn", "vrfy", "expn", "help", "noop", "rset", "quit",
	"any"
};

static const char *const actor_keywords[SMTPCODE_NACTORS] = {
	"client", "sender", "sender-admin", "receiver-admin"
};

static const char *const retry_keywords[SMTPCODE_NRETRIES] = {
	"none", "continue", "later", "fix-first"
};

/* Indexed by bit position, in the order of enum smtpcode_actor. */
static const char *const actor_names[SMTPCODE_NACTORS] = {
	"sending software",
	"sender",
	"sender's admin",
	"receiving admin"
};

/* Indexed by enum smtpcode_retry, then enum smtpcode_retry_form. */
static const char *const retry_texts[SMTPCODE_NRETRIES][SMTPCODE_NFORMS] = {
	[SMTPCODE_RETRY_NONE] = {
	    "no need",
	    "no need: the command succeeded",
	    "a success: there is nothing to retry",
	    "Nothing: the command succeeded." },
	[SMTPCODE_RETRY_CONTINUE] = {
	    "go on",
	    "no: the client goes on and sends the next part",
	    "a step, not a failure: the client goes on with the next part",
	    "Nothing by hand: the client sends the next part." },
	[SMTPCODE_RETRY_LATER] = {
	    "yes, later",
	    "yes, later: keep the message queued and try again after a "
	    "delay",
	    "temporary: the sending server keeps the message and tries "
	    "again on its own",
	    "Wait: leave the message queued and let the sending server "
	    "retry; look into it only if it stays queued for hours." },
	[SMTPCODE_RETRY_FIX_FIRST] = {
	    "not unchanged",
	    "not unchanged: the same request fails again until its cause "
	    "is fixed",
	    "final for this request: sent again unchanged, it fails again",
	    "Stop: do not resend unchanged; fix the cause first." }
};

/*
 * The words for a retry advice, in one of its forms: a table cell, the
 * Retry: line of a page, a clause for a comparison, or an action.  NULL
 * for a value out of range.
 */
const char *
smtpcode_retry_text(enum smtpcode_retry retry, enum smtpcode_retry_form form)
{
	if ((unsigned)retry >= SMTPCODE_NRETRIES ||
	    (unsigned)form >= SMTPCODE_NFORMS)
		return NULL;
	return retry_texts[retry][form];
}

/*
 * Write the names of the bits set in bits into buf as "a, b, c", or
 * empty for none.  Return the length the whole list needs, as snprintf
 * does, so a caller can tell truncation.
 */
static size_t
join_names(char *buf, size_t size, const char *const *names, size_t count,
    unsigned bits)
{
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
		len = strlen(names[i]);
		if (fits && need + len < size) {
			if (need > 0)
				memcpy(buf + need - 2, ", ", 2);
			memcpy(buf + need, names[i], len + 1);
		} else
			fits = 0;
		need += len;
	}
	return need;
}

size_t
smtpcode_join_stages(char *buf, size_t size, unsigned stages)
{
	return join_names(buf, size, stage_names, SMTPCODE_NSTAGES, stages);
}

size_t
smtpcode_join_actors(char *buf, size_t size, unsigned actors)
{
	return join_names(buf, size, actor_names, SMTPCODE_NACTORS, actors);
}

/* As smtpcode_join_stages, with the data's keywords: "connect, any". */
size_t
smtpcode_join_stage_keywords(char *buf, size_t size, unsigned stages)
{
	return join_names(buf, size, stage_keywords, SMTPCODE_NSTAGES, stages);
}

size_t
smtpcode_join_actor_keywords(char *buf, size_t size, unsigned actors)
{
	return join_names(buf, size, actor_keywords, SMTPCODE_NACTORS, actors);
}

/* "fix-first"; NULL for a value out of range. */
const char *
smtpcode_retry_keyword(enum smtpcode_retry retry)
{
	if ((unsigned)retry >= SMTPCODE_NRETRIES)
		return NULL;
	return retry_keywords[retry];
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
