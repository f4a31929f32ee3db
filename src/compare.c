/* SPDX-License-Identifier: ISC */
/* compare.c -- render the difference page of two or more codes */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "render.h"

/* The rows of the table; a row only one kind of code has is optional. */
enum row {
	ROW_CODE, ROW_CLASS, ROW_RETRY, ROW_ACTORS, ROW_STAGE, ROW_SUBJECT,
	ROW_RFC, ROW_ENHANCED, ROW_BASIC, ROW_VERDICT, NROWS
};

#define ANY_CLASS	"depends on the class"
#define NO_STAGE	"no stage of its own: it comes with a basic code"

/* The table cells of one compared code that need composing. */
struct column {
	char	code[SMTPCODE_LABEL_SIZE];
	char	class[LAYOUT_CELL_SIZE];
	char	stages[LAYOUT_CELL_SIZE];
	char	subject[LAYOUT_CELL_SIZE];
	char	actors[LAYOUT_CELL_SIZE];
	char	verdict[LAYOUT_CELL_SIZE];
};

/* A sentence under construction; it truncates rather than overflows. */
struct line {
	char	text[LAYOUT_LINE_SIZE];
	size_t	len;
};

static const char *const row_labels[NROWS] = {
	"", "Class", "Retry", "Who acts", "Stage", "Subject", "Defined in",
	"Enhanced codes", "Basic codes", "Verdict"
};

/* The retry advice of a code; a registry row's depends on its class. */
static const char *
retry_text(const struct smtpcode_entry *entry, enum smtpcode_retry_form form)
{
	if (entry->class_digit == 0)
		return ANY_CLASS;
	return smtpcode_retry_text(entry->retry, form);
}

static int
is_basic(const struct smtpcode_entry *entry)
{
	return entry->kind == SMTPCODE_BASIC;
}

/* Whether some of the n codes are of the given kind. */
static int
any_kind(const struct smtpcode_entry *entries, size_t n,
    enum smtpcode_kind kind)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (entries[i].kind == kind)
			return 1;
	return 0;
}

/* Whether the table shows a row: rows of one kind need a code of it. */
static int
row_shown(enum row row, const struct smtpcode_entry *entries, size_t n)
{
	switch (row) {
	case ROW_STAGE:
	case ROW_ENHANCED:
		return any_kind(entries, n, SMTPCODE_BASIC);
	case ROW_SUBJECT:
	case ROW_BASIC:
		return any_kind(entries, n, SMTPCODE_ENHANCED);
	default:
		return 1;
	}
}

static void
append(struct line *line, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	room = sizeof(line->text) - line->len;
	va_start(ap, fmt);
	n = vsnprintf(line->text + line->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	line->len += (size_t)n < room ? (size_t)n : room - 1;
}

static void
clear(struct line *line)
{
	line->len = 0;
	line->text[0] = '\0';
}

static void
set_row(struct compare_row *row, const char *field, const char *label,
    const struct line *line)
{
	row->field = field;
	row->label = label;
	memcpy(row->difference, line->text, line->len + 1);
}

static const char *
cell(const struct smtpcode_entry *entry, const struct column *col,
    enum row row)
{
	switch (row) {
	case ROW_CODE:
		return col->code;
	case ROW_CLASS:
		return col->class;
	case ROW_RETRY:
		return retry_text(entry, SMTPCODE_FORM_SHORT);
	case ROW_ACTORS:
		return *col->actors != '\0' ? col->actors : "nobody";
	case ROW_STAGE:
		if (!is_basic(entry))
			return "-";
		return *col->stages != '\0' ? col->stages : "not known";
	case ROW_SUBJECT:
		return is_basic(entry) ? "-" : col->subject;
	case ROW_RFC:
		return *entry->rfc != '\0' ? entry->rfc : "no RFC";
	case ROW_ENHANCED:
		if (!is_basic(entry))
			return "-";
		return *entry->enhanced != '\0' ? entry->enhanced : "none";
	case ROW_BASIC:
		if (is_basic(entry))
			return "-";
		return *entry->basic != '\0' ? entry->basic : "none";
	default:
		return col->verdict;
	}
}

/* "both" for two codes, "all 3" for more. */
static void
append_all(struct line *line, size_t n)
{
	if (n == 2)
		append(line, "both");
	else
		append(line, "all %zu", n);
}

static void
write_table(FILE *fp, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n, size_t width)
{
	const char *cells[SMTPCODE_COMPARE_MAX + 1];
	size_t natural[SMTPCODE_COMPARE_MAX + 1];
	size_t colw[SMTPCODE_COMPARE_MAX + 1];
	size_t i, w, avail;
	enum row row;

	for (i = 0; i <= n; i++)
		natural[i] = 0;
	for (row = 0; row < NROWS; row++) {
		if (!row_shown(row, entries, n))
			continue;
		w = strlen(row_labels[row]);
		if (w > natural[0])
			natural[0] = w;
		for (i = 0; i < n; i++) {
			cells[0] = cell(&entries[i], &cols[i], row);
			w = layout_width(cells[0], strlen(cells[0]));
			if (w > natural[i + 1])
				natural[i + 1] = w;
		}
	}
	colw[0] = natural[0];
	avail = width > natural[0] + 2 * n ? width - natural[0] - 2 * n : 0;
	if (width == 0)
		memcpy(colw + 1, natural + 1, n * sizeof(natural[0]));
	else
		layout_columns(colw + 1, natural + 1, n, avail);
	for (row = 0; row < NROWS; row++) {
		if (!row_shown(row, entries, n))
			continue;
		cells[0] = row_labels[row];
		for (i = 0; i < n; i++)
			cells[i + 1] = cell(&entries[i], &cols[i], row);
		layout_row(fp, cells, colw, n + 1, width > 0);
	}
}

static size_t
count_marked(const int *marked, size_t n)
{
	size_t i, count;

	count = 0;
	for (i = 0; i < n; i++)
		count += marked[i] != 0;
	return count;
}

/* Write the marked codes as "421", "421 and 450" or "421, 450 and 451". */
static void
append_codes(struct line *line, const struct smtpcode_entry *entries,
    const int *marked, size_t n)
{
	size_t i, count, k;

	count = count_marked(marked, n);
	for (i = 0, k = 0; i < n; i++) {
		if (!marked[i])
			continue;
		append(line, "%s%s", k == 0 ? "" : k + 1 == count ? " and " :
		    ", ", entries[i].label);
		k++;
	}
}

/* Append " Only 421 <what>." when some, but not all, codes are marked. */
static void
append_only(struct line *line, const struct smtpcode_entry *entries,
    const int *marked, size_t n, const char *what)
{
	size_t count;

	count = count_marked(marked, n);
	if (count == 0 || count == n)
		return;
	append(line, " Only ");
	append_codes(line, entries, marked, n);
	append(line, " %s.", what);
}

/*
 * Describe how bit sets differ: "same for both: X.", or "shared: X; only
 * 421: Y; only 553: Z.", naming bits with join.
 */
static void
append_sets(struct line *line, const struct smtpcode_entry *entries,
    const unsigned *sets, size_t n, size_t (*join)(char *, size_t, unsigned),
    const char *none)
{
	char names[LAYOUT_CELL_SIZE];
	unsigned shared, others;
	size_t i, j;
	int same, parts;

	same = 1;
	shared = sets[0];
	for (i = 1; i < n; i++) {
		same &= sets[i] == sets[0];
		shared &= sets[i];
	}
	if (same) {
		join(names, sizeof(names), sets[0]);
		append(line, "same for ");
		append_all(line, n);
		append(line, ": %s.", *names != '\0' ? names : none);
		return;
	}
	parts = 0;
	if (shared != 0) {
		join(names, sizeof(names), shared);
		append(line, "shared: %s", names);
		parts++;
	}
	for (i = 0; i < n; i++) {
		others = 0;
		for (j = 0; j < n; j++)
			if (j != i && strcmp(entries[j].label,
			    entries[i].label) != 0)
				others |= sets[j];
		if ((sets[i] & ~others) == 0)
			continue;
		join(names, sizeof(names), sets[i] & ~others);
		append(line, "%sonly %s: %s", parts++ > 0 ? "; " : "",
		    entries[i].label, names);
	}
	append(line, ".");
}

/*
 * Say how one attribute compares: "same for both: V." when every code
 * has the same value, else one clause a distinct value, naming the codes
 * that have it: "<before>421<one>V1; <before>550 and 553<many>V2."
 * Return whether the values were all the same.
 */
static int
append_values(struct line *line, const struct smtpcode_entry *entries,
    const char *const *values, size_t n, const char *before,
    const char *one, const char *many)
{
	int done[SMTPCODE_COMPARE_MAX] = { 0 };
	int same[SMTPCODE_COMPARE_MAX];
	size_t i, j, count;

	for (i = 1; i < n && strcmp(values[i], values[0]) == 0; i++)
		continue;
	if (i == n) {
		append(line, "same for ");
		append_all(line, n);
		append(line, ": %s.", values[0]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		count = 0;
		for (j = 0; j < n; j++) {
			same[j] = !done[j] && strcmp(values[j], values[i]) == 0;
			done[j] |= same[j];
			count += same[j];
		}
		append(line, "%s%s", i > 0 ? "; " : "", before);
		append_codes(line, entries, same, n);
		append(line, "%s%s", count > 1 ? many : one, values[i]);
	}
	append(line, ".");
	return 0;
}

/* Class and retry: one value a code, compared as text. */
static void
write_class_retry(struct compare_row *row,
    const struct smtpcode_entry *entries,
    const struct column *cols, size_t n)
{
	/* Words both kinds share, for comparing a basic and an enhanced. */
	static const char *const class_words[] = {
		"of any class", "", "class 2, success",
		"class 3, intermediate", "class 4, transient",
		"class 5, permanent"
	};
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	struct line line = { "", 0 };
	int transient[SMTPCODE_COMPARE_MAX] = { 0 }, mixed;
	size_t i;

	mixed = any_kind(entries, n, SMTPCODE_BASIC) &&
	    any_kind(entries, n, SMTPCODE_ENHANCED);

	for (i = 0; i < n; i++) {
		values[i] = mixed ? class_words[entries[i].class_digit] :
		    cols[i].class;
		transient[i] = entries[i].class_digit == 4;
	}
	/* The 4xx codes are the ones a plain retry can cure. */
	append_values(&line, entries, values, n, "", " is ", " are ");
	append_only(&line, entries, transient, n,
	    "can succeed when simply tried again later");
	set_row(row, "class", "Class", &line);

	clear(&line);
	for (i = 0; i < n; i++)
		values[i] = retry_text(&entries[i], SMTPCODE_FORM_CLAUSE);
	append_values(&line, entries, values, n, "for ", ", ", ", ");
	set_row(row + 1, "retry", "Retry", &line);
}

static void
write_rfcs(struct compare_row *row, const struct smtpcode_entry *entries,
    size_t n)
{
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	struct line line = { "", 0 };
	size_t i;

	for (i = 0; i < n; i++)
		values[i] = *entries[i].rfc != '\0' ? entries[i].rfc : "no RFC";
	append_values(&line, entries, values, n, "", " in ", " in ");
	set_row(row, "defined_in", "Defined in", &line);
}

static void
write_actors(struct compare_row *row, const struct smtpcode_entry *entries,
    size_t n)
{
	unsigned sets[SMTPCODE_COMPARE_MAX] = { 0 };
	struct line line = { "", 0 };
	size_t i;

	for (i = 0; i < n; i++)
		sets[i] = entries[i].actors;
	append_sets(&line, entries, sets, n, smtpcode_join_actors, "nobody");
	set_row(row, "who_acts", "Who acts", &line);
}

/*
 * Stages as the data lists them, then what sets a code apart: only it
 * can be the greeting, or only it can answer any command.
 */
static void
write_stages(struct compare_row *row, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n)
{
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	struct line line = { "", 0 };
	int greeting[SMTPCODE_COMPARE_MAX] = { 0 };
	int any[SMTPCODE_COMPARE_MAX] = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		values[i] = !is_basic(&entries[i]) ? NO_STAGE :
		    *cols[i].stages != '\0' ? cols[i].stages : "no known stage";
		greeting[i] = (entries[i].stages & SMTPCODE_STAGE_CONNECT) != 0;
		any[i] = (entries[i].stages & SMTPCODE_STAGE_ANY) != 0;
	}
	append_values(&line, entries, values, n, "", " at ", " at ");
	append_only(&line, entries, greeting, n,
	    "can come as the greeting, before the client has sent anything");
	append_only(&line, entries, any, n, "can answer any command");
	set_row(row, "stage", "Stage", &line);
}

/* The codes a code travels with: enhanced ones, or basic ones. */
static const char *
partners(const struct smtpcode_entry *entry)
{
	return is_basic(entry) ? entry->enhanced : entry->basic;
}

/* The partner codes that every compared code lists. */
static void
write_common(struct compare_row *row, const struct smtpcode_entry *entries,
    size_t n)
{
	struct line line = { "", 0 };
	const char *tok;
	size_t i, len;
	int shared, found;

	found = 0;
	tok = partners(&entries[0]);
	while (*tok != '\0') {
		len = strcspn(tok, ",");
		shared = 1;
		for (i = 1; i < n; i++)
			shared &= smtpcode_list_has(partners(&entries[i]), tok,
			    len);
		if (shared)
			append(&line, "%s%.*s", found++ > 0 ? ", " :
			    "in common: ", (int)len, tok);
		tok += len;
		tok += strspn(tok, ", ");
	}
	if (!found)
		append(&line, "none in common");
	append(&line, ".");
	if (is_basic(&entries[0]))
		set_row(row, "enhanced_codes", "Enhanced codes", &line);
	else
		set_row(row, "basic_codes", "Basic codes", &line);
}

/* For a mix of kinds: how each basic code fits each enhanced one. */
static void
write_pairing(struct compare_row *row, const struct smtpcode_entry *entries,
    size_t n)
{
	static const char *const how[] = {
		[SMTPCODE_PAIR_REGISTERED] = "the registry pairs them",
		[SMTPCODE_PAIR_USUAL] = "commonly sent together",
		[SMTPCODE_PAIR_UNLISTED] = ("neither the registry nor an RFC "
		    "pairs them"),
		[SMTPCODE_PAIR_CLASS] = "their classes differ"
	};
	struct line line = { "", 0 };
	size_t i, j;
	int k;

	k = 0;
	for (i = 0; i < n; i++) {
		if (!is_basic(&entries[i]))
			continue;
		for (j = 0; j < n; j++) {
			if (is_basic(&entries[j]))
				continue;
			append(&line, "%s%s with %s: %s", k++ > 0 ? "; " : "",
			    entries[i].label, entries[j].label,
			    how[smtpcode_pairing(&entries[i], &entries[j])]);
		}
	}
	append(&line, ".");
	set_row(row, "pairing", "Pairing", &line);
}

static void
write_subjects(struct compare_row *row, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n)
{
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	struct line line = { "", 0 };
	size_t i;

	for (i = 0; i < n; i++)
		values[i] = is_basic(&entries[i]) ? "a basic code, with no "
		    "subject" : cols[i].subject;
	append_values(&line, entries, values, n, "", ": ", ": ");
	set_row(row, "subject", "Subject", &line);
}

static void
write_verdicts(struct compare_row *row, const struct smtpcode_entry *entries,
    size_t n)
{
	const char *values[SMTPCODE_COMPARE_MAX] = { NULL };
	struct line line = { "", 0 };
	size_t i;

	char verdicts[SMTPCODE_COMPARE_MAX][LAYOUT_CELL_SIZE];

	for (i = 0; i < n; i++) {
		page_verdict(verdicts[i], sizeof(verdicts[i]), &entries[i]);
		values[i] = verdicts[i];
	}
	append_values(&line, entries, values, n, "", ": ", ": ");
	set_row(row, "verdict", "Verdict", &line);
}

static int
all_same_code(const struct smtpcode_entry *entries, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(entries[i].label, entries[0].label) != 0)
			return 0;
	return 1;
}

/*
 * Work out the differences of n codes, one row an aspect, in the order
 * of the page; return the number of rows.
 */
static size_t
differences(struct compare_row *rows, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n)
{
	size_t k;

	write_class_retry(rows, entries, cols, n);
	k = 2;
	write_actors(&rows[k++], entries, n);
	if (any_kind(entries, n, SMTPCODE_BASIC))
		write_stages(&rows[k++], entries, cols, n);
	if (any_kind(entries, n, SMTPCODE_ENHANCED))
		write_subjects(&rows[k++], entries, cols, n);
	write_rfcs(&rows[k++], entries, n);
	if (any_kind(entries, n, SMTPCODE_BASIC) &&
	    any_kind(entries, n, SMTPCODE_ENHANCED))
		write_pairing(&rows[k++], entries, n);
	else
		write_common(&rows[k++], entries, n);
	write_verdicts(&rows[k++], entries, n);
	return k;
}

static void
write_differences(FILE *fp, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n, size_t width)
{
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct line line = { "", 0 };
	size_t i, count;

	fputs("\nKey differences\n", fp);
	if (all_same_code(entries, n)) {
		append(&line, "%s and %s are the same code: there is nothing "
		    "to tell apart.", entries[0].label, entries[0].label);
		layout_text(fp, line.text, 0, 0, width);
		return;
	}
	count = differences(rows, entries, cols, n);
	for (i = 0; i < count; i++)
		layout_field(fp, rows[i].label, rows[i].difference, width);
}

static void
write_actions(FILE *fp, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n, size_t width)
{
	struct line line;
	size_t i;

	fputs("\nWhat to do\n", fp);
	for (i = 0; i < n; i++) {
		clear(&line);
		append(&line, "%s", entries[i].class_digit == 0 ?
		    "It depends on the class the code comes with." :
		    smtpcode_retry_text(entries[i].retry,
		    SMTPCODE_FORM_ACTION));
		if (*cols[i].actors != '\0')
			append(&line, " Who acts: %s.", cols[i].actors);
		layout_field(fp, cols[i].code, line.text, width);
	}
}

static void
write_head(FILE *fp, const struct smtpcode_entry *entries,
    const struct column *cols, size_t n, size_t width)
{
	struct line line = { "", 0 };
	size_t i;

	append(&line, "SMTP");
	for (i = 0; i < n; i++)
		append(&line, "%s %s %s", i > 0 ? " vs" : "", entries[i].label,
		    entries[i].name);
	layout_text(fp, line.text, 0, 4, width);
	putc('\n', fp);
	for (i = 0; i < n; i++) {
		clear(&line);
		if (entries[i].class_digit == 0)
			append(&line, "%s (%s) is the registry's entry, valid "
			    "in every class.", entries[i].label,
			    entries[i].name);
		else if (is_basic(&entries[i]))
			append(&line, "%s (%s) is a %s reply: %s.",
			    entries[i].label, entries[i].name, cols[i].class,
			    smtpcode_class_summary(entries[i].code));
		else
			append(&line, "%s (%s) is an enhanced status code of "
			    "class %d, %s: %s.", entries[i].label,
			    entries[i].name, entries[i].class_digit,
			    smtpcode_status_class_name(entries[i].class_digit),
			    smtpcode_class_summary(entries[i].class_digit *
			    100));
		layout_text(fp, line.text, 0, 0, width);
	}
}

/* Compose the cells of each code's column. */
static void
set_columns(struct column *cols, const struct smtpcode_entry *entries,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(cols[i].code, sizeof(cols[i].code), "%s",
		    entries[i].label);
		if (is_basic(&entries[i]))
			page_class(cols[i].class, sizeof(cols[i].class),
			    entries[i].code);
		else if (entries[i].class_digit == 0)
			snprintf(cols[i].class, sizeof(cols[i].class),
			    "X (any class)");
		else
			page_status_class(cols[i].class,
			    sizeof(cols[i].class), entries[i].class_digit);
		snprintf(cols[i].subject, sizeof(cols[i].subject), "%d %s",
		    entries[i].code / 1000,
		    smtpcode_subject_name(entries[i].code / 1000 % 8));
		page_verdict(cols[i].verdict, sizeof(cols[i].verdict),
		    &entries[i]);
		/* The table shows the verdict's words before the reason. */
		cols[i].verdict[strcspn(cols[i].verdict, ":")] = '\0';
		smtpcode_join_stages(cols[i].stages, sizeof(cols[i].stages),
		    entries[i].stages);
		smtpcode_join_actors(cols[i].actors, sizeof(cols[i].actors),
		    entries[i].actors);
	}
}

/*
 * The aspects of a comparison as rows, for TSV and JSON: the field each
 * compares and the difference the text page gives for it (empty when
 * all the codes are the same).  rows needs COMPARE_ROWS_MAX entries.
 * Return the number of rows, 0 if n is out of range.
 */
size_t
compare_rows(struct compare_row *rows, const struct smtpcode_entry *entries,
    size_t n)
{
	struct column cols[SMTPCODE_COMPARE_MAX];
	size_t i, count;

	if (n < 2 || n > SMTPCODE_COMPARE_MAX)
		return 0;
	set_columns(cols, entries, n);
	count = differences(rows, entries, cols, n);
	if (all_same_code(entries, n))
		for (i = 0; i < count; i++)
			rows[i].difference[0] = '\0';
	return count;
}

/*
 * Write the difference page of n codes (2 to SMTPCODE_COMPARE_MAX): a
 * title, one summary sentence a code, a table with a column a code, each
 * code's prose, the differences computed from the data, and what to do.
 * Return -1 if n is out of range or writing failed, 0 otherwise.
 */
int
smtpcode_render_compare(FILE *fp, const struct smtpcode_entry *entries,
    size_t n, int width)
{
	struct column cols[SMTPCODE_COMPARE_MAX];
	size_t i, w;

	if (n < 2 || n > SMTPCODE_COMPARE_MAX)
		return -1;
	w = width > 0 ? (size_t)width : 0;
	set_columns(cols, entries, n);
	write_head(fp, entries, cols, n, w);
	putc('\n', fp);
	write_table(fp, entries, cols, n, w);
	for (i = 0; i < n; i++) {
		putc('\n', fp);
		page_title(fp, &entries[i], w);
		page_prose(fp, &entries[i], w);
	}
	write_differences(fp, entries, cols, n, w);
	write_actions(fp, entries, cols, n, w);
	return ferror(fp) ? -1 : 0;
}
