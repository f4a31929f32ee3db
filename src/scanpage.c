/* SPDX-License-Identifier: ISC */
/* scanpage.c -- a scan's summary: its page, and its rows for scripts */

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "scan.h"

/* Room for a row's --texts: SMTPCODE_TEXTS_MAX lines at most. */
#define TEXTS_SIZE	(SMTPCODE_TEXTS_MAX * (SMTPCODE_MASKED_MAX + 24))

/* The widest a grouped summary's key column gets in text. */
#define KEY_COLUMN_MAX	40

/*
 * A row and its codes, described, as the field table reads it.  The
 * code that decides the verdict (the enhanced code, if any, unless the
 * basic code is sharper) gives the class and names the row, unless it
 * is an enhanced code that says nothing more than its class (X.0.0) or
 * is not registered: then the basic code names it.  A row not keyed by
 * its codes has none.
 */
struct scan_view {
	struct smtpcode_entry basic, enhanced;
	struct smtpcode_scan_record record;
	char	 texts[TEXTS_SIZE];
};

static void
describe_row(const struct smtpcode_scan *s, const struct smtpcode_scan_row *row,
    struct scan_view *v)
{
	struct smtpcode_scan_record *r;

	r = &v->record;
	memset(r, 0, sizeof(*r));
	r->row = row;
	if (row->code_keyed && !row->other) {
		smtpcode_describe_pair(row->code, row->has_status ?
		    &row->status : NULL, &v->basic, &v->enhanced, &r->basic,
		    &r->enhanced);
		r->by = smtpcode_verdict_by(r->basic, r->enhanced);
		r->named = r->by;
		if (r->basic != NULL && r->enhanced != NULL &&
		    (r->enhanced->code == 0 || *r->enhanced->rfc == '\0'))
			r->named = r->basic;
	}
	if (s->texts > 0 && !row->other) {
		r->texts = v->texts;
		r->texts_len = smtpcode_scan_texts(s, row->group, v->texts,
		    sizeof(v->texts));
	}
}

static size_t
field(const char *name)
{
	return (size_t)smtpcode_field_index(SMTPCODE_RECORD_SCAN, name);
}

/*
 * The columns of the summary for scripts, as field indexes of a scan
 * row into column (SMTPCODE_SCAN_COLUMNS of them at most): by default
 * count, the pair and what it means, direction; grouped, a column a key
 * (named as the key), then count; either way, with --texts, the texts.
 * Return how many.
 */
size_t
smtpcode_scan_columns(const struct smtpcode_scan *s, size_t *column)
{
	static const char *const defaults[] = { "count", "basic_code",
	    "enhanced_code", "class", "verdict", "name", "reason",
	    "direction" };
	size_t i, n;

	_Static_assert(SMTPCODE_NELEM(defaults) + 1 <= SMTPCODE_SCAN_COLUMNS &&
	    SMTPCODE_NKEYS + 2 <= SMTPCODE_SCAN_COLUMNS,
	    "room for the columns");
	n = 0;
	if (s->nkeys == 0)
		for (i = 0; i < SMTPCODE_NELEM(defaults); i++)
			column[n++] = field(defaults[i]);
	else {
		for (i = 0; i < (size_t)s->nkeys; i++)
			column[n++] = field(smtpcode_scan_key_name(s->keys[i]));
		column[n++] = field("count");
	}
	if (s->texts > 0)
		column[n++] = field("texts");
	return n;
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

/* A value as text, "-" when empty, padded to width columns. */
static void
text_cell(FILE *fp, struct smtpcode_value v, size_t width)
{
	size_t shown;

	if (v.len == 0)
		v.text = "-", v.len = 1;
	shown = v.len < KEY_COLUMN_MAX ? v.len : KEY_COLUMN_MAX;
	escape_write(fp, v.text, shown, ESCAPE_TEXT);
	fprintf(fp, "%*s", (int)(width > shown ? width - shown : 0), "");
}

/* A row's --texts, a line each under it, indented. */
static void
texts_lines(FILE *fp, const struct smtpcode_scan_record *r)
{
	const char *p, *nl, *end;

	p = r->texts;
	end = p + r->texts_len;
	while (p != NULL && p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		fputs("            ", fp);
		escape_write(fp, p, (size_t)(nl - p), ESCAPE_TEXT);
		putc('\n', fp);
		p = nl + 1;
	}
}

/* The noun for n replies: "1 reply", "2 replies", "0 replies". */
static const char *
replies(unsigned long long n)
{
	return n == 1 ? "reply" : "replies";
}

/* A default row as text: count, direction, codes, what they mean. */
static void
default_line(const struct smtpcode_out *o,
    const struct smtpcode_scan_record *r)
{
	const struct smtpcode_scan_row *row;
	FILE *fp = o->fp;

	row = r->row;
	fprintf(fp, "%8llu  %-5s", row->count, row->other ? "-" :
	    smtpcode_direction_name(row->direction));
	if (row->other) {
		fputs("other\n", fp);
		return;
	}
	code_cell(o, r->basic, 7);
	code_cell(o, r->enhanced, 10);
	fprintf(fp, "%-14s%-11s%-21s%s\n", smtpcode_line_class(r->by),
	    smtpcode_verdict_name(row->verdict),
	    row->reason != NULL ? row->reason->id : "-", r->named->name);
}

/*
 * The rows a summary writes, in order: the groups, then the row of
 * what did not fit if it counts anything.  Each walk_next describes
 * the next into w->v and returns 1, or returns 0 past the last.
 */
struct walk {
	const struct smtpcode_scan	*s;
	const struct smtpcode_scan_row	*rows;
	size_t				 n, i;
	struct smtpcode_scan_row	 other;
	struct scan_view		 v;
};

static void
walk_begin(struct walk *w, const struct smtpcode_scan *s,
    const struct smtpcode_scan_row *rows, size_t n)
{
	w->s = s;
	w->rows = rows;
	w->n = n;
	w->i = 0;
	smtpcode_scan_other_row(s, &w->other);
}

static int
walk_next(struct walk *w)
{
	if (w->i > w->n || (w->i == w->n && w->other.count == 0))
		return 0;
	describe_row(w->s, w->i < w->n ? &w->rows[w->i] : &w->other, &w->v);
	w->i++;
	return 1;
}

/* The width of each key column of a grouped summary, its name's or more. */
static void
key_widths(const struct smtpcode_scan *s, const struct smtpcode_scan_row *rows,
    size_t n, size_t *width)
{
	struct scan_view view, *v;
	char buf[SMTPCODE_VALUE_SIZE];
	size_t i, k, len;

	v = &view;
	for (k = 0; k < (size_t)s->nkeys; k++)
		width[k] = strlen(smtpcode_scan_key_name(s->keys[k]));
	for (i = 0; i < n; i++) {
		describe_row(s, &rows[i], v);
		for (k = 0; k < (size_t)s->nkeys; k++) {
			len = smtpcode_scan_value(&v->record,
			    field(smtpcode_scan_key_name(s->keys[k])), buf,
			    sizeof(buf)).len;
			len = len < KEY_COLUMN_MAX ? len : KEY_COLUMN_MAX;
			if (len > width[k])
				width[k] = len;
		}
	}
}

/* A grouped row as text: a cell a key, then the count. */
static void
grouped_line(FILE *fp, const struct smtpcode_scan *s,
    const struct smtpcode_scan_record *r, const size_t *width)
{
	char buf[SMTPCODE_VALUE_SIZE];
	size_t k;

	for (k = 0; k < (size_t)s->nkeys; k++) {
		text_cell(fp, smtpcode_scan_value(r,
		    field(smtpcode_scan_key_name(s->keys[k])), buf,
		    sizeof(buf)), width[k] + 2);
	}
	fprintf(fp, "%8llu\n", r->row->count);
}

/*
 * Write a scan's summary as text: a header, a line a group, most
 * frequent first, each with its --texts under it, the row of what did
 * not fit, then the totals by class.  Return -1 if writing failed, 0
 * otherwise.
 */
int
smtpcode_render_scan(const struct smtpcode_out *o,
    const struct smtpcode_scan *s, const struct smtpcode_scan_row *rows,
    size_t n)
{
	struct walk w;
	size_t width[SMTPCODE_NKEYS], k;
	FILE *fp = o->fp;

	if (s->nkeys == 0)
		fprintf(fp, "%8s  %-5s%-7s%-10s%-14s%-11s%-21s%s\n", "count",
		    "dir", "code", "enhanced", "class", "verdict", "reason",
		    "name");
	else {
		key_widths(s, rows, n, width);
		for (k = 0; k < (size_t)s->nkeys; k++)
			fprintf(fp, "%-*s", (int)width[k] + 2,
			    smtpcode_scan_key_name(s->keys[k]));
		fprintf(fp, "%8s\n", "count");
	}
	walk_begin(&w, s, rows, n);
	while (walk_next(&w)) {
		if (s->nkeys == 0)
			default_line(o, &w.v.record);
		else
			grouped_line(fp, s, &w.v.record, width);
		texts_lines(fp, &w.v.record);
	}
	fprintf(fp, "Totals: %llu success, %llu intermediate, %llu transient, "
	    "%llu permanent; %llu %s in %llu %s\n",
	    s->class_totals[2], s->class_totals[3], s->class_totals[4],
	    s->class_totals[5], s->replies, replies(s->replies), s->lines,
	    s->lines == 1 ? "line" : "lines");
	return ferror(fp) ? -1 : 0;
}

/*
 * Give each row of a summary, described for the field table, to fn:
 * the groups, then the row of what did not fit if it counts anything.
 */
void
smtpcode_scan_walk(const struct smtpcode_scan *s,
    const struct smtpcode_scan_row *rows, size_t n,
    smtpcode_scan_record_fn *fn, void *arg)
{
	struct walk w;

	walk_begin(&w, s, rows, n);
	while (walk_next(&w))
		fn(arg, &w.v.record);
}

/*
 * The end of a summary's JSON document: after the rows, the totals
 * (the TSV table leaves them out: they are its sums).  Return -1 if
 * writing failed, 0 otherwise.
 */
int
smtpcode_json_scan_end(struct smtpcode_json *j, const struct smtpcode_scan *s)
{
	smtpcode_json_results_end(j);
	fprintf(j->fp, ",\n  \"totals\": {\"lines\": %llu, \"replies\": %llu, "
	    "\"not_itemised\": %llu, \"classes\": {\"2\": %llu, \"3\": %llu, "
	    "\"4\": %llu, \"5\": %llu}}\n}\n", s->lines, s->replies, s->other,
	    s->class_totals[2], s->class_totals[3], s->class_totals[4],
	    s->class_totals[5]);
	return ferror(j->fp) ? -1 : 0;
}
