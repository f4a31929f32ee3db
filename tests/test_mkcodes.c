/* SPDX-License-Identifier: ISC */
/* test_mkcodes.c -- the table generator accepts good data, rejects bad */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER	"code\tname\trfc\tphase\tretry\tactor\tenhanced\t" \
		"bounce\tdescription\twhen\tfix\n"
#define STATUS_HEADER "code\tname\trfc\tclasses\tbasic\tbounce\tactor\t" \
		"status\tdescription\twhen\tfix\n"
#define NFIELDS	11

/* A row that passes; each case below spoils one field of it. */
static const char *const good[NFIELDS] = {
	"421", "Service not available", "RFC 5321", "connect,any", "later",
	"client,receiver-admin", "4.3.2, 4.7.0", "-",
	"The server is closing the channel.", "When it is busy.",
	"Sender: wait. Receiving admin: restart the service."
};

struct field_case {
	int		 field;
	const char	*value;
	const char	*reason;
};

static const struct field_case field_cases[] = {
	{ 0, "621", "code '621' is not three digits, the first 2-5 and the "
	    "second 0-5" },
	{ 0, "42", "code '42' is not three digits, the first 2-5 and the "
	    "second 0-5" },
	{ 0, "4x1", "code '4x1' is not three digits, the first 2-5 and the "
	    "second 0-5" },
	{ 0, "461", "code '461' is not three digits, the first 2-5 and the "
	    "second 0-5" },
	{ 1, "", "name is empty" },
	{ 1, "Closing.", "name ends with a period" },
	{ 1, " Closing", "name starts or ends with a space" },
	{ 1, "A name that runs on and on well past the sixty bytes a title "
	    "may use", "name is 68 bytes, more than 60" },
	{ 2, "5321", "rfc '5321' is not like 'RFC 5321' or "
	    "'RFC 3207, RFC 4954'" },
	{ 2, "RFC 5321,RFC 3207", "rfc 'RFC 5321,RFC 3207' is not like "
	    "'RFC 5321' or 'RFC 3207, RFC 4954'" },
	{ 2, "RFC 5321, RFC 3207", "rfc 'RFC 5321, RFC 3207': list the RFCs "
	    "once each, in ascending order" },
	{ 3, "greeting", "phase 'greeting' is not one of the known keywords "
	    "(see data/COLUMNS.txt)" },
	{ 3, "", "phase is empty" },
	{ 3, "mail,mail", "phase 'mail' is listed twice" },
	{ 4, "soon", "retry 'soon' is not none, continue, later or "
	    "fix-first" },
	{ 4, "none", "retry 'none' does not fit a 4xx code" },
	{ 5, "none", "actor 'none' for a failure: somebody must act" },
	{ 5, "receiver-admin,client", "actor 'client' is out of order (see "
	    "data/COLUMNS.txt)" },
	{ 5, "postmaster", "actor 'postmaster' is not one of the known "
	    "keywords (see data/COLUMNS.txt)" },
	{ 5, "client,sender-admin", "actor 'sender-admin' but the fix says "
	    "nothing after 'Sender's admin: '" },
	{ 10, "Sender: wait.", "actor 'receiver-admin' but the fix says "
	    "nothing after 'Receiving admin: '" },
	{ 6, "5.3.2", "enhanced 5.3.2 has class 5, code 421 has class 4" },
	{ 6, "4.3", "enhanced '4.3' is not like 5.1.1 (RFC 3463: "
	    "class.subject.detail)" },
	{ 6, "4.9.1", "enhanced 4.9.1 is outside RFC 3463's ranges" },
	{ 6, "4.3.2, 4.3.2", "enhanced 4.3.2 is listed twice" },
	{ 6, "", "enhanced is empty (write - for none)" },
	{ 8, "", "description is empty" },
	{ 9, "when ", "when starts or ends with a space" },
	{ 10, "", "fix is empty" },
	{ 8, "bad \x01 byte", "control character in a field" },
	{ 8, "caf\xe9", "not valid UTF-8" },
	{ 8, "overlong \xc0\xaf", "not valid UTF-8" },
	{ 8, "cut \xe2\x82", "not valid UTF-8" },
	{ 8, "surrogate \xed\xa0\x80", "not valid UTF-8" },
	{ 8, "stray \x80", "not valid UTF-8" },
	{ 7, "hard", "bounce 'hard' for a 4xx code: write -" },
};

struct file_case {
	const char	*text;
	const char	*errors;	/* "%s" stands for the file name */
};

static const struct file_case file_cases[] = {
	{ "", "%s: no header row\n" },
	{ "# only a comment\n\n", "%s: no header row\n" },
	{ HEADER, "%s: no rows\n" },
	{ "code\tname\n",
	    "%s:1: the header row must be exactly: code\tname\trfc\tphase\t"
	    "retry\tactor\tenhanced\tbounce\tdescription\twhen\tfix (codes) "
	    "or: code\tname\trfc\tclasses\tbasic\tbounce\tactor\tstatus\t"
	    "description\twhen\tfix (enhanced codes)\n%s: no rows\n" },
	{ HEADER "421\tname\tRFC 5321\n",
	    "%s:2: 3 fields, not 11 (fields are separated by one tab)\n" },
	{ HEADER "421\tx\tRFC 5321\tany\tlater\tclient\t-\t-\td\tw\tf\t"
	    "extra\n",
	    "%s:2: 12 fields, not 11 (fields are separated by one tab)\n" },
	{ HEADER "421\tx\tRFC 5321\tany\tlater\tclient\t-\t-\td\tw\tf\r\n",
	    "%s:2: carriage return: save the file with LF line endings\n" },
	{ HEADER
	    "450\tx\tRFC 5321\tany\tlater\tclient\t-\t-\td\tw\tf\n"
	    "421\tx\tRFC 5321\tany\tlater\tclient\t-\t-\td\tw\tf\n"
	    "421\tx\tRFC 5321\tany\tlater\tclient\t-\t-\td\tw\tf\n",
	    "%s:3: code 421 does not come after 450 (rows are sorted by code, "
	    "each code once)\n"
	    "%s:4: code 421 does not come after 421 (rows are sorted by code, "
	    "each code once)\n" },
	{ HEADER "354\tx\tRFC 5321\tdata\tcontinue\tclient\t3.0.0\t-\td\tw\t"
	    "f\n",
	    "%s:2: enhanced '3.0.0' is not like 5.1.1 (RFC 3463: "
	    "class.subject.detail)\n"
	    "%s:2: enhanced codes on a 3xx reply (RFC 3463 has no class 3)\n" },
	{ HEADER "250\tx\tRFC 5321\tany\tlater\tnone\t-\t-\td\tw\tf\n",
	    "%s:2: retry 'later' does not fit a 2xx code\n" },
	{ HEADER "550\tx\tRFC 5321\trcpt\tfix-first\tsender\t-\t-\td\tw\t"
	    "Sender: f\n",
	    "%s:2: bounce '-' for a 5xx code: write hard or soft\n" },
	{ STATUS_HEADER "X.1.1\tBad\tRFC 3463\t5\t550\thard\tsender\t"
	    "current\td\tw\tSender: f\n"
	    "X.1.0\tOther\tRFC 3463\t5\t-\tsoft\tsender\tcurrent\td\tw\t"
	    "Sender: f\n",
	    "%s:3: code X.1.0 does not come after the row before it (rows are "
	    "sorted by subject, then detail)\n" },
	{ STATUS_HEADER "X.1.1\tBad\tRFC 3463\t5\t550\thard\tsender\t"
	    "current\td\tw\tf\n",
	    "%s:2: actor 'sender' but the fix says nothing after 'Sender: '\n" }
};

static char dir[] = "/tmp/test_mkcodes.XXXXXX";
static char tsv[64], out[64], err[64];

/* Run the generator on the fixture; return its exit status. */
static int
generate(const char *text, size_t len)
{
	char command[512];
	const char *awk;
	FILE *fp;
	int status;

	assert_non_null(fp = fopen(tsv, "w"));
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	if ((awk = getenv("AWK")) == NULL)
		awk = "awk";
	snprintf(command, sizeof(command), "LC_ALL=C %s -f data/tsvlib.awk -f data/mkcodes.awk "
	    "%s >%s 2>%s", awk, tsv, out, err);
	status = system(command);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static char *
slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *fp;
	size_t n;

	assert_non_null(fp = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static size_t
build_row(char *buf, size_t size, int field, const char *value)
{
	size_t len;
	int i;

	len = (size_t)snprintf(buf, size, "%s", HEADER);
	for (i = 0; i < NFIELDS; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == field ? value : good[i],
		    i + 1 < NFIELDS ? "\t" : "\n");
	return len;
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(tsv, sizeof(tsv), "%s/codes.tsv", dir);
	snprintf(out, sizeof(out), "%s/codes.inc", dir);
	snprintf(err, sizeof(err), "%s/stderr", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(tsv);
	unlink(out);
	unlink(err);
	return rmdir(dir);
}

static void
test_good_row(void **state)
{
	char text[4096];
	size_t len;

	(void)state;
	len = build_row(text, sizeof(text), 1, "Say \"no\" \\ why?? now");
	assert_int_equal(generate(text, len), 0);
	assert_string_equal(slurp(err), "");
	assert_non_null(strstr(slurp(out), "/* Generated by data/mkcodes.awk "
	    "from data/codes.tsv. DO NOT EDIT. */\n"));
	/* Quotes, backslashes and trigraph-forming '?' are escaped. */
	assert_non_null(strstr(slurp(out), "SMTPCODE_ROW(421, "
	    "\"Say \\\"no\\\" \\\\ why\\?\\? now\", \"RFC 5321\",\n"
	    "    SMTPCODE_STAGE_CONNECT | SMTPCODE_STAGE_ANY,\n"
	    "    SMTPCODE_RETRY_LATER, SMTPCODE_ACTOR_CLIENT | "
	    "SMTPCODE_ACTOR_RECEIVER_ADMIN,\n    \"4.3.2, 4.7.0\", "
	    "SMTPCODE_BOUNCE_NONE,\n"));
}

static void
test_utf8_accepted(void **state)
{
	char text[4096];
	size_t len;

	(void)state;
	len = build_row(text, sizeof(text), 8,
	    "Caf\xc3\xa9, \xe2\x82\xac and \xf0\x9f\x93\xa7 are fine.");
	assert_int_equal(generate(text, len), 0);
	assert_string_equal(slurp(err), "");
}

static void
test_prose_too_long(void **state)
{
	char text[8192], prose[1502];
	size_t len;

	(void)state;
	memset(prose, 'x', sizeof(prose) - 1);
	prose[sizeof(prose) - 1] = '\0';
	len = build_row(text, sizeof(text), 10, prose);
	assert_int_equal(generate(text, len), 1);
	assert_non_null(strstr(slurp(err),
	    ":2: fix is 1501 bytes, more than 1500\n"));
}

static void
test_field_cases(void **state)
{
	char text[4096], expect[1024];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(field_cases) / sizeof(field_cases[0]); i++) {
		len = build_row(text, sizeof(text), field_cases[i].field,
		    field_cases[i].value);
		assert_int_equal(generate(text, len), 1);
		snprintf(expect, sizeof(expect), "%s:2: %s\n", tsv,
		    field_cases[i].reason);
		assert_string_equal(slurp(err), expect);
	}
}

static void
test_file_cases(void **state)
{
	char expect[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]); i++) {
		assert_int_equal(generate(file_cases[i].text,
		    strlen(file_cases[i].text)), 1);
		/* Every %s in the pattern is the file name. */
		snprintf(expect, sizeof(expect), file_cases[i].errors, tsv,
		    tsv, tsv);
		assert_string_equal(slurp(err), expect);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_row),
		cmocka_unit_test(test_utf8_accepted),
		cmocka_unit_test(test_prose_too_long),
		cmocka_unit_test(test_field_cases),
		cmocka_unit_test(test_file_cases),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
