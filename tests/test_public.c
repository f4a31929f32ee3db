/* SPDX-License-Identifier: ISC */
/*
 * test_public.c -- the public interface alone: this file includes only
 * smtpcode.h, so it fails to build when the header leans on an internal
 * one, and it scans through the opaque struct as any caller must.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"

/* A code and a status are parsed, looked up and judged. */
static void
test_public_lookup(void **state)
{
	struct smtpcode_status st;
	struct smtpcode_entry enhanced;
	const struct smtpcode_entry *basic;
	int code;

	(void)state;
	assert_int_equal(smtpcode_parse("550", &code), SMTPCODE_PARSE_OK);
	assert_non_null(basic = smtpcode_lookup(code));
	assert_string_equal(basic->label, "550");
	assert_int_equal(smtpcode_parse_status("5.1.1", 5, 0, &st),
	    SMTPCODE_PARSE_OK);
	assert_non_null(smtpcode_lookup_status(st.subject, st.detail));
	assert_int_not_equal(smtpcode_describe_status(&st, &enhanced), 0);
	assert_int_equal(enhanced.class_digit, 5);
	assert_int_equal(smtpcode_verdict(basic, &enhanced),
	    SMTPCODE_VERDICT_HARD);
}

/* A reply is found in a log line. */
static void
test_public_reply(void **state)
{
	static const char line[] = "host mx said: 452 4.2.2 full";
	static struct smtpcode_reply r;

	(void)state;
	assert_int_not_equal(smtpcode_reply_parse(line, sizeof(line) - 1, &r),
	    0);
	assert_int_equal(r.code, 452);
	assert_int_equal(r.has_status, 1);
	assert_int_equal(r.status.class_digit, 4);
	assert_int_equal(r.status.subject, 2);
	assert_int_equal(r.status.detail, 2);
}

/* What the callbacks saw: each reply's code, and the notes written. */
struct seen {
	int	 codes[4];
	size_t	 n;
	size_t	 notes;
	FILE	*copy;
};

static void
each(void *arg, const struct smtpcode_reply *r)
{
	struct seen *seen = arg;

	if (seen->n < sizeof(seen->codes) / sizeof(seen->codes[0]))
		seen->codes[seen->n++] = r->code;
}

static void
note(void *arg, const struct smtpcode_reply *r)
{
	struct seen *seen = arg;

	seen->notes++;
	fprintf(seen->copy, "NOTE %d\n", r->code);
}

/*
 * A scan in storage of smtpcode_scan_size() bytes: each reply is handed
 * to each, and the copy holds the input with the caller's note after
 * the reply's line, and nothing after a line without one.
 */
static void
test_public_scan(void **state)
{
	static const char text[] = "noise\n550 5.1.1 gone\nmore noise\n";
	struct smtpcode_scan *scan;
	struct seen seen;
	char *out;
	size_t size;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	out = NULL;
	assert_non_null(seen.copy = open_memstream(&out, &size));
	assert_true(smtpcode_scan_size() > 0);
	assert_non_null(scan = malloc(smtpcode_scan_size()));
	smtpcode_scan_init(scan, seen.copy);
	smtpcode_scan_each(scan, each, &seen);
	smtpcode_scan_note(scan, note, &seen);
	smtpcode_scan_feed(scan, text, sizeof(text) - 1);
	smtpcode_scan_end(scan);
	free(scan);
	fclose(seen.copy);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.codes[0], 550);
	assert_int_equal(seen.notes, 1);
	assert_string_equal(out,
	    "noise\n550 5.1.1 gone\nNOTE 550\nmore noise\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_lookup),
		cmocka_unit_test(test_public_reply),
		cmocka_unit_test(test_public_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
