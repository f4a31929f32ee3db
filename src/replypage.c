/* SPDX-License-Identifier: ISC */
/* replypage.c -- render the page of one server reply as text */

#include <stdio.h>
#include <string.h>

#include "render.h"

/* Each byte of the server's text takes at most ESCAPE_MAX made safe. */
#define SAFE_TEXT_SIZE	(SMTPCODE_TEXT_SIZE * ESCAPE_MAX + 1)

/* The composed values of a reply page's fields. */
struct reply_cells {
	char	text[SAFE_TEXT_SIZE];
	char	recipient[SMTPCODE_RECIPIENTS_SIZE * ESCAPE_MAX + 1];
	char	words[LAYOUT_CELL_SIZE];
	char	reason[LAYOUT_LINE_SIZE];
	char	decided[LAYOUT_LINE_SIZE];
	char	command[LAYOUT_CELL_SIZE];
	char	provider[LAYOUT_CELL_SIZE];
	char	blocklist[LAYOUT_CELL_SIZE];
	char	basic[LAYOUT_CELL_SIZE];
	char	enhanced[LAYOUT_CELL_SIZE];
	char	agree[LAYOUT_CELL_SIZE];
	char	note[LAYOUT_CELL_SIZE];
};

static void
describe_code(char *buf, size_t size, const struct smtpcode_entry *e)
{
	char class[LAYOUT_CELL_SIZE / 4];

	if (e->kind == SMTPCODE_BASIC)
		page_class(class, sizeof(class), e->code);
	else
		page_status_class(class, sizeof(class), e->class_digit);
	snprintf(buf, size, "%s %s (%s%s)", e->label, e->name, class,
	    *e->rfc == '\0' ? "; not registered" : "");
}

static void
describe_pairing(char *buf, size_t size, const struct smtpcode_entry *basic,
    const struct smtpcode_entry *enh)
{
	char row[SMTPCODE_LABEL_SIZE];

	if (basic == NULL || enh == NULL) {
		snprintf(buf, size, "nothing to compare: the reply has only "
		    "one code");
		return;
	}
	snprintf(row, sizeof(row), "X%s", enh->label + 1);
	switch (smtpcode_pairing(basic, enh)) {
	case SMTPCODE_PAIR_REGISTERED:
		snprintf(buf, size, "yes: both are class %d, and the "
		    "registry pairs %s with %s", basic->class_digit, row,
		    basic->label);
		break;
	case SMTPCODE_PAIR_USUAL:
		snprintf(buf, size, "yes: both are class %d, and %s commonly "
		    "comes with %s, though the registry does not pair them",
		    basic->class_digit, enh->label, basic->label);
		break;
	case SMTPCODE_PAIR_UNLISTED:
		snprintf(buf, size, "partly: both are class %d, but neither "
		    "the registry nor an RFC pairs %s with %s",
		    basic->class_digit, row, basic->label);
		break;
	default:
		snprintf(buf, size, "no: %s is class %d but %s is class %d "
		    "(RFC 3463 wants them equal); the sending server acts on "
		    "the basic code, %s", basic->label, basic->class_digit,
		    enh->label, enh->class_digit, basic->label);
		break;
	}
}

/* The provider, whose meaning it is and when that was last checked. */
static void
describe_provider(char *buf, size_t size, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn)
{
	char marker[LAYOUT_CELL_SIZE / 2];

	marker[0] = '\0';
	if (*r->marker != '\0')
		snprintf(marker, sizeof(marker), "; its marker [%s] names "
		    "the rule", r->marker);
	if (mn->rule != NULL && *mn->rule->checked != '\0')
		snprintf(buf, size, "%s: the meaning above is the provider's, "
		    "as documented at %s, checked %s%s", mn->provider->name,
		    mn->rule->source, mn->rule->checked, marker);
	else if (mn->rule != NULL)
		snprintf(buf, size, "%s: the meaning above is the provider's, "
		    "as its replies show; its page %s was not yet read%s",
		    mn->provider->name, mn->rule->source, marker);
	else
		snprintf(buf, size, "%s: smtpcode knows no rule of this "
		    "provider for these codes, so the registry's meaning "
		    "stands%s", mn->provider->name, marker);
}

/* The reason, with the words of the text that showed it. */
static void
describe_reason(struct reply_cells *c, const struct smtpcode_reply *r,
    const struct smtpcode_meaning *mn)
{
	if (mn->reason == NULL) {
		snprintf(c->reason, sizeof(c->reason), "none that smtpcode "
		    "can read in the text; the codes decide");
		return;
	}
	if (mn->words_len == 0) {
		snprintf(c->reason, sizeof(c->reason), "%s (%s; %s)",
		    mn->reason->name, mn->reason->id, mn->reason_by_code ?
		    "the text names none, the code gives it" :
		    "the provider's rule gives it");
		return;
	}
	smtpcode_reason_words(c->words, sizeof(c->words), r, mn);
	snprintf(c->reason, sizeof(c->reason), "%s (%s; the text says "
	    "'%s')", mn->reason->name, mn->reason->id, c->words);
}

static void
describe_note(char *buf, size_t size, const struct smtpcode_reply *r)
{
	snprintf(buf, size, "%s%s%s", r->incomplete ? "the reply is cut "
	    "off: its last line, the one without a '-' after the code, is "
	    "missing" : "", r->incomplete && r->truncated ? "; " : "",
	    r->truncated ? "the text is longer than smtpcode keeps; the rest "
	    "is left out" : "");
}

static void
write_head(FILE *fp, struct reply_cells *c, const struct smtpcode_reply *r,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enh,
    const struct smtpcode_meaning *mn, size_t w)
{
	escape_copy(c->text, sizeof(c->text), r->text, r->text_len,
	    ESCAPE_TEXT);
	escape_copy(c->recipient, sizeof(c->recipient), r->recipients,
	    r->recipients_len, ESCAPE_TEXT);
	smtpcode_join_stages(c->command, sizeof(c->command), r->command);
	if (mn->provider != NULL)
		describe_provider(c->provider, sizeof(c->provider), r, mn);
	if (mn->blocklist != NULL && *mn->blocklist->delist != '\0')
		snprintf(c->blocklist, sizeof(c->blocklist), "%s: look the "
		    "sending IP up and ask for removal at %s",
		    mn->blocklist->name, mn->blocklist->delist);
	else if (mn->blocklist != NULL)
		snprintf(c->blocklist, sizeof(c->blocklist), "%s: the list "
		    "has closed and takes no removal requests; a server that "
		    "still queries it is misconfigured", mn->blocklist->name);
	describe_reason(c, r, mn);
	if (basic != NULL)
		describe_code(c->basic, sizeof(c->basic), basic);
	if (enh != NULL)
		describe_code(c->enhanced, sizeof(c->enhanced), enh);
	describe_pairing(c->agree, sizeof(c->agree), basic, enh);
	smtpcode_decided_by(c->decided, sizeof(c->decided), r, mn, basic,
	    enh);
	describe_note(c->note, sizeof(c->note), r);

	fputs("Reply", fp);
	if (basic != NULL) {
		putc(' ', fp);
		layout_code(fp, basic->label, basic->class_digit);
	}
	if (enh != NULL) {
		putc(' ', fp);
		layout_code(fp, enh->label, enh->class_digit);
	}
	putc('\n', fp);
	/* A bounce's or a log's reply: whose address it refused. */
	if (*c->recipient != '\0')
		layout_field(fp, "Recipient", c->recipient, w);
	layout_field(fp, "Meaning", smtpcode_meaning_text(mn, basic, enh), w);
	layout_field(fp, "Reason", c->reason, w);
	if (mn->provider != NULL)
		layout_field(fp, "Provider", c->provider, w);
	if (mn->blocklist != NULL)
		layout_field(fp, "Blocklist", c->blocklist, w);
	layout_field(fp, "Verdict", smtpcode_verdict_text(mn->verdict), w);
	layout_field(fp, "Decided by", c->decided, w);
	layout_field(fp, "What to do", smtpcode_meaning_fix(mn, basic, enh),
	    w);
	layout_field(fp, "Server text", *c->text != '\0' ? c->text : "none",
	    w);
	layout_field(fp, "Read from", smtpcode_source_name(r->source), w);
	layout_field(fp, "In reply to", *c->command != '\0' ? c->command :
	    "not said", w);
	layout_field(fp, "Basic code", basic != NULL ? c->basic : "none in "
	    "the reply", w);
	layout_field(fp, "Enhanced code", enh != NULL ? c->enhanced : "none "
	    "in the reply", w);
	layout_field(fp, "Codes agree", c->agree, w);
	if (*c->note != '\0')
		layout_field(fp, "Note", c->note, w);
}

/*
 * Write the page of one reply: first what it means (reason, provider,
 * verdict, what to do), then what was read and how the codes fit, then
 * the page of each of its codes, whose verdicts are labelled as the
 * codes' own so that one line alone starts "Verdict:".  Return -1 if
 * writing failed, 0 otherwise.
 */
int
smtpcode_render_reply(FILE *fp, const struct smtpcode_reply_view *view,
    int width)
{
	struct reply_cells cells;
	size_t w;

	w = width > 0 ? (size_t)width : 0;
	write_head(fp, &cells, view->reply, view->basic, view->enhanced,
	    view->meaning, w);
	if (view->basic != NULL) {
		putc('\n', fp);
		page_render(fp, view->basic, w, "Code verdict");
	}
	if (view->enhanced != NULL) {
		putc('\n', fp);
		page_render(fp, view->enhanced, w, "Code verdict");
	}
	return ferror(fp) ? -1 : 0;
}

/* The labels that start each role's advice in a fix text. */
static const char *const role_labels[] = {
	" Sender's admin: ", " Receiving admin: "
};

/*
 * Write a reply as one line, for a support desk and for scripts: the
 * verdict word first (awk '{print $1}'), the codes, the reason and
 * provider in parentheses, then the first role's advice.
 */
void
smtpcode_render_brief(FILE *fp, const struct smtpcode_reply_view *view)
{
	static char recipient[SMTPCODE_RECIPIENTS_SIZE * ESCAPE_MAX + 1];
	const struct smtpcode_meaning *mn;
	const char *fix, *end, *next;
	size_t i;

	mn = view->meaning;
	fputs(smtpcode_verdict_name(mn->verdict), fp);
	if (view->basic != NULL)
		fprintf(fp, " %s", view->basic->label);
	if (view->enhanced != NULL)
		fprintf(fp, " %s", view->enhanced->label);
	if (view->reply->recipients_len > 0) {
		escape_copy(recipient, sizeof(recipient),
		    view->reply->recipients, view->reply->recipients_len,
		    ESCAPE_TEXT);
		fprintf(fp, " for %s", recipient);
	}
	fprintf(fp, " (%s%s%s): ", mn->reason != NULL ? mn->reason->id :
	    "no reason given", mn->provider != NULL ? ", " : "",
	    mn->provider != NULL ? mn->provider->id : "");
	fix = smtpcode_meaning_fix(mn, view->basic, view->enhanced);
	end = fix + strlen(fix);
	for (i = 0; i < sizeof(role_labels) / sizeof(role_labels[0]); i++)
		if ((next = strstr(fix, role_labels[i])) != NULL && next < end)
			end = next;
	fprintf(fp, "%.*s\n", (int)(end - fix), fix);
}
