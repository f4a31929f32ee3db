/* SPDX-License-Identifier: ISC */
/* json.c -- records as one JSON document (RFC 8259) a run */

#include <stdio.h>
#include <string.h>

#include "render.h"

/* Items of a list value are separated by ", ", as in the data. */
#define LIST_SEPARATOR	", "

static void
json_string(FILE *fp, const char *s, size_t len)
{
	putc('"', fp);
	escape_write(fp, s, len, ESCAPE_JSON);
	putc('"', fp);
}

/* Lines (len bytes at s, '\n' between them) as an array of strings. */
static void
json_lines(FILE *fp, const char *s, size_t len)
{
	const char *nl, *end;

	putc('[', fp);
	end = s + len;
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		json_string(fp, s, (size_t)(nl - s));
		if (nl < end)
			fputs(", ", fp);
		s = nl < end ? nl + 1 : end;
	}
	putc(']', fp);
}

/*
 * A value as its JSON type: a string, an array of strings, a number or
 * a boolean.
 */
void
smtpcode_json_value(FILE *fp, struct smtpcode_value value)
{
	const char *item, *end, *sep;
	size_t seplen;

	switch (value.type) {
	case SMTPCODE_VALUE_NUMBER:
		fwrite(value.text, 1, value.len, fp);
		break;
	case SMTPCODE_VALUE_LINES:
		json_lines(fp, value.text, value.len);
		break;
	case SMTPCODE_VALUE_BOOL:
		fputs(value.len == 4 && memcmp(value.text, "true", 4) == 0 ?
		    "true" : "false", fp);
		break;
	case SMTPCODE_VALUE_LIST:
		putc('[', fp);
		seplen = strlen(LIST_SEPARATOR);
		item = value.text;
		end = value.text + value.len;
		while (item < end) {
			for (sep = item; sep + seplen <= end &&
			    memcmp(sep, LIST_SEPARATOR, seplen) != 0; sep++)
				continue;
			if (sep + seplen > end)
				sep = end;
			if (item != value.text)
				fputs(", ", fp);
			json_string(fp, item, (size_t)(sep - item));
			item = sep < end ? sep + seplen : end;
		}
		putc(']', fp);
		break;
	default:
		json_string(fp, value.text, value.len);
		break;
	}
}

/* {"command": "...", "results": [ -- the opening of a document. */
void
smtpcode_json_begin(struct smtpcode_json *j, FILE *fp, const char *command)
{
	j->fp = fp;
	j->items = 0;
	fprintf(fp, "{\n  \"command\": \"%s\",\n  \"results\": [", command);
}

static void
next_item(struct smtpcode_json *j)
{
	fputs(j->items++ > 0 ? ",\n    " : "\n    ", j->fp);
}

/* The fields of a record as "name": value pairs, one a line. */
static void
json_fields(FILE *fp, enum smtpcode_record kind, const void *record,
    const char *indent)
{
	char buf[SMTPCODE_VALUE_SIZE];
	size_t i, n;

	n = smtpcode_field_count(kind);
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s\n%s  \"%s\": ", i > 0 ? "," : "", indent,
		    smtpcode_field_name(kind, i));
		smtpcode_json_value(fp, smtpcode_record_value(kind, record, i,
		    buf, sizeof(buf)));
	}
}

static void
code_object(FILE *fp, const struct smtpcode_entry *entry, const char *indent)
{
	fputs("{", fp);
	json_fields(fp, SMTPCODE_RECORD_CODE, entry, indent);
	fprintf(fp, "\n%s}", indent);
}

void
smtpcode_json_code(struct smtpcode_json *j, const struct smtpcode_entry *e)
{
	next_item(j);
	code_object(j->fp, e, "    ");
}

/* A record of either kind, as an item. */
void
smtpcode_json_record(struct smtpcode_json *j, enum smtpcode_record kind,
    const void *record)
{
	if (kind == SMTPCODE_RECORD_CODE)
		smtpcode_json_code(j, record);
	else
		smtpcode_json_reply(j, record);
}

/* A reply's fields, then its codes' records as "basic" and "enhanced". */
void
smtpcode_json_reply(struct smtpcode_json *j,
    const struct smtpcode_reply_view *view)
{
	next_item(j);
	fputs("{", j->fp);
	json_fields(j->fp, SMTPCODE_RECORD_REPLY, view, "    ");
	fputs(",\n      \"basic\": ", j->fp);
	if (view->basic != NULL)
		code_object(j->fp, view->basic, "      ");
	else
		fputs("null", j->fp);
	fputs(",\n      \"enhanced\": ", j->fp);
	if (view->enhanced != NULL)
		code_object(j->fp, view->enhanced, "      ");
	else
		fputs("null", j->fp);
	fputs("\n    }", j->fp);
}

/*
 * A record of any kind as an item, with n of its fields (their indexes
 * in fields[]) in that order.
 */
void
smtpcode_json_fields(struct smtpcode_json *j, enum smtpcode_record kind,
    const void *record, const size_t *fields, size_t n)
{
	char buf[SMTPCODE_VALUE_SIZE];
	size_t i;

	next_item(j);
	fputs("{", j->fp);
	for (i = 0; i < n; i++) {
		fprintf(j->fp, "%s\n      \"%s\": ", i > 0 ? "," : "",
		    smtpcode_field_name(kind, fields[i]));
		smtpcode_json_value(j->fp, smtpcode_record_value(kind, record,
		    fields[i], buf, sizeof(buf)));
	}
	fputs("\n    }", j->fp);
}

/* One bare value as an item, for --field. */
void
smtpcode_json_item(struct smtpcode_json *j, struct smtpcode_value value)
{
	next_item(j);
	smtpcode_json_value(j->fp, value);
}

/* Close the results, for a document that says more after them. */
void
smtpcode_json_results_end(struct smtpcode_json *j)
{
	fputs(j->items > 0 ? "\n  ]" : "]", j->fp);
}

/* Close the document; return -1 if writing failed, 0 otherwise. */
int
smtpcode_json_end(struct smtpcode_json *j)
{
	smtpcode_json_results_end(j);
	fputs("\n}\n", j->fp);
	return ferror(j->fp) ? -1 : 0;
}

/* The codes' records, and the opening of the table. */
static void
json_compare_head(FILE *fp, const struct smtpcode_entry *entries, size_t n)
{
	size_t k;

	fputs("{\n  \"command\": \"compare\",\n  \"codes\": [", fp);
	for (k = 0; k < n; k++) {
		fputs(k > 0 ? ",\n    " : "\n    ", fp);
		code_object(fp, &entries[k], "    ");
	}
	fputs("\n  ],\n  \"table\": [", fp);
}

/*
 * A comparison: the codes' records, then the table, a row an aspect
 * with each code's value (null: none) and the difference.
 */
const struct compare_format compare_json = {
	json_compare_head, smtpcode_json_value,
	",",
	"\n    {\n      \"field\": \"",
	"\",\n      \"values\": [",
	", ",
	"null",
	"],\n      \"difference\": ",
	"\n    }",
	"\n  ]\n}\n"
};
