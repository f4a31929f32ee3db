/* SPDX-License-Identifier: ISC */
/* replypage.c -- render the page of one server reply as text */

#include <stdio.h>
#include <string.h>

#include "render.h"

/* "Reply 550 5.1.1", each code in its class's colour. */
static void
write_title(const struct smtpcode_out *o,
    const struct smtpcode_reply_view *view)
{
	fputs("Reply", o->fp);
	if (view->basic != NULL) {
		putc(' ', o->fp);
		layout_code(o, view->basic->label, view->basic->class_digit);
	}
	if (view->enhanced != NULL) {
		putc(' ', o->fp);
		layout_code(o, view->enhanced->label,
		    view->enhanced->class_digit);
	}
	putc('\n', o->fp);
}

/*
 * Write the page of one reply: first what it means (reason, provider,
 * verdict, what to do), then what was read and how the codes fit, then
 * the page of each of its codes, whose verdicts are labelled as the
 * codes' own so that one line alone starts "Verdict:".  Return -1 if
 * writing failed, 0 otherwise.
 */
int
smtpcode_render_reply(const struct smtpcode_out *o,
    const struct smtpcode_reply_view *view)
{
	struct field_slot record = { NULL, NULL, 0, 0, 0, NULL, 0, NULL,
	    NULL };

	record.reply = view;
	write_title(o, view);
	fields_page(o, &record, 0, NULL);
	if (view->basic != NULL) {
		putc('\n', o->fp);
		page_render(o, view->basic, "Code verdict");
	}
	if (view->enhanced != NULL) {
		putc('\n', o->fp);
		page_render(o, view->enhanced, "Code verdict");
	}
	return ferror(o->fp) ? -1 : 0;
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
smtpcode_render_brief(const struct smtpcode_out *o,
    const struct smtpcode_reply_view *view)
{
	char recipient[SMTPCODE_RECIPIENTS_SIZE * ESCAPE_MAX + 1];
	const struct smtpcode_meaning *mn;
	const char *fix, *end, *next;
	FILE *fp;
	size_t i;

	fp = o->fp;
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
	/* What the reporting server did comes first, when it decided. */
	if (*(fix = smtpcode_action_advice(mn, view->reply)) == '\0')
		fix = smtpcode_meaning_fix(mn, view->basic, view->enhanced);
	end = fix + strlen(fix);
	for (i = 0; i < sizeof(role_labels) / sizeof(role_labels[0]); i++)
		if ((next = strstr(fix, role_labels[i])) != NULL && next < end)
			end = next;
	fprintf(fp, "%.*s\n", (int)(end - fix), fix);
}

/*
 * The note --annotate writes after a line that holds a reply, to fp (a
 * FILE *, as smtpcode_scan_note passes it): the codes, the class and
 * name of the code that decides, and the reply's own verdict in a word
 * or two, as the tally and a reply page give it.
 */
void
smtpcode_render_note(void *fp, const struct smtpcode_reply *r)
{
	struct smtpcode_entry codes[2];
	struct smtpcode_meaning mn;
	struct smtpcode_reply_view view;
	const struct smtpcode_entry *b, *e, *by;
	const char *verdict;

	smtpcode_explain_reply(r, codes, &mn, &view);
	b = view.basic;
	e = view.enhanced;
	by = smtpcode_verdict_by(b, e);
	verdict = smtpcode_verdict_text(mn.verdict);
	fprintf(fp, "%s%s%s%s: %s, %s; %.*s\n", SMTPCODE_ANNOTATION,
	    b != NULL ? b->label : "", b != NULL && e != NULL ? " " : "",
	    e != NULL ? e->label : "", smtpcode_line_class(by), by->name,
	    (int)strcspn(verdict, ":"), verdict);
}
