/* SPDX-License-Identifier: ISC */
/* page.c -- render the page of one code, basic or enhanced, as text */

#include <stdio.h>
#include <string.h>

#include "render.h"

/* "421 Service not available", wrapped like any paragraph. */
void
page_title(const struct smtpcode_out *o, const struct smtpcode_entry *entry)
{
	char rest[LAYOUT_CELL_SIZE];

	snprintf(rest, sizeof(rest), "%s%s", entry->name,
	    entry->deprecated ? " (deprecated)" : "");
	layout_code(o, entry->label, entry->class_digit);
	putc(' ', o->fp);
	layout_text(o, rest, strlen(entry->label) + 1, 4);
}

/*
 * Write a code's page with its verdict under verdict_label: a reply's
 * page shows its codes' pages, whose verdicts are not the reply's.
 */
void
page_render(const struct smtpcode_out *o, const struct smtpcode_entry *entry,
    const char *verdict_label)
{
	struct field_slot record = { NULL, NULL, 0, 0, 0, NULL, 0, NULL,
	    NULL };

	record.code = entry;
	page_title(o, entry);
	fields_page(o, &record, 0, verdict_label);
}

/*
 * Write the page of one code, basic or enhanced: a title line, then one
 * labelled field a line (wrapped to the output's width, if it has one).
 * Return -1 if writing failed, 0 otherwise.
 */
int
smtpcode_render_page(const struct smtpcode_out *o,
    const struct smtpcode_entry *entry)
{
	page_render(o, entry, "Verdict");
	return ferror(o->fp) ? -1 : 0;
}

/* The class of a list line, in one word. */
static const char *const line_classes[6] = {
	"any class", "", "success", "intermediate", "transient", "permanent"
};

/* "permanent" for 550 or 5.1.1, "any class" for X.1.1. */
const char *
smtpcode_line_class(const struct smtpcode_entry *entry)
{
	return line_classes[entry->class_digit];
}

/*
 * Write a code as one line of a list: the code, its class in a word and
 * its name, in columns, so that grep and cut -c find them.
 */
void
smtpcode_render_line(const struct smtpcode_out *o,
    const struct smtpcode_entry *entry)
{
	layout_code(o, entry->label, entry->class_digit);
	fprintf(o->fp, "%*s%-14s%s%s\n", (int)(8 - strlen(entry->label)), "",
	    line_classes[entry->class_digit], entry->name,
	    entry->deprecated ? " (deprecated)" : "");
}
