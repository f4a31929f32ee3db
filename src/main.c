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

#define VERSION		"0.1.0"

/* Exit statuses, the contract documented in smtpcode(1). */
enum status {
	EXIT_EXPLAINED = 0,	/* every code is one an RFC defines */
	EXIT_UNREGISTERED = 1,	/* a well-formed code no RFC defines */
	EXIT_TROUBLE = 2	/* usage, malformed code or I/O error */
};

#define USAGE	"usage: smtpcode [-hV] [-w width] [compare] code ...\n"

/* Bytes of an argument shown in an error message before it is cut. */
#define SHOWN_MAX	24

static const char help[] =
    USAGE
    "\n"
    "Explain SMTP reply codes: class, meaning, when they happen, what to "
    "do.\n"
    "\n"
    "  smtpcode code ...                 a page for each code\n"
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
    "from its digits), 2 usage error, malformed code or write error.\n"
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

/* Parse and describe one argument; return its exit status. */
static int
explain(const char *arg, struct smtpcode_entry *entry)
{
	enum smtpcode_parse_error error;
	int code;

	if ((error = smtpcode_parse(arg, &code)) != SMTPCODE_PARSE_OK) {
		bad_code(arg, error);
		return EXIT_TROUBLE;
	}
	if (smtpcode_describe(code, entry) == 1)
		return EXIT_EXPLAINED;
	return EXIT_UNREGISTERED;
}

static int
max_status(int a, int b)
{
	return a > b ? a : b;
}

static int
run_pages(int argc, char *argv[], int width)
{
	struct smtpcode_entry entry;
	int i, status, one, pages;

	status = EXIT_EXPLAINED;
	pages = 0;
	for (i = 0; i < argc; i++) {
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
	for (i = 0; i < argc; i++)
		status = max_status(status, explain(argv[i], &entries[i]));
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
