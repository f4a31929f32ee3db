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
	char	command[LAYOUT_CELL_SIZE];
	char	provider[LAYOUT_CELL_SIZE];
	char	basic[LAYOUT_CELL_SIZE];
	char	enhanced[LAYOUT_CELL_SIZE];
	char	agree[LAYOUT_CELL_SIZE];
	char	verdict[LAYOUT_CELL_SIZE];
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

static void
describe_provider(char *buf, size_t size, const struct smtpcode_reply *r)
{
	if (*r->marker != '\0')
		snprintf(buf, size, "%s; its marker [%s] names the rule, "
		    "explained on the provider's postmaster pages",
		    smtpcode_provider_name(r->provider), r->marker);
	else
		snprintf(buf, size, "%s", smtpcode_provider_name(r->provider));
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
    size_t w)
{
	const struct smtpcode_entry *by;

	by = smtpcode_verdict_by(basic, enh);

	escape_copy(c->text, sizeof(c->text), r->text, r->text_len,
	    ESCAPE_TEXT);
	smtpcode_join_stages(c->command, sizeof(c->command), r->command);
	describe_provider(c->provider, sizeof(c->provider), r);
	if (basic != NULL)
		describe_code(c->basic, sizeof(c->basic), basic);
	if (enh != NULL)
		describe_code(c->enhanced, sizeof(c->enhanced), enh);
	describe_pairing(c->agree, sizeof(c->agree), basic, enh);
	snprintf(c->verdict, sizeof(c->verdict), "%s (decided by %s)",
	    smtpcode_verdict_text(smtpcode_verdict(basic, enh)), by->label);
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
	layout_field(fp, "Server text", *c->text != '\0' ? c->text : "none",
	    w);
	layout_field(fp, "Read from", smtpcode_source_name(r->source), w);
	layout_field(fp, "In reply to", *c->command != '\0' ? c->command :
	    "not said", w);
	if (r->provider != SMTPCODE_PROVIDER_NONE)
		layout_field(fp, "Provider", c->provider, w);
	layout_field(fp, "Basic code", basic != NULL ? c->basic : "none in "
	    "the reply", w);
	layout_field(fp, "Enhanced code", enh != NULL ? c->enhanced : "none "
	    "in the reply", w);
	layout_field(fp, "Codes agree", c->agree, w);
	layout_field(fp, "Verdict", c->verdict, w);
	if (*c->note != '\0')
		layout_field(fp, "Note", c->note, w);
}

/*
 * Write the page of one reply: what was read and how the codes fit,
 * then the page of each of its codes.  basic or enhanced may be NULL
 * when the reply lacks that code, not both.  Return -1 if writing
 * failed, 0 otherwise.
 */
int
smtpcode_render_reply(FILE *fp, const struct smtpcode_reply *reply,
    const struct smtpcode_entry *basic, const struct smtpcode_entry *enhanced,
    int width)
{
	static struct reply_cells cells;
	size_t w;

	w = width > 0 ? (size_t)width : 0;
	write_head(fp, &cells, reply, basic, enhanced, w);
	if (basic != NULL) {
		putc('\n', fp);
		smtpcode_render_page(fp, basic, width);
	}
	if (enhanced != NULL) {
		putc('\n', fp);
		smtpcode_render_page(fp, enhanced, width);
	}
	return ferror(fp) ? -1 : 0;
}
