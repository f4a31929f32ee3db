/* SPDX-License-Identifier: ISC */
/* page.c -- render the page of one reply code as labelled text */

#include <stdio.h>

#include "render.h"

#define UNREGISTERED_RFC \
	"none: no RFC defines this code; read it by its digits " \
	"(RFC 5321, section 4.2.1)"
#define UNKNOWN_STAGE	"not known: no RFC defines this code"

struct field {
	const char	*label;
	const char	*value;
};

/* "4xx transient negative" for 421. */
void
page_class(char *buf, size_t size, int code)
{
	snprintf(buf, size, "%dxx %s", code / 100, smtpcode_class_name(code));
}

/* The three prose fields, shared by code pages and compare pages. */
void
page_prose(FILE *fp, const struct smtpcode_entry *entry, size_t width)
{
	layout_field(fp, "Description", entry->description, width);
	layout_field(fp, "When you see it", entry->when, width);
	layout_field(fp, "How to fix", entry->fix, width);
}

/* "421 Service not available", wrapped like any paragraph. */
void
page_title(FILE *fp, const struct smtpcode_entry *entry, size_t width)
{
	char title[LAYOUT_CELL_SIZE];

	snprintf(title, sizeof(title), "%d %s", entry->code, entry->name);
	layout_text(fp, title, 0, 4, width);
}

static void
page_digits(char *buf, size_t size, int code)
{
	snprintf(buf, size, "%d = %s, %d = %s, %d = %s",
	    code / 100, smtpcode_digit_meaning(code, 0),
	    code / 10 % 10, smtpcode_digit_meaning(code, 1),
	    code % 10, smtpcode_digit_meaning(code, 2));
}

/*
 * Write the page of one code: a title line, then one labelled field a
 * line (wrapped to width when width is not 0).  Return -1 if writing
 * failed, 0 otherwise.
 */
int
smtpcode_render_page(FILE *fp, const struct smtpcode_entry *entry,
    int width)
{
	char class[LAYOUT_CELL_SIZE], digits[LAYOUT_CELL_SIZE];
	char stages[LAYOUT_CELL_SIZE], actors[LAYOUT_CELL_SIZE];
	struct field fields[7];
	size_t i, w;

	w = width > 0 ? (size_t)width : 0;
	page_class(class, sizeof(class), entry->code);
	page_digits(digits, sizeof(digits), entry->code);
	smtpcode_join_stages(stages, sizeof(stages), entry->stages);
	smtpcode_join_actors(actors, sizeof(actors), entry->actors);

	fields[0] = (struct field){ "Class", class };
	fields[1] = (struct field){ "Digits", digits };
	fields[2] = (struct field){ "Retry",
	    smtpcode_retry_text(entry->retry, SMTPCODE_FORM_LONG) };
	fields[3] = (struct field){ "Who acts",
	    *actors != '\0' ? actors : "nobody" };
	fields[4] = (struct field){ "Stage",
	    *stages != '\0' ? stages : UNKNOWN_STAGE };
	fields[5] = (struct field){ "Defined in",
	    *entry->rfc != '\0' ? entry->rfc : UNREGISTERED_RFC };
	fields[6] = (struct field){ "Enhanced codes",
	    *entry->enhanced != '\0' ? entry->enhanced : "none" };

	page_title(fp, entry, w);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		layout_field(fp, fields[i].label, fields[i].value, w);
	page_prose(fp, entry, w);
	return ferror(fp) ? -1 : 0;
}
