/* SPDX-License-Identifier: ISC */
/* test_render.c -- layout, code pages and compare pages */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/render.h"

/* A renderer's output: a stream and a width, without colour. */
#define OUT(fp, width)	(&(struct smtpcode_out){ (fp), (size_t)(width), 0 })

/* Output captured from a renderer. */
struct capture {
	FILE	*fp;
	char	*text;
	size_t	 size;
};

static void
capture_open(struct capture *cap)
{
	cap->text = NULL;
	cap->size = 0;
	cap->fp = open_memstream(&cap->text, &cap->size);
	assert_non_null(cap->fp);
}

static void
capture_close(struct capture *cap)
{
	assert_int_equal(fclose(cap->fp), 0);
}

static char *
render_page(int code, int width)
{
	struct smtpcode_entry entry;
	struct capture cap;

	assert_true(smtpcode_describe(code, &entry) >= 0);
	capture_open(&cap);
	assert_int_equal(smtpcode_render_page(OUT(cap.fp, width), &entry), 0);
	capture_close(&cap);
	return cap.text;
}

static char *
render_compare(const int *codes, size_t n, int width)
{
	struct smtpcode_entry entries[SMTPCODE_COMPARE_MAX];
	struct capture cap;
	size_t i;

	for (i = 0; i < n; i++)
		assert_true(smtpcode_describe(codes[i], &entries[i]) >= 0);
	capture_open(&cap);
	assert_int_equal(smtpcode_render_compare(OUT(cap.fp, width), entries,
	    n), 0);
	capture_close(&cap);
	return cap.text;
}

static char *
render_status(int class_digit, int subject, int detail, int width)
{
	struct smtpcode_status st;
	struct smtpcode_entry entry;
	struct capture cap;

	st.class_digit = class_digit;
	st.subject = subject;
	st.detail = detail;
	assert_true(smtpcode_describe_status(&st, &entry) >= 0);
	capture_open(&cap);
	assert_int_equal(smtpcode_render_page(OUT(cap.fp, width), &entry), 0);
	capture_close(&cap);
	return cap.text;
}

/* Render the page of the reply in text, with its codes described. */
static char *
render_reply(const char *text, size_t len, int width)
{
	static struct smtpcode_reply reply;
	struct smtpcode_entry codes[2];
	struct smtpcode_meaning meaning;
	struct smtpcode_reply_view view;
	struct capture cap;

	smtpcode_reply_parse(text, len, &reply);
	assert_int_not_equal(reply.source, SMTPCODE_SOURCE_NONE);
	smtpcode_explain_reply(&reply, codes, &meaning, &view);
	capture_open(&cap);
	assert_int_equal(smtpcode_render_reply(OUT(cap.fp, width), &view), 0);
	capture_close(&cap);
	return cap.text;
}

/* The widest line of text, in columns. */
static size_t
widest_line(const char *text)
{
	size_t len, widest, w;

	widest = 0;
	while (*text != '\0') {
		len = strcspn(text, "\n");
		w = layout_width(text, len);
		if (w > widest)
			widest = w;
		text += len;
		if (*text == '\n')
			text++;
	}
	return widest;
}

static size_t
count_lines(const char *text)
{
	size_t n;

	for (n = 0; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

/* Take the spaces out of text, in place. */
static void
squeeze(char *text)
{
	char *out;

	for (out = text; *text != '\0'; text++)
		if (*text != ' ')
			*out++ = *text;
	*out = '\0';
}

/* How many lines of text start with prefix. */
static size_t
count_starts(const char *text, const char *prefix)
{
	size_t n;

	n = strncmp(text, prefix, strlen(prefix)) == 0;
	for (; (text = strchr(text, '\n')) != NULL; text++)
		n += strncmp(text + 1, prefix, strlen(prefix)) == 0;
	return n;
}

/*
 * Undo the wrapping of a page: a line that starts with the value column's
 * indent continues the line before it.
 */
static void
unwrap(char *text)
{
	char *in, *out;
	size_t indent;

	indent = LAYOUT_LABEL_COLUMNS;
	for (in = out = text; *in != '\0'; in++) {
		if (*in == '\n' && strspn(in + 1, " ") == indent) {
			*out++ = ' ';
			in += indent;
			continue;
		}
		if (*in == '\n' && strncmp(in + 1, "    ", 4) == 0 &&
		    in[5] != ' ') {
			/* A title's continuation. */
			*out++ = ' ';
			in += 4;
			continue;
		}
		*out++ = *in;
	}
	*out = '\0';
}

static void
test_layout_line(void **state)
{
	size_t next, len;

	(void)state;
	len = layout_line("alpha beta gamma", 16, 10, &next);
	assert_int_equal(len, 10);
	assert_int_equal(next, 11);
	len = layout_line("alpha beta gamma", 16, 9, &next);
	assert_int_equal(len, 5);
	assert_int_equal(next, 6);
	len = layout_line("alpha beta gamma", 16, 0, &next);
	assert_int_equal(len, 16);
	assert_int_equal(next, 16);
	/* A break exactly at the limit uses the space after the word. */
	len = layout_line("alpha beta", 10, 5, &next);
	assert_int_equal(len, 5);
	assert_int_equal(next, 6);
	/* A word longer than the line is cut. */
	len = layout_line("abcdefghij", 10, 4, &next);
	assert_int_equal(len, 4);
	assert_int_equal(next, 4);
	/* Two-byte characters count as one column each. */
	len = layout_line("\xc3\xa9\xc3\xa9\xc3\xa9 x", 8, 3, &next);
	assert_int_equal(len, 6);
	assert_int_equal(next, 7);
	assert_int_equal(layout_width("\xc3\xa9t\xc3\xa9", 5), 3);
	/* Progress is always made, even at one column. */
	len = layout_line("\xc3\xa9", 2, 1, &next);
	assert_int_equal(len, 2);
	assert_int_equal(next, 2);
}

static void
test_layout_columns(void **state)
{
	size_t natural[3] = { 5, 40, 40 };
	size_t colw[3];

	(void)state;
	layout_columns(colw, natural, 3, 45);
	assert_int_equal(colw[0], 5);
	assert_int_equal(colw[1], 20);
	assert_int_equal(colw[2], 20);
	layout_columns(colw, natural, 3, 100);
	assert_int_equal(colw[1], 40);
	/* Too little room: every column gets the minimum. */
	layout_columns(colw, natural, 3, 6);
	assert_int_equal(colw[0], LAYOUT_MIN_COLUMNS);
	assert_int_equal(colw[2], LAYOUT_MIN_COLUMNS);
}

static const char *const page_labels[] = {
	"Class:", "Digits:", "Retry:", "Who acts:", "Stage:", "Defined in:",
	"Enhanced codes:", "Verdict:", "Description:", "When you see it:",
	"How to fix:"
};

#define NLABELS (sizeof(page_labels) / sizeof(page_labels[0]))

/* Piped, a page is a title and then one line a field, in a fixed order. */
static void
test_page_unwrapped(void **state)
{
	const struct smtpcode_entry *table;
	size_t i, j, count;
	char *text, *line;

	(void)state;
	table = smtpcode_table(&count);
	for (i = 0; i < count; i++) {
		text = render_page(table[i].code, 0);
		/* Providers' meanings add lines of their own. */
		assert_int_equal(count_lines(text) -
		    count_starts(text, "Provider:"), NLABELS + 1);
		line = strchr(text, '\n') + 1;
		assert_int_equal(strtol(text, NULL, 10), table[i].code);
		for (j = 0; j < NLABELS; j++) {
			while (strncmp(line, "Provider:", 9) == 0)
				line = strchr(line, '\n') + 1;
			assert_true(strncmp(line, page_labels[j],
			    strlen(page_labels[j])) == 0);
			line = strchr(line, '\n') + 1;
		}
		assert_non_null(strstr(text, table[i].description));
		assert_non_null(strstr(text, table[i].fix));
		free(text);
	}
}

/* Wrapped, no line passes the width, and unwrapping gives the text back. */
static void
test_page_wrapped(void **state)
{
	const struct smtpcode_entry *table;
	size_t i, count;
	char *flat, *text;
	int width;

	(void)state;
	table = smtpcode_table(&count);
	for (i = 0; i < count; i++) {
		flat = render_page(table[i].code, 0);
		/* A provider's URL, longer than a line, is broken. */
		squeeze(flat);
		for (width = 60; width <= 140; width += 7) {
			text = render_page(table[i].code, width);
			assert_true(widest_line(text) <= (size_t)width);
			unwrap(text);
			squeeze(text);
			assert_string_equal(text, flat);
			free(text);
		}
		free(flat);
	}
}

static void
test_page_narrow(void **state)
{
	char *text;

	(void)state;
	text = render_page(553, SMTPCODE_WIDTH_MIN);
	/* Values keep at least LAYOUT_MIN_COLUMNS after the labels. */
	assert_true(widest_line(text) <= LAYOUT_LABEL_COLUMNS +
	    LAYOUT_MIN_COLUMNS);
	free(text);
}

static void
test_page_unregistered(void **state)
{
	char *text;

	(void)state;
	text = render_page(429, 0);
	assert_true(strncmp(text, "429 Unregistered reply code\n", 28) == 0);
	assert_non_null(strstr(text, "\nClass:           4xx transient "
	    "negative\n"));
	assert_non_null(strstr(text, "\nDigits:          4 = transient "
	    "negative, 2 = the connection, 9 = detail within the subject\n"));
	assert_non_null(strstr(text, "\nDefined in:      none: no RFC "));
	assert_non_null(strstr(text, "\nEnhanced codes:  none\n"));
	free(text);
}

/* A code given as text, "451" or "5.1.1" or "X.1.1", described. */
static void
describe_text(const char *text, struct smtpcode_entry *entry)
{
	struct smtpcode_status st;
	int code;

	if (strchr(text, '.') != NULL) {
		assert_int_equal(smtpcode_parse_status(text, strlen(text), 1,
		    &st), SMTPCODE_PARSE_OK);
		assert_true(smtpcode_describe_status(&st, entry) >= 0);
	} else {
		assert_int_equal(smtpcode_parse(text, &code),
		    SMTPCODE_PARSE_OK);
		assert_true(smtpcode_describe(code, entry) >= 0);
	}
}

/* The compare rows of n codes given as text; entries gets the codes. */
static size_t
rows_of(struct compare_row *rows, struct smtpcode_entry *entries,
    const char *const *codes, size_t n)
{
	size_t i, count;

	for (i = 0; i < n; i++)
		describe_text(codes[i], &entries[i]);
	count = compare_rows(rows, entries, n);
	assert_true(count > 0);
	return count;
}

/* The row comparing field; fails the test if there is none. */
static const struct compare_row *
row_of(const struct compare_row *rows, size_t count, const char *field)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(rows[i].field, field) == 0)
			return &rows[i];
	fail_msg("no row %s", field);
	return NULL;
}

/* Whether some row compares field. */
static int
has_row(const struct compare_row *rows, size_t count, const char *field)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(rows[i].field, field) == 0)
			return 1;
	return 0;
}

/* Code j's line of a per-code row, as a string in buf. */
static const char *
line_of(const struct compare_row *row, size_t j, char *buf, size_t size)
{
	assert_true(row->per_code);
	assert_true(row->each[j].len < size);
	memcpy(buf, row->text + row->each[j].off, row->each[j].len);
	buf[row->each[j].len] = '\0';
	return buf;
}

/* Code j's value of the field a row compares, as a string in out. */
static const char *
value_of(const struct compare_row *row, const struct smtpcode_entry *e,
    size_t j, char *out, size_t size)
{
	struct smtpcode_value v;
	char buf[SMTPCODE_VALUE_SIZE];

	assert_int_equal(compare_value(row, e, j, buf, sizeof(buf), &v), 1);
	assert_true(v.len < size);
	memcpy(out, v.text, v.len);
	out[v.len] = '\0';
	return out;
}

/* How often needle occurs in haystack. */
static size_t
occurrences(const char *haystack, const char *needle)
{
	size_t n;

	for (n = 0; (haystack = strstr(haystack, needle)) != NULL; n++)
		haystack++;
	return n;
}

/*
 * The lines of a page's section, from the line after its heading to
 * the next blank line, as a string the caller frees.
 */
static char *
section_of(const char *page, const char *heading)
{
	const char *start, *end;
	char *text, title[64];

	snprintf(title, sizeof(title), "\n%s\n", heading);
	assert_non_null(start = strstr(page, title));
	start += strlen(title) - 1;
	if ((end = strstr(start + 1, "\n\n")) == NULL)
		end = start + strlen(start) - 1;
	assert_non_null(text = strndup(start, (size_t)(end - start) + 1));
	return text;
}

/* Whether some line of text starts with label and a colon. */
static int
has_label(const char *text, const char *label)
{
	char want[32];

	snprintf(want, sizeof(want), "\n%s:", label);
	return strstr(text, want) != NULL;
}

/* The page's parts, in order, with a line a code where one is due. */
static void
test_compare_sections(void **state)
{
	static const int codes[] = { 421, 553 };
	const struct smtpcode_entry *a, *b;
	char *text, *keys, *actions, title[256];

	(void)state;
	a = smtpcode_lookup(421);
	b = smtpcode_lookup(553);
	text = render_compare(codes, 2, 0);
	snprintf(title, sizeof(title), "SMTP 421 %s vs 553 %s\n", a->name,
	    b->name);
	assert_true(strncmp(text, title, strlen(title)) == 0);
	assert_non_null(strstr(text, "\n421 ("));
	assert_non_null(strstr(text, ") is a 4xx transient negative reply: "));
	assert_non_null(strstr(text, ") is a 5xx permanent negative reply: "));
	assert_non_null(strstr(text, "\nClass           4xx transient "
	    "negative"));
	assert_non_null(strstr(text, a->description));
	assert_non_null(strstr(text, b->fix));
	/* Key differences: a line a code first, then the aspects. */
	keys = section_of(text, "Key differences");
	assert_true(has_label(keys, "421") && has_label(keys, "553"));
	assert_true(strstr(keys, "\n553:") < strstr(keys, "\nClass:"));
	assert_true(has_label(keys, "Retry") && has_label(keys, "Verdict"));
	actions = section_of(text, "What to do");
	assert_true(has_label(actions, "421") && has_label(actions, "553"));
	assert_int_equal(occurrences(actions, "\n"), 3);
	free(actions);
	free(keys);
	free(text);
}

/*
 * 451 and 452 share class, retry, actors and verdict: their lines say
 * how the meanings differ, and the rows say what is the same.
 */
static void
test_compare_meanings(void **state)
{
	static const char *const codes[] = { "451", "452" };
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[2];
	const struct compare_row *meaning, *stage;
	char one[LAYOUT_LINE_SIZE], two[LAYOUT_LINE_SIZE];
	size_t n;

	(void)state;
	n = rows_of(rows, e, codes, 2);
	meaning = row_of(rows, n, "meaning");
	assert_ptr_equal(meaning, &rows[0]);
	line_of(meaning, 0, one, sizeof(one));
	line_of(meaning, 1, two, sizeof(two));
	assert_true(strncmp(one, e[0].name, strlen(e[0].name)) == 0);
	assert_true(strncmp(two, e[1].name, strlen(e[1].name)) == 0);
	assert_string_not_equal(one, two);
	assert_true(row_of(rows, n, "class")->same);
	assert_true(row_of(rows, n, "retry")->same);
	assert_true(row_of(rows, n, "who_acts")->same);
	assert_true(row_of(rows, n, "verdict")->same);
	assert_false(row_of(rows, n, "defined_in")->same);
	/* Only 451 answers ATRN: its line says so, and so does Stage. */
	stage = row_of(rows, n, "stage");
	assert_false(stage->same);
	assert_non_null(strstr(one, "ATRN"));
	assert_null(strstr(two, "ATRN"));
	assert_non_null(strstr(stage->difference, "ATRN"));
	assert_null(strstr(stage->difference, "MAIL FROM, RCPT TO, end of "
	    "data, ATRN"));
}

static void
test_compare_same_class(void **state)
{
	static const char *const codes[] = { "550", "553" };
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[2];
	size_t n;

	(void)state;
	n = rows_of(rows, e, codes, 2);
	assert_true(row_of(rows, n, "class")->same);
	assert_true(row_of(rows, n, "retry")->same);
	assert_null(strstr(row_of(rows, n, "class")->difference, "Only"));
}

/*
 * Rows that hold for any codes of different classes go unsaid: their
 * enhanced codes never match, nor do their pairs of codes.
 */
static void
test_compare_unsaid(void **state)
{
	static const char *const differ[][3] = {
		{ "421", "553", "enhanced_codes" },
		{ "250", "451", "enhanced_codes" },
		{ "450", "5.2.2", "pairing" },
		{ "5.1.1", "4.2.2", "basic_codes" }
	};
	static const char *const same[][3] = {
		{ "451", "452", "enhanced_codes" },
		{ "334", "354", "enhanced_codes" },
		{ "550", "5.1.1", "pairing" },
		{ "4.1.1", "5.1.1", "basic_codes" }
	};
	static const char *const labels[] = {
		"Enhanced codes", "Pairing", "Basic codes"
	};
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[2];
	struct capture cap;
	size_t i, j, n;

	(void)state;
	for (i = 0; i < sizeof(differ) / sizeof(differ[0]); i++) {
		n = rows_of(rows, e, differ[i], 2);
		assert_string_equal(row_of(rows, n, differ[i][2])->difference,
		    "");
		capture_open(&cap);
		assert_int_equal(smtpcode_render_compare(OUT(cap.fp, 0), e, 2),
		    0);
		capture_close(&cap);
		for (j = 0; j < sizeof(labels) / sizeof(labels[0]); j++)
			assert_false(has_label(cap.text, labels[j]));
		free(cap.text);
	}
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		n = rows_of(rows, e, same[i], 2);
		assert_true(strlen(row_of(rows, n, same[i][2])->difference) >
		    1);
	}
	n = rows_of(rows, e, same[0], 2);
	assert_non_null(strstr(row_of(rows, n, "enhanced_codes")->difference,
	    "4.5.3"));
	assert_null(strstr(row_of(rows, n, "enhanced_codes")->difference,
	    "4.1.1"));
}

static void
test_compare_itself(void **state)
{
	static const int codes[] = { 421, 421 };
	char *text, *actions;

	(void)state;
	text = render_compare(codes, 2, 0);
	assert_non_null(strstr(text, "\nKey differences\n421 and 421 are the "
	    "same code: there is nothing to tell apart.\n"));
	assert_null(strstr(text, "\nRetry:"));
	actions = section_of(text, "What to do");
	assert_int_equal(occurrences(actions, "\n421:"), 1);
	free(actions);
	free(text);
}

/*
 * The "Only ..." clauses of Stage: said of the codes that have the
 * property when some lack it, never when all have it.
 */
static void
test_compare_only(void **state)
{
	static const char *const none[] = { "421", "554" };
	static const char *const one[] = { "421", "550" };
	static const char *const two[] = { "421", "554", "550" };
	static const char *const greeting[] = { "421", "500" };
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[3];
	const char *d;
	size_t n;

	(void)state;
	/* Both can be the greeting and both answer any command. */
	n = rows_of(rows, e, none, 2);
	assert_null(strstr(row_of(rows, n, "stage")->difference, "Only"));
	n = rows_of(rows, e, one, 2);
	d = row_of(rows, n, "stage")->difference;
	assert_int_equal(occurrences(d, "Only 421 "), 2);
	n = rows_of(rows, e, two, 3);
	d = row_of(rows, n, "stage")->difference;
	assert_int_equal(occurrences(d, "Only 421 and 554 "), 2);
	/* 500 too answers any command, but is never the greeting. */
	n = rows_of(rows, e, greeting, 2);
	d = row_of(rows, n, "stage")->difference;
	assert_int_equal(occurrences(d, "Only"), 1);
}

/*
 * Who acts names each code that has an actor the others lack, whatever
 * the sets; with three codes, where no code has one of its own, each
 * code and its actors.
 */
static void
test_compare_who_acts(void **state)
{
	static const char *const sets[][3] = {
		{ "250", "354", "421" }, { "250", "421", NULL },
		{ "421", "553", NULL }, { "5.1.1", "4.2.2", NULL }
	};
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[3];
	const char *d;
	unsigned others;
	size_t i, j, l, n, k;

	(void)state;
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		k = sets[i][2] != NULL ? 3 : 2;
		n = rows_of(rows, e, sets[i], k);
		d = row_of(rows, n, "who_acts")->difference;
		assert_false(row_of(rows, n, "who_acts")->same);
		for (j = 0; j < k; j++) {
			for (others = 0, l = 0; l < k; l++)
				others |= l != j ? e[l].actors : 0;
			if ((e[j].actors & ~others) != 0 || k == 3)
				assert_non_null(strstr(d, e[j].label));
		}
	}
}

/*
 * What to do goes by the code, not by its class: a bad address is
 * removed, a soft failure's cause fixed, a transient one waited out.
 */
static void
test_compare_actions(void **state)
{
	static const struct {
		const char	*codes[2];
		int		 same;
	} pairs[] = {
		{ { "5.1.1", "5.7.1" }, 0 },	/* hard and soft, class 5 */
		{ { "550", "554" }, 0 },
		{ { "432", "421" }, 0 },	/* fix first, and wait */
		{ { "550", "5.1.1" }, 1 },	/* both hard */
		{ { "451", "452" }, 1 },
		{ { "5.2.2", "554" }, 1 }	/* both soft */
	};
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[2];
	const struct compare_row *action;
	char one[LAYOUT_LINE_SIZE], two[LAYOUT_LINE_SIZE];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		n = rows_of(rows, e, pairs[i].codes, 2);
		action = row_of(rows, n, "action");
		assert_ptr_equal(action, &rows[n - 1]);
		line_of(action, 0, one, sizeof(one));
		line_of(action, 1, two, sizeof(two));
		assert_int_equal(strcmp(one, two) == 0, pairs[i].same);
	}
	/* The verdicts behind the first pair, and no class-wide advice. */
	n = rows_of(rows, e, pairs[0].codes, 2);
	assert_string_equal(value_of(row_of(rows, n, "verdict"), &e[0], 0,
	    one, sizeof(one)), "hard");
	assert_string_equal(value_of(row_of(rows, n, "verdict"), &e[1], 1,
	    one, sizeof(one)), "soft");
	line_of(row_of(rows, n, "action"), 0, one, sizeof(one));
	assert_string_not_equal(one, smtpcode_retry_text(
	    SMTPCODE_RETRY_FIX_FIRST, SMTPCODE_FORM_ACTION));
}

static void
test_compare_three(void **state)
{
	static const int codes[] = { 250, 451, 550 };
	char *text, *keys;

	(void)state;
	text = render_compare(codes, 3, 0);
	assert_true(strncmp(text, "SMTP 250 ", 9) == 0);
	assert_non_null(strstr(text, " vs 451 "));
	assert_non_null(strstr(text, " vs 550 "));
	keys = section_of(text, "Key differences");
	assert_true(has_label(keys, "250") && has_label(keys, "451") &&
	    has_label(keys, "550"));
	assert_false(has_label(keys, "Enhanced codes"));
	free(keys);
	free(text);
}

/* Codes that share a value are named together, in argument order. */
static void
test_compare_grouped(void **state)
{
	static const char *const codes[] = { "550", "421", "553" };
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[3];
	const char *d;
	size_t n;

	(void)state;
	n = rows_of(rows, e, codes, 3);
	d = row_of(rows, n, "class")->difference;
	assert_true(strncmp(d, "550 and 553 ", 12) == 0);
	assert_non_null(strstr(d, "; 421 "));
	d = row_of(rows, n, "retry")->difference;
	assert_true(strncmp(d, "for 550 and 553, ", 17) == 0);
}

/*
 * Whatever the codes, every row says something whole or nothing, and
 * every code has a line of its own: no list cut short or left empty.
 */
static void
test_compare_whole(void **state)
{
	static const char *const codes[] = {
		"211", "220", "250", "334", "354", "421", "432", "450", "451",
		"452", "500", "521", "550", "554", "429", "559", "2.0.0",
		"4.2.2", "4.7.0", "5.1.1", "5.7.1", "5.1.99", "X.0.0", "X.1.1",
		"X.6.10", "X.7.26"
	};
	static const char *const six[] = {
		"250", "501", "4.7.0", "X.7.1", "550", "554"
	};
	const char *pair[2];
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[SMTPCODE_COMPARE_MAX];
	char line[LAYOUT_LINE_SIZE];
	size_t i, j, k, r, n, count, len;

	(void)state;
	count = sizeof(codes) / sizeof(codes[0]);
	for (i = 0; i <= count * count; i++) {
		if (i < count * count) {
			if (i / count == i % count)
				continue;
			pair[0] = codes[i / count];
			pair[1] = codes[i % count];
			n = rows_of(rows, e, pair, k = 2);
		} else
			n = rows_of(rows, e, six, k = 6);
		for (r = 0; r < n; r++) {
			len = strlen(rows[r].difference);
			assert_true(len == 0 || (len > 2 &&
			    rows[r].difference[len - 1] == '.'));
			for (j = 0; rows[r].per_code && j < k; j++) {
				len = strlen(line_of(&rows[r], j, line,
				    sizeof(line)));
				assert_true(len > 2 && line[len - 1] == '.');
			}
		}
		assert_true(has_row(rows, n, "meaning"));
	}
}

/* Table cells wrap inside their columns; nothing passes the width. */
static void
test_compare_wrapped(void **state)
{
	static const int pairs[][3] = {
		{ 421, 553, 0 }, { 250, 550, 0 }, { 454, 530, 0 },
		{ 354, 552, 0 }, { 211, 214, 556 }, { 429, 550, 0 }
	};
	size_t i, n;
	char *text;
	int width;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		n = pairs[i][2] != 0 ? 3 : 2;
		for (width = 60; width <= 160; width += 10) {
			text = render_compare(pairs[i], n, width);
			assert_true(widest_line(text) <= (size_t)width);
			free(text);
		}
	}
}

static void
test_compare_bounds(void **state)
{
	struct smtpcode_entry entries[SMTPCODE_COMPARE_MAX + 1];

	(void)state;
	assert_int_equal(smtpcode_describe(421, &entries[0]), 1);
	assert_int_equal(smtpcode_render_compare(OUT(stdout, 0), entries, 1),
	    -1);
	assert_int_equal(smtpcode_render_compare(OUT(stdout, 0), entries,
	    SMTPCODE_COMPARE_MAX + 1), -1);
}

static void
test_write_error(void **state)
{
	struct smtpcode_entry entry;
	FILE *fp;

	(void)state;
	if ((fp = fopen("/dev/full", "w")) == NULL)
		skip();
	setvbuf(fp, NULL, _IONBF, 0);
	assert_int_equal(smtpcode_describe(421, &entry), 1);
	assert_int_equal(smtpcode_render_page(OUT(fp, 0), &entry), -1);
	fclose(fp);
}

static const char *const status_labels[] = {
	"Class:", "Subject:", "Meant for:", "Retry:", "Who acts:",
	"Defined in:", "Registry:", "Basic codes:", "Verdict:",
	"Description:", "When you see it:", "How to fix:"
};

#define NSTATUS_LABELS (sizeof(status_labels) / sizeof(status_labels[0]))

/*
 * Every registry row, as X and in each class: a title and one line a
 * field piped; wrapped, no line past the width and nothing lost.
 */
static void
test_status_pages(void **state)
{
	static const int class_digits[] = { 0, 2, 4, 5 };
	const struct smtpcode_entry *table;
	size_t i, j, k, count;
	char *flat, *text, *line;
	int width, subject, detail;

	(void)state;
	table = smtpcode_status_table(&count);
	for (i = 0; i < count; i++) {
		subject = table[i].code / 1000;
		detail = table[i].code % 1000;
		for (k = 0; k < 4; k++) {
			flat = render_status(class_digits[k], subject, detail,
			    0);
			/* Providers' meanings add lines of their own. */
			assert_int_equal(count_lines(flat) -
			    count_starts(flat, "Provider:"), NSTATUS_LABELS + 1);
			line = strchr(flat, '\n') + 1;
			for (j = 0; j < NSTATUS_LABELS; j++) {
				while (strncmp(line, "Provider:", 9) == 0)
					line = strchr(line, '\n') + 1;
				assert_true(strncmp(line, status_labels[j],
				    strlen(status_labels[j])) == 0);
				line = strchr(line, '\n') + 1;
			}
			assert_non_null(strstr(flat, table[i].fix));
			/*
			 * Wrapping breaks a word longer than the line (a
			 * provider's URL); no other byte may change.
			 */
			squeeze(flat);
			for (width = 60; width <= 140; width += 40) {
				text = render_status(class_digits[k], subject,
				    detail, width);
				assert_true(widest_line(text) <=
				    (size_t)width);
				unwrap(text);
				squeeze(text);
				assert_string_equal(text, flat);
				free(text);
			}
			free(flat);
		}
	}
}

/* An unregistered detail is decoded from its class and subject. */
static void
test_status_unregistered(void **state)
{
	char *text;

	(void)state;
	text = render_status(5, 7, 606, 0);
	assert_non_null(strstr(text, "5.7.606 Unregistered status code\n"));
	assert_non_null(strstr(text, "\nRegistry:        not registered\n"));
	assert_non_null(strstr(text, "\nSubject:         7 security or "
	    "policy status\n"));
	assert_non_null(strstr(text, "\nVerdict:         soft bounce: "));
	free(text);
}

/* Server text reaches the page with nothing that drives a terminal. */
static void
test_reply_safe(void **state)
{
	static const char text[] = "550 5.1.1 a\x1b[2J\x9b\xc2\x9b b\\c "
	    "\xe2\x80\xae d \xff\xc0\xaf \xe2\x82 e\x7f f\t g\r\n";
	const unsigned char *p;
	char *page;
	int width;

	(void)state;
	page = render_reply(text, sizeof(text) - 1, 0);
	for (p = (const unsigned char *)page; *p != '\0'; p++)
		assert_true(*p >= 0x20 || *p == '\n');
	assert_non_null(strstr(page, "\nServer text:     a\\u001b[2J\\x9b"
	    "\\u009b b\\\\c \\u202e d \\xff\\xc0\\xaf \\xe2\\x82 "
	    "e\\u007f f\\u0009 g\n"));
	free(page);
	for (width = 40; width <= 100; width += 20) {
		page = render_reply(text, sizeof(text) - 1, width);
		assert_true(widest_line(page) <= (size_t)width);
		free(page);
	}
}

/* The fields of a reply page, and those that appear only when due. */
static void
test_reply_fields(void **state)
{
	static const char gmail[] = "421-4.7.0 Try again later\n"
	    "421-4.7.0 please - gsmtp";
	static const char dsn[] = "Status: 4.4.7";
	char *page, *end;

	(void)state;
	page = render_reply(gmail, sizeof(gmail) - 1, 0);
	assert_true(strncmp(page, "Reply 421 4.7.0\n", 16) == 0);
	assert_non_null(strstr(page, "\nProvider:        "));
	assert_non_null(strstr(page, "\nNote:            the reply is cut "
	    "off"));
	assert_non_null(strstr(page, "\nVerdict:         retry later: "));
	assert_int_equal(count_starts(page, "Verdict:"), 1);
	assert_int_equal(count_starts(page, "Code verdict:"), 2);
	assert_non_null(strstr(page, "\n421 Service not available"));
	assert_non_null(strstr(page, "\n4.7.0 Other or undefined security "
	    "status\n"));
	free(page);
	page = render_reply(dsn, sizeof(dsn) - 1, 0);
	/* The code's own page may list providers; the reply's block not. */
	assert_non_null(end = strstr(page, "\n\n"));
	*end = '\0';
	assert_null(strstr(page, "\nProvider:"));
	assert_null(strstr(page, "\nNote:"));
	assert_non_null(strstr(page, "\nBasic code:      none in the "
	    "reply\n"));
	assert_non_null(strstr(page, "\nDecided by:      code: 4.4.7 "));
	assert_int_equal(count_starts(page, "Verdict:"), 1);
	free(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_line),
		cmocka_unit_test(test_layout_columns),
		cmocka_unit_test(test_page_unwrapped),
		cmocka_unit_test(test_page_wrapped),
		cmocka_unit_test(test_page_narrow),
		cmocka_unit_test(test_page_unregistered),
		cmocka_unit_test(test_compare_sections),
		cmocka_unit_test(test_compare_meanings),
		cmocka_unit_test(test_compare_same_class),
		cmocka_unit_test(test_compare_unsaid),
		cmocka_unit_test(test_compare_itself),
		cmocka_unit_test(test_compare_only),
		cmocka_unit_test(test_compare_who_acts),
		cmocka_unit_test(test_compare_actions),
		cmocka_unit_test(test_compare_three),
		cmocka_unit_test(test_compare_grouped),
		cmocka_unit_test(test_compare_whole),
		cmocka_unit_test(test_compare_wrapped),
		cmocka_unit_test(test_compare_bounds),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_status_pages),
		cmocka_unit_test(test_status_unregistered),
		cmocka_unit_test(test_reply_safe),
		cmocka_unit_test(test_reply_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
