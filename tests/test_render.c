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
	assert_int_equal(smtpcode_render_page(cap.fp, &entry, width), 0);
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
	assert_int_equal(smtpcode_render_compare(cap.fp, entries, n, width),
	    0);
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
	assert_int_equal(smtpcode_render_page(cap.fp, &entry, width), 0);
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
	assert_int_equal(smtpcode_render_reply(cap.fp, &view, width), 0);
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

static void
test_compare_sections(void **state)
{
	static const int codes[] = { 421, 553 };
	const struct smtpcode_entry *a, *b;
	char *text, title[256];

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
	assert_non_null(strstr(text, "\nKey differences\n"));
	assert_non_null(strstr(text, "\nClass:           421 is 4xx transient "
	    "negative; 553 is 5xx permanent negative. Only 421 can succeed "
	    "when simply tried again later.\n"));
	assert_non_null(strstr(text, "\nRetry:           for 421, temporary"));
	assert_non_null(strstr(text, "; for 553, final for this request"));
	assert_non_null(strstr(text, "\nWhat to do\n421:             Wait:"));
	assert_non_null(strstr(text, "\n553:             Stop:"));
	assert_non_null(strstr(text, a->description));
	assert_non_null(strstr(text, b->fix));
	free(text);
}

static void
test_compare_same_class(void **state)
{
	static const int codes[] = { 550, 553 };
	char *text;

	(void)state;
	text = render_compare(codes, 2, 0);
	assert_non_null(strstr(text, "\nClass:           same for both: 5xx "
	    "permanent negative.\n"));
	assert_non_null(strstr(text, "\nRetry:           same for both: "));
	assert_null(strstr(text, "Only 5"));
	free(text);
}

static void
test_compare_itself(void **state)
{
	static const int codes[] = { 421, 421 };
	char *text;

	(void)state;
	text = render_compare(codes, 2, 0);
	assert_non_null(strstr(text, "\nKey differences\n421 and 421 are the "
	    "same code: there is nothing to tell apart.\n"));
	assert_null(strstr(text, "\nRetry:"));
	free(text);
}

static void
test_compare_stage_any(void **state)
{
	static const int codes[] = { 421, 550 };
	char *text;

	(void)state;
	/* Stages as listed, then what only one code can do. */
	text = render_compare(codes, 2, 0);
	assert_non_null(strstr(text, "\nStage:           421 at greeting, "
	    "any command; 550 at "));
	assert_non_null(strstr(text, ". Only 421 can come as the greeting, "
	    "before the client has sent anything. Only 421 can answer any "
	    "command.\n"));
	free(text);
}

static void
test_compare_three(void **state)
{
	static const int codes[] = { 250, 451, 550 };
	char *text;

	(void)state;
	text = render_compare(codes, 3, 0);
	assert_true(strncmp(text, "SMTP 250 ", 9) == 0);
	assert_non_null(strstr(text, " vs 451 "));
	assert_non_null(strstr(text, " vs 550 "));
	assert_non_null(strstr(text, "Only 451 can succeed"));
	assert_non_null(strstr(text, "\nEnhanced codes:  none in common.\n"));
	free(text);
}

/* Codes that share a value are named together, in argument order. */
static void
test_compare_grouped(void **state)
{
	static const int codes[] = { 550, 421, 553 };
	char *text;

	(void)state;
	text = render_compare(codes, 3, 0);
	assert_non_null(strstr(text, "\nClass:           550 and 553 are 5xx "
	    "permanent negative; 421 is 4xx transient negative. Only 421 can "
	    "succeed when simply tried again later.\n"));
	assert_non_null(strstr(text, "\nRetry:           for 550 and 553, "
	    "final for this request"));
	free(text);
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
	assert_int_equal(smtpcode_render_compare(stdout, entries, 1, 0), -1);
	assert_int_equal(smtpcode_render_compare(stdout, entries,
	    SMTPCODE_COMPARE_MAX + 1, 0), -1);
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
	assert_int_equal(smtpcode_render_page(fp, &entry, 0), -1);
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
		cmocka_unit_test(test_compare_same_class),
		cmocka_unit_test(test_compare_itself),
		cmocka_unit_test(test_compare_stage_any),
		cmocka_unit_test(test_compare_three),
		cmocka_unit_test(test_compare_grouped),
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
