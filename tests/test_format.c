/* SPDX-License-Identifier: ISC */
/* test_format.c -- fields, escaping, TSV and JSON writers, completion */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/render.h"

struct escape_case {
	const char	*in;
	size_t		 len;
	enum escape_style style;
	const char	*out;
};

#define CASE(in, style, out)	{ in, sizeof(in) - 1, style, out }

static const struct escape_case escape_cases[] = {
	CASE("plain text", ESCAPE_TEXT, "plain text"),
	CASE("caf\xc3\xa9", ESCAPE_TEXT, "caf\xc3\xa9"),
	CASE("a\x1b[2Jb", ESCAPE_TEXT, "a\\u001b[2Jb"),
	CASE("a\tb\nc", ESCAPE_TEXT, "a\\u0009b\\u000ac"),
	CASE("back\\slash", ESCAPE_TEXT, "back\\\\slash"),
	CASE("bad \xff\xc0\xaf", ESCAPE_TEXT, "bad \\xff\\xc0\\xaf"),
	CASE("cut \xe2\x82", ESCAPE_TEXT, "cut \\xe2\\x82"),
	CASE("c1 \xc2\x9b", ESCAPE_TEXT, "c1 \\u009b"),
	CASE("rtl \xe2\x80\xae", ESCAPE_TEXT, "rtl \\u202e"),
	CASE("del \x7f", ESCAPE_TEXT, "del \\u007f"),
	CASE("nul \0x", ESCAPE_TEXT, "nul \\u0000x"),
	CASE("a\tb\nc\rd", ESCAPE_TSV, "a\\tb\\nc\\rd"),
	CASE("q\"\\", ESCAPE_TSV, "q\"\\\\"),
	CASE("bad \xff", ESCAPE_TSV, "bad \\xff"),
	CASE("q\"\\", ESCAPE_JSON, "q\\\"\\\\"),
	CASE("a\tb\x01", ESCAPE_JSON, "a\\tb\\u0001"),
	CASE("bad \xff!", ESCAPE_JSON, "bad \\ufffd!"),
	CASE("\xf0\x9f\x93\xa7 ok", ESCAPE_JSON, "\xf0\x9f\x93\xa7 ok")
};

static char *
capture(void (*write)(FILE *, const void *), const void *arg)
{
	char *text;
	size_t size;
	FILE *fp;

	text = NULL;
	assert_non_null(fp = open_memstream(&text, &size));
	write(fp, arg);
	assert_int_equal(fclose(fp), 0);
	return text;
}

static void
test_escape(void **state)
{
	char out[256];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(escape_cases) / sizeof(escape_cases[0]); i++) {
		n = escape_copy(out, sizeof(out), escape_cases[i].in,
		    escape_cases[i].len, escape_cases[i].style);
		assert_string_equal(out, escape_cases[i].out);
		assert_int_equal(n, strlen(escape_cases[i].out));
	}
	/* A short buffer ends before an escape it cannot hold whole. */
	n = escape_copy(out, 8, "abcd\x1b", 5, ESCAPE_TEXT);
	assert_string_equal(out, "abcd");
	assert_int_equal(n, 4);
}

/* A code point as UTF-8 in buf (5 bytes); return its length. */
static size_t
utf8(char *buf, unsigned long cp)
{
	size_t len;

	if (cp < 0x80) {
		buf[0] = (char)cp;
		len = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3F));
		len = 2;
	} else {
		buf[0] = (char)(0xE0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		len = 3;
	}
	buf[len] = '\0';
	return len;
}

/*
 * The characters that move the cursor or reorder text, each range
 * checked at both ends and just outside them: escaped in every style,
 * the others kept as they are.  The line and paragraph separators
 * (U+2028, U+2029) end a line in some terminals and in JavaScript.
 */
static void
test_escape_unsafe(void **state)
{
	static const struct {
		unsigned long	 cp;
		int		 unsafe;
	} cases[] = {
		{ 0x1F, 1 }, { 0x20, 0 }, { 0x7E, 0 }, { 0x7F, 1 },
		{ 0x80, 1 }, { 0x9F, 1 }, { 0xA0, 0 },
		{ 0x200A, 0 }, { 0x200B, 1 }, { 0x200F, 1 }, { 0x2010, 0 },
		{ 0x2027, 0 }, { 0x2028, 1 }, { 0x2029, 1 }, { 0x202A, 1 },
		{ 0x202E, 1 }, { 0x202F, 0 },
		{ 0x2065, 0 }, { 0x2066, 1 }, { 0x2069, 1 }, { 0x206A, 0 },
		{ 0xFEFE, 0 }, { 0xFEFF, 1 }, { 0xFF00, 0 }
	};
	static const enum escape_style styles[] = {
		ESCAPE_TEXT, ESCAPE_TSV, ESCAPE_JSON
	};
	char in[8], out[32], want[32];
	size_t i, j, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = utf8(in, cases[i].cp);
		if (cases[i].unsafe)
			snprintf(want, sizeof(want), "\\u%04lx", cases[i].cp);
		else
			memcpy(want, in, len + 1);
		for (j = 0; j < sizeof(styles) / sizeof(styles[0]); j++) {
			escape_copy(out, sizeof(out), in, len, styles[j]);
			if (strcmp(out, want) != 0)
				fail_msg("U+%04lX in style %zu: '%s', expected "
				    "'%s'", cases[i].cp, j, out, want);
		}
	}
}

/* The field tables: the names are the documented contract, in order. */
static void
test_field_names(void **state)
{
	static const char *const code_fields[] = {
		"kind", "code", "name", "class", "class_name", "subject",
		"retry", "who_acts", "stage", "defined_in", "registered",
		"deprecated", "enhanced_codes", "basic_codes", "verdict",
		"description", "when", "fix"
	};
	static const char *const reply_fields[] = {
		"kind", "reply", "basic_code", "enhanced_code", "server_text",
		"read_from", "in_reply_to", "provider", "marker", "agreement",
		"verdict", "decided_by", "registered", "incomplete",
		"truncated", "reason", "reason_words", "meaning",
		"provider_name", "provider_source", "provider_checked",
		"blocklist", "delist", "advice", "known", "recipient"
	};
	size_t i;

	(void)state;
	assert_int_equal(smtpcode_field_count(SMTPCODE_RECORD_CODE),
	    sizeof(code_fields) / sizeof(code_fields[0]));
	for (i = 0; i < sizeof(code_fields) / sizeof(code_fields[0]); i++) {
		assert_string_equal(smtpcode_field_name(SMTPCODE_RECORD_CODE,
		    i), code_fields[i]);
		assert_int_equal(smtpcode_field_index(SMTPCODE_RECORD_CODE,
		    code_fields[i]), (int)i);
	}
	assert_int_equal(smtpcode_field_count(SMTPCODE_RECORD_REPLY),
	    sizeof(reply_fields) / sizeof(reply_fields[0]));
	for (i = 0; i < sizeof(reply_fields) / sizeof(reply_fields[0]); i++)
		assert_string_equal(smtpcode_field_name(SMTPCODE_RECORD_REPLY,
		    i), reply_fields[i]);
	assert_null(smtpcode_field_name(SMTPCODE_RECORD_CODE, 18));
	assert_int_equal(smtpcode_field_index(SMTPCODE_RECORD_CODE, "nope"),
	    -1);
	assert_int_equal(smtpcode_field_index(SMTPCODE_RECORD_CODE,
	    "server_text"), -1);
}

static const char *
code_value(const struct smtpcode_entry *e, const char *field, char *buf,
    size_t size)
{
	struct smtpcode_value v;
	int i;

	assert_true((i = smtpcode_field_index(SMTPCODE_RECORD_CODE,
	    field)) >= 0);
	v = smtpcode_code_value(e, (size_t)i, buf, size);
	assert_int_equal(v.len, strlen(v.text));
	return v.text;
}

static void
test_code_values(void **state)
{
	struct smtpcode_entry e;
	struct smtpcode_status st;
	char buf[SMTPCODE_VALUE_SIZE];

	(void)state;
	smtpcode_describe(421, &e);
	assert_string_equal(code_value(&e, "kind", buf, sizeof(buf)), "basic");
	assert_string_equal(code_value(&e, "class", buf, sizeof(buf)), "4");
	assert_string_equal(code_value(&e, "retry", buf, sizeof(buf)),
	    "later");
	assert_string_equal(code_value(&e, "stage", buf, sizeof(buf)),
	    "connect, any");
	assert_string_equal(code_value(&e, "verdict", buf, sizeof(buf)),
	    "retry");
	assert_string_equal(code_value(&e, "registered", buf, sizeof(buf)),
	    "true");
	st = (struct smtpcode_status){ 0, 1, 1 };
	smtpcode_describe_status(&st, &e);
	assert_string_equal(code_value(&e, "class", buf, sizeof(buf)), "X");
	assert_string_equal(code_value(&e, "retry", buf, sizeof(buf)), "");
	assert_string_equal(code_value(&e, "verdict", buf, sizeof(buf)),
	    "hard");
	assert_string_equal(code_value(&e, "subject", buf, sizeof(buf)),
	    "addressing status");
	st = (struct smtpcode_status){ 0, 1, 5 };
	smtpcode_describe_status(&st, &e);
	/* X.1.5 is never a failure: no verdict as class 5. */
	assert_string_equal(code_value(&e, "verdict", buf, sizeof(buf)), "");
	smtpcode_describe(429, &e);
	assert_string_equal(code_value(&e, "registered", buf, sizeof(buf)),
	    "false");
}

static void
write_list(FILE *fp, const void *arg)
{
	struct smtpcode_value v;

	v.text = arg;
	v.len = strlen(arg);
	v.type = SMTPCODE_VALUE_LIST;
	smtpcode_json_value(fp, v);
}

static void
test_json_values(void **state)
{
	char *text;

	(void)state;
	text = capture(write_list, "a, b, c");
	assert_string_equal(text, "[\"a\", \"b\", \"c\"]");
	free(text);
	text = capture(write_list, "");
	assert_string_equal(text, "[]");
	free(text);
	text = capture(write_list, "one");
	assert_string_equal(text, "[\"one\"]");
	free(text);
	text = capture(write_list, "x\"y, z");
	assert_string_equal(text, "[\"x\\\"y\", \"z\"]");
	free(text);
}

static void
write_tsv_code(FILE *fp, const void *arg)
{
	smtpcode_tsv_header(fp, SMTPCODE_RECORD_CODE);
	smtpcode_tsv_code(fp, arg);
}

/* A TSV record has as many fields as the header, on one line. */
static void
test_tsv_record(void **state)
{
	const struct smtpcode_entry *table;
	char *text;
	size_t i, k, count, tabs, lines;

	(void)state;
	table = smtpcode_table(&count);
	for (i = 0; i < count; i++) {
		text = capture(write_tsv_code, &table[i]);
		tabs = lines = 0;
		for (k = 0; text[k] != '\0'; k++) {
			tabs += text[k] == '\t';
			lines += text[k] == '\n';
		}
		assert_int_equal(lines, 2);
		assert_int_equal(tabs, 2 * 17);
		assert_int_equal(text[k - 1], '\n');
		free(text);
	}
}

static void
write_json_doc(FILE *fp, const void *arg)
{
	struct smtpcode_json j;

	smtpcode_json_begin(&j, fp, "explain");
	if (arg != NULL)
		smtpcode_json_code(&j, arg);
	smtpcode_json_end(&j);
}

static void
test_json_document(void **state)
{
	struct smtpcode_entry e;
	char *text;

	(void)state;
	text = capture(write_json_doc, NULL);
	assert_string_equal(text, "{\n  \"command\": \"explain\",\n"
	    "  \"results\": []\n}\n");
	free(text);
	smtpcode_describe(250, &e);
	text = capture(write_json_doc, &e);
	assert_non_null(strstr(text, "\"code\": \"250\",\n"));
	assert_non_null(strstr(text, "\"registered\": true,\n"));
	assert_non_null(strstr(text, "\"basic_codes\": [],\n"));
	assert_string_equal(text + strlen(text) - 13, "\n    }\n  ]\n}\n");
	free(text);
}

/* The fields of compare rows, in order, as one string. */
static void
row_fields(char *buf, size_t size, const struct compare_row *rows,
    size_t n)
{
	size_t i, len;

	len = 0;
	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? " " : "", rows[i].field);
}

/*
 * compare_rows: the aspects by kind; per-code rows give each code its
 * own value; one code compared with itself has no difference.
 */
static void
test_compare_rows(void **state)
{
	struct compare_row rows[COMPARE_ROWS_MAX];
	struct smtpcode_entry e[3];
	struct smtpcode_status st;
	struct smtpcode_value v;
	char fields[256], buf[SMTPCODE_VALUE_SIZE];
	size_t n;

	(void)state;
	smtpcode_describe(421, &e[0]);
	smtpcode_describe(553, &e[1]);
	n = compare_rows(rows, e, 2);
	row_fields(fields, sizeof(fields), rows, n);
	assert_string_equal(fields, "meaning class retry who_acts stage "
	    "defined_in enhanced_codes verdict action");
	assert_true(rows[0].per_code && rows[n - 1].per_code);
	assert_false(rows[1].per_code);
	/* A per-code row: the code's own line, under its field. */
	assert_int_equal(compare_value(&rows[0], &e[1], 1, buf, sizeof(buf),
	    &v), 1);
	assert_true(v.len > strlen(e[1].name));
	assert_memory_equal(v.text, e[1].name, strlen(e[1].name));
	assert_null(memchr(v.text, '\0', v.len));
	/* Any other row: the code's value of the field, if it is one. */
	assert_int_equal(compare_value(&rows[1], &e[1], 1, buf, sizeof(buf),
	    &v), 1);
	assert_int_equal(v.len, 1);
	assert_memory_equal(v.text, "5", 1);
	st = (struct smtpcode_status){ 5, 1, 1 };
	smtpcode_describe_status(&st, &e[1]);
	n = compare_rows(rows, e, 2);
	row_fields(fields, sizeof(fields), rows, n);
	assert_string_equal(fields, "meaning class retry who_acts stage "
	    "subject defined_in pairing verdict action");
	assert_int_equal(compare_value(&rows[7], &e[1], 1, buf, sizeof(buf),
	    &v), 0);
	e[1] = e[0];
	n = compare_rows(rows, e, 2);
	assert_string_equal(rows[0].difference, "");
	assert_string_equal(rows[n - 1].difference, "");
	assert_int_equal(compare_value(&rows[0], &e[1], 1, buf, sizeof(buf),
	    &v), 1);
	assert_true(v.len > 0);
	assert_int_equal(compare_rows(rows, e, 1), 0);
	assert_int_equal(compare_rows(rows, e, SMTPCODE_COMPARE_MAX + 1), 0);
}

static void
write_completion(FILE *fp, const void *arg)
{
	static const char *const commands[] = { "compare", "list" };
	static const struct smtpcode_option options[] = {
		{ 'f', "field", "name", NULL, "one field" },
		{ 'o', "format", "format", "text tsv json", "the format" }
	};

	assert_int_equal(smtpcode_completion(fp, arg, commands, 2, options,
	    2), 0);
}

/* The scripts carry the commands, option values, fields and codes. */
static void
test_completion(void **state)
{
	static const char *const shells[] = { "bash", "zsh", "fish" };
	char *text;
	size_t i;
	FILE *fp;

	(void)state;
	for (i = 0; i < 3; i++) {
		text = capture(write_completion, shells[i]);
		assert_non_null(strstr(text, "compare list"));
		assert_non_null(strstr(text, "text tsv json"));
		assert_non_null(strstr(text, "who_acts"));
		assert_non_null(strstr(text, "server_text"));
		assert_non_null(strstr(text, " X.7.30 5.7.30"));
		assert_non_null(strstr(text, " 421 "));
		free(text);
	}
	assert_non_null(fp = fopen("/dev/null", "w"));
	assert_int_equal(smtpcode_completion(fp, "tcsh", NULL, 0, NULL, 0),
	    -1);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_unsafe),
		cmocka_unit_test(test_field_names),
		cmocka_unit_test(test_code_values),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_tsv_record),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_compare_rows),
		cmocka_unit_test(test_completion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
