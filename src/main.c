/* SPDX-License-Identifier: ISC */
/* main.c -- smtpcode: options and subcommands, output and exit status */

#include <sys/ioctl.h>

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smtpcode.h"

#define VERSION		"0.2.0"

/* Exit statuses, the contract documented in smtpcode(1). */
enum status {
	EXIT_EXPLAINED = 0,	/* every code is one an RFC defines */
	EXIT_UNREGISTERED = 1,	/* a well-formed code no RFC defines */
	EXIT_TROUBLE = 2	/* usage, malformed code or I/O error */
};

#define USAGE	"usage: smtpcode [-hV] [-w width] [compare] code ...\n"

/* The most of standard input that "-" reads: replies, not whole logs. */
#define STDIN_MAX	(1 << 16)

/* The kinds of argument, told apart by the bytes they are made of. */
enum arg_kind {
	ARG_BASIC,	/* digits only: 550 */
	ARG_STATUS,	/* digits, dots and X: 5.1.1, X.1.1 */
	ARG_REPLY	/* anything else: a reply or a log line */
};

/* Bytes of an argument shown in an error message before it is cut. */
#define SHOWN_MAX	24

static const char help[] =
    USAGE
    "\n"
    "Explain SMTP reply codes: class, meaning, when they happen, what to "
    "do.\n"
    "\n"
    "  smtpcode code ...                 a page for each code: 550, "
    "5.1.1, X.1.1\n"
    "  smtpcode 'reply' ...              a page for each reply: "
    "'550 5.1.1 text',\n"
    "                                    a DSN field or an MTA's log "
    "line\n"
    "  smtpcode -                        the replies on standard input\n"
    "  smtpcode compare code code ...    a difference page for 2 to 6 "
    "codes\n"
    "\n"
    "Options:\n"
    "  -h, --help       print this help and exit\n"
    "  -V, --version    print the version and exit\n"
    "  -w, --width N    wrap to N columns (20 to 1000, 0 for no wrapping);"
    "\n"
    "                   by default the terminal's width, no wrapping when "
    "piped\n"
    "\n"
    "Exit status: 0 every code explained, 1 a code no RFC defines "
    "(decoded\n"
    "from its digits), 2 usage error, malformed code, no reply found, "
    "or I/O\n"
    "error.\n"
    "\n"
    "Example: smtpcode compare 421 553\n";

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "width", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* Pages are built in a static buffer so that a lookup allocates nothing. */
static char outbuf[1 << 16];

/* Standard input, read once, with a byte to spare to see that it is more. */
static char inbuf[STDIN_MAX + 1];

/* Reply pages use more stack than the rest; keep these off it. */
static struct smtpcode_reply reply;
static struct smtpcode_entry reply_codes[2];

static void
usage(void)
{
	fputs(USAGE, stderr);
	exit(EXIT_TROUBLE);
}

/*
 * Flush stdout and exit.  A reader that went away (EPIPE) is not an
 * error; any other write failure is, whatever the pages said.
 */
static void
finish(int status)
{
	if (fflush(stdout) == EOF && errno != EPIPE)
		err(EXIT_TROUBLE, "stdout");
	if (ferror(stdout) && errno != EPIPE)
		errx(EXIT_TROUBLE, "stdout: write error");
	exit(status);
}

/*
 * Copy arg into buf fit for one line of stderr: bytes that are not
 * printable ASCII become '?', and a long argument is cut and its size
 * given.
 */
static void
show_arg(char *buf, size_t size, const char *arg)
{
	size_t i, len;

	len = strlen(arg);
	for (i = 0; i < len && i < SHOWN_MAX && i + 1 < size; i++)
		buf[i] = arg[i] >= ' ' && arg[i] <= '~' ? arg[i] : '?';
	buf[i] = '\0';
	if (i < len)
		snprintf(buf + i, size - i, "... (%zu bytes)", len);
}

static void
bad_code(const char *arg, enum smtpcode_parse_error error)
{
	char shown[SHOWN_MAX + 32];

	show_arg(shown, sizeof(shown), arg);
	warnx("'%s': %s; a reply code is three digits, the first 2 to 5 and "
	    "the second 0 to 5, such as 421", shown,
	    smtpcode_parse_error_text(error));
}

static void
bad_status(const char *arg, enum smtpcode_parse_error error)
{
	char shown[SHOWN_MAX + 32];

	show_arg(shown, sizeof(shown), arg);
	warnx("'%s': %s; an enhanced status code is class.subject.detail: "
	    "class 2, 4 or 5, subject 0 to 7, detail 0 to 999, such as 5.1.1",
	    shown, smtpcode_parse_error_text(error));
}

static void
no_reply(const char *arg)
{
	char shown[SHOWN_MAX + 32];

	show_arg(shown, sizeof(shown), arg);
	warnx("'%s': no reply code found; give a code such as 550 or 5.1.1, "
	    "or a reply such as '550 5.1.1 text'", shown);
}

static void
bad_compare(const char *arg)
{
	char shown[SHOWN_MAX + 32];

	show_arg(shown, sizeof(shown), arg);
	warnx("compare: '%s': not a code; compare takes codes such as 550, "
	    "5.1.1 or X.1.1", shown);
}

static enum arg_kind
arg_kind(const char *arg)
{
	if (arg[strspn(arg, "0123456789")] == '\0')
		return ARG_BASIC;
	if (arg[strspn(arg, "0123456789.Xx")] == '\0' &&
	    strchr(arg, '.') != NULL)
		return ARG_STATUS;
	return ARG_REPLY;
}

static int
parse_width(const char *arg)
{
	char *end;
	long width;

	errno = 0;
	width = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || (width != 0 &&
	    (width < SMTPCODE_WIDTH_MIN || width > SMTPCODE_WIDTH_MAX))) {
		warnx("-w: '%s': not a width; give 0 (no wrapping) or %d to "
		    "%d columns", arg, SMTPCODE_WIDTH_MIN, SMTPCODE_WIDTH_MAX);
		usage();
	}
	return (int)width;
}

/* The width to wrap to when -w is not given: a terminal's, or none. */
static int
default_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0)
		return 80;
	if (ws.ws_col < SMTPCODE_WIDTH_MIN)
		return SMTPCODE_WIDTH_MIN;
	if (ws.ws_col > SMTPCODE_WIDTH_MAX)
		return SMTPCODE_WIDTH_MAX;
	return ws.ws_col;
}

static int
max_status(int a, int b)
{
	return a > b ? a : b;
}

/* Parse and describe one code, basic or enhanced; return its status. */
static int
explain(const char *arg, struct smtpcode_entry *entry)
{
	enum smtpcode_parse_error error;
	struct smtpcode_status status;
	int code, known;

	if (arg_kind(arg) == ARG_STATUS) {
		error = smtpcode_parse_status(arg, strlen(arg), 1, &status);
		if (error != SMTPCODE_PARSE_OK) {
			bad_status(arg, error);
			return EXIT_TROUBLE;
		}
		known = smtpcode_describe_status(&status, entry);
	} else {
		if ((error = smtpcode_parse(arg, &code)) != SMTPCODE_PARSE_OK) {
			bad_code(arg, error);
			return EXIT_TROUBLE;
		}
		known = smtpcode_describe(code, entry);
	}
	return known == 1 ? EXIT_EXPLAINED : EXIT_UNREGISTERED;
}

/*
 * Describe the codes of a reply into reply_codes and write its page.
 * Return its exit status.
 */
static int
explain_reply(const struct smtpcode_reply *r, int width)
{
	struct smtpcode_entry *basic, *enhanced;
	int status;

	status = EXIT_EXPLAINED;
	basic = enhanced = NULL;
	if (r->code != 0) {
		basic = &reply_codes[0];
		if (smtpcode_describe(r->code, basic) != 1)
			status = EXIT_UNREGISTERED;
	}
	if (r->has_status) {
		enhanced = &reply_codes[1];
		if (smtpcode_describe_status(&r->status, enhanced) != 1)
			status = EXIT_UNREGISTERED;
	}
	smtpcode_render_reply(stdout, r, basic, enhanced, width);
	return status;
}

/*
 * Write a page for every reply in text (len bytes).  In an argument
 * (where is NULL) a line without a reply is an error; on standard input,
 * named where, such lines are skipped, as in a pasted bounce, and only
 * finding no reply at all is an error.  Return the exit status.
 */
static int
run_replies(const char *text, size_t len, const char *where, int *pages,
    int width)
{
	const char *start;
	size_t used;
	int status, found;

	start = text;
	status = EXIT_EXPLAINED;
	found = 0;
	for (; (used = smtpcode_reply_parse(text, len, &reply)) > 0;
	    text += used, len -= used) {
		if (reply.source == SMTPCODE_SOURCE_NONE) {
			/* Lines around the replies on stdin are skipped. */
			if (where == NULL) {
				no_reply(text);
				status = EXIT_TROUBLE;
			}
		} else {
			found++;
			if ((*pages)++ > 0)
				putchar('\n');
			status = max_status(status, explain_reply(&reply,
			    width));
		}
	}
	if (found == 0 && status == EXIT_EXPLAINED) {
		if (where == NULL)
			no_reply(start);
		else
			warnx("%s: no reply code found", where);
		status = EXIT_TROUBLE;
	}
	return status;
}

/*
 * Read standard input whole, up to STDIN_MAX bytes, into inbuf; read(2)
 * rather than stdio, whose buffer would come from the heap.
 */
static int
read_stdin(size_t *len)
{
	ssize_t n;

	*len = 0;
	while (*len < sizeof(inbuf)) {
		n = read(STDIN_FILENO, inbuf + *len, sizeof(inbuf) - *len);
		if (n == 0)
			break;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			warn("stdin");
			return -1;
		}
		*len += (size_t)n;
	}
	if (*len > STDIN_MAX) {
		warnx("stdin: more than %d bytes; smtpcode - reads replies, "
		    "not whole logs", STDIN_MAX);
		return -1;
	}
	return 0;
}


static int
run_pages(int argc, char *argv[], int width)
{
	struct smtpcode_entry entry;
	size_t len;
	int i, status, one, pages;

	status = EXIT_EXPLAINED;
	pages = 0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			one = read_stdin(&len) == -1 ? EXIT_TROUBLE :
			    run_replies(inbuf, len, "stdin", &pages, width);
			status = max_status(status, one);
			continue;
		}
		if (arg_kind(argv[i]) == ARG_REPLY) {
			status = max_status(status, run_replies(argv[i],
			    strlen(argv[i]), NULL, &pages, width));
			continue;
		}
		one = explain(argv[i], &entry);
		status = max_status(status, one);
		if (one == EXIT_TROUBLE)
			continue;
		if (pages++ > 0)
			putchar('\n');
		smtpcode_render_page(stdout, &entry, width);
	}
	return status;
}

static int
run_compare(int argc, char *argv[], int width)
{
	struct smtpcode_entry entries[SMTPCODE_COMPARE_MAX];
	int i, status;

	if (argc < 2 || argc > SMTPCODE_COMPARE_MAX) {
		warnx("compare: give 2 to %d codes, not %d",
		    SMTPCODE_COMPARE_MAX, argc);
		usage();
	}
	status = EXIT_EXPLAINED;
	for (i = 0; i < argc; i++) {
		if (arg_kind(argv[i]) == ARG_REPLY) {
			bad_compare(argv[i]);
			status = EXIT_TROUBLE;
			continue;
		}
		status = max_status(status, explain(argv[i], &entries[i]));
	}
	if (status != EXIT_TROUBLE)
		smtpcode_render_compare(stdout, entries, (size_t)argc, width);
	return status;
}

int
main(int argc, char *argv[])
{
	int ch, width;

	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	width = -1;
	while ((ch = getopt_long(argc, argv, "hVw:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(help, stdout);
			finish(EXIT_EXPLAINED);
			break;
		case 'V':
			puts("smtpcode " VERSION);
			finish(EXIT_EXPLAINED);
			break;
		case 'w':
			width = parse_width(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (argc == 0)
		usage();
	if (width == -1)
		width = default_width();
	if (strcmp(argv[0], "compare") == 0)
		finish(run_compare(argc - 1, argv + 1, width));
	finish(run_pages(argc, argv, width));
	/* NOTREACHED */
	return EXIT_TROUBLE;
}
