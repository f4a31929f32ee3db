/* SPDX-License-Identifier: ISC */
/* tsv.c -- records as tab-separated values: a header row, a line each */

#include <stdio.h>
#include <string.h>

#include "render.h"

/*
 * Write a value with tabs, newlines, backslashes, control characters
 * and stray bytes escaped, so that one record stays one line and
 * cut -f finds its fields.
 */
void
smtpcode_tsv_value(FILE *fp, struct smtpcode_value value)
{
	escape_write(fp, value.text, value.len, ESCAPE_TSV);
}

/* The header row of a record kind: the field names. */
void
smtpcode_tsv_header(FILE *fp, enum smtpcode_record record)
{
	size_t i, n;

	n = smtpcode_field_count(record);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%c", smtpcode_field_name(record, i),
		    i + 1 < n ? '\t' : '\n');
}

/* The header row of n fields of a record kind (indexes in fields[]). */
void
smtpcode_tsv_names(FILE *fp, enum smtpcode_record record,
    const size_t *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%c", smtpcode_field_name(record, fields[i]),
		    i + 1 < n ? '\t' : '\n');
}

/* n fields of a record (indexes in fields[]), a column each, on a line. */
void
smtpcode_tsv_fields(FILE *fp, enum smtpcode_record kind, const void *record,
    const size_t *fields, size_t n)
{
	char buf[SMTPCODE_VALUE_SIZE];
	size_t i;

	for (i = 0; i < n; i++) {
		smtpcode_tsv_value(fp, smtpcode_record_value(kind, record,
		    fields[i], buf, sizeof(buf)));
		putc(i + 1 < n ? '\t' : '\n', fp);
	}
}

/*
 * One record, a field a column, on one line: record is a struct
 * smtpcode_entry for a code, a struct smtpcode_reply_view for a reply.
 */
void
smtpcode_tsv_record(FILE *fp, enum smtpcode_record kind, const void *record)
{
	char buf[SMTPCODE_VALUE_SIZE];
	size_t i, n;

	n = smtpcode_field_count(kind);
	for (i = 0; i < n; i++) {
		smtpcode_tsv_value(fp, smtpcode_record_value(kind, record, i,
		    buf, sizeof(buf)));
		putc(i + 1 < n ? '\t' : '\n', fp);
	}
}

void
smtpcode_tsv_code(FILE *fp, const struct smtpcode_entry *entry)
{
	smtpcode_tsv_record(fp, SMTPCODE_RECORD_CODE, entry);
}

void
smtpcode_tsv_reply(FILE *fp, const struct smtpcode_reply_view *view)
{
	smtpcode_tsv_record(fp, SMTPCODE_RECORD_REPLY, view);
}

static void
tsv_compare_head(FILE *fp, const struct smtpcode_entry *entries, size_t n)
{
	size_t j;

	fputs("field", fp);
	for (j = 0; j < n; j++)
		fprintf(fp, "\t%s", entries[j].label);
	fputs("\tdifference\n", fp);
}

/*
 * A comparison as a table: a header "field", the codes, "difference";
 * then a row an aspect with each code's value of that field (its line,
 * in a row of a line a code; none is an empty column) and the
 * difference the text page states.
 */
const struct compare_format compare_tsv = {
	tsv_compare_head, smtpcode_tsv_value,
	"", "", "\t", "\t", "", "\t", "\n", ""
};
