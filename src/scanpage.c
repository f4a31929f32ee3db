/* SPDX-License-Identifier: ISC */
/* scanpage.c -- a scan's summary: its rows as text, TSV or JSON */

#include <stdio.h>
#include <string.h>

#include "render.h"

/*
 * A row's codes, described.  The code that decides the verdict (the
 * enhanced code, if any, unless the basic code is sharper) gives the
 * class and names the row, unless it is an enhanced code that says
 * nothing more than its class (X.0.0) or is not registered: then the
 * basic code names it.
 */
struct scan_view {
	struct smtpcode_entry basic, enhanced;
	const struct smtpcode_entry *b, *e, *by, *named;
};

static void
describe_row(const struct smtpcode_scan_row *row, struct scan_view *v)
{
	smtpcode_describe_pair(row->code, row->has_status ? &row->status :
	    NULL, &v->basic, &v->enhanced, &v->b, &v->e);
	v->by = smtpcode_verdict_by(v->b, v->e);
	v->named = v->by;
	if (v->b != NULL && v->e != NULL && (v->e->code == 0 ||
	    *v->e->rfc == '\0'))
		v->named = v->b;
}

static const char *
label(const struct smtpcode_entry *entry)
{
	return entry != NULL ? entry->label : "-";
}

/* A code in its class's colour, padded to width columns. */
static void
code_cell(const struct smtpcode_out *o, const struct smtpcode_entry *entry,
    int width)
{
	layout_code(o, label(entry), entry != NULL ? entry->class_digit :
	    -1);
	fprintf(o->fp, "%*s", width - (int)strlen(label(entry)), "");
}

/* The noun for n replies: "1 reply", "2 replies", "0 replies". */
static const char *
replies(unsigned long long n)
{
	return n == 1 ? "reply" : "replies";
}

/*
 * Write a scan's summary as text: a header, a line a pair of codes,
 * most frequent first, then the totals by class.  Return -1 if writing
 * failed, 0 otherwise.
 */
int
smtpcode_render_scan(const struct smtpcode_out *o,
    const struct smtpcode_scan *s, const struct smtpcode_scan_row *rows,
    size_t n)
{
	struct scan_view v;
	FILE *fp = o->fp;
	size_t i;

	fprintf(fp, "%8s  %-7s%-10s%-14s%-11s%-21s%s\n", "count", "code",
	    "enhanced", "class", "verdict", "reason", "name");
	for (i = 0; i < n; i++) {
		describe_row(&rows[i], &v);
		fprintf(fp, "%8llu  ", rows[i].count);
		code_cell(o, v.b, 7);
		code_cell(o, v.e, 10);
		fprintf(fp, "%-14s%-11s%-21s%s\n", smtpcode_line_class(v.by),
		    smtpcode_verdict_name(rows[i].verdict),
		    rows[i].reason != NULL ? rows[i].reason->id : "-",
		    v.named->name);
	}
	fprintf(fp, "Totals: %llu success, %llu intermediate, %llu transient, "
	    "%llu permanent; %llu %s in %llu %s\n",
	    s->class_totals[2], s->class_totals[3], s->class_totals[4],
	    s->class_totals[5], s->replies, replies(s->replies), s->lines,
	    s->lines == 1 ? "line" : "lines");
	if (s->other > 0)
		fprintf(fp, "Not itemised: %llu %s, past the %d pairs of "
		    "codes the table holds\n", s->other, replies(s->other),
		    SMTPCODE_SCAN_SLOTS);
	return ferror(fp) ? -1 : 0;
}

/* As TSV: a header row, then a row a pair; the totals are the sums. */
int
smtpcode_tsv_scan(FILE *fp, const struct smtpcode_scan_row *rows, size_t n)
{
	struct scan_view v;
	size_t i;

	fputs("count\tbasic_code\tenhanced_code\tclass\tverdict\tname\t"
	    "reason\n", fp);
	for (i = 0; i < n; i++) {
		describe_row(&rows[i], &v);
		fprintf(fp, "%llu\t%s\t%s\t%d\t%s\t%s\t%s\n", rows[i].count,
		    v.b != NULL ? v.b->label : "", v.e != NULL ?
		    v.e->label : "", v.by->class_digit,
		    smtpcode_verdict_name(rows[i].verdict), v.named->name,
		    rows[i].reason != NULL ? rows[i].reason->id : "");
	}
	return ferror(fp) ? -1 : 0;
}

/* As JSON: the rows as results, and the totals. */
int
smtpcode_json_scan(FILE *fp, const struct smtpcode_scan *s,
    const struct smtpcode_scan_row *rows, size_t n)
{
	struct scan_view v;
	size_t i;

	fputs("{\n  \"command\": \"scan\",\n  \"results\": [", fp);
	for (i = 0; i < n; i++) {
		describe_row(&rows[i], &v);
		fprintf(fp, "%s\n    {\"count\": %llu, \"basic_code\": \"%s\", "
		    "\"enhanced_code\": \"%s\", \"class\": \"%d\", "
		    "\"verdict\": \"%s\", \"reason\": \"%s\", \"name\": \"",
		    i > 0 ? "," : "", rows[i].count, v.b != NULL ?
		    v.b->label : "", v.e != NULL ? v.e->label : "",
		    v.by->class_digit, smtpcode_verdict_name(rows[i].verdict),
		    rows[i].reason != NULL ? rows[i].reason->id : "");
		escape_write(fp, v.named->name, strlen(v.named->name),
		    ESCAPE_JSON);
		fputs("\"}", fp);
	}
	fprintf(fp, "%s],\n  \"totals\": {\"lines\": %llu, \"replies\": %llu, "
	    "\"not_itemised\": %llu, \"classes\": {\"2\": %llu, \"3\": %llu, "
	    "\"4\": %llu, \"5\": %llu}}\n}\n", n > 0 ? "\n  " : "", s->lines,
	    s->replies, s->other, s->class_totals[2], s->class_totals[3],
	    s->class_totals[4], s->class_totals[5]);
	return ferror(fp) ? -1 : 0;
}
