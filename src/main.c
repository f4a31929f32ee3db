/* SPDX-License-Identifier: ISC */
/* main.c -- smtpcode: options and commands, usage, output and exit status */

#include <sys/ioctl.h>

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define VERSION		"0.2.0"

/* The usage lines, identical to the man page's SYNOPSIS. */
#define USAGE \
	"usage: smtpcode [-bhV] [--color[=when]] [-f field] [-o format] " \
	"[-w width]\n" \
	"                code|reply|- ...\n" \
	"       smtpcode [options] compare code code ...\n" \
	"       smtpcode [options] list [-c class]\n" \
	"       smtpcode [options] search [-c class] word ...\n" \
	"       smtpcode [options] scan [-ar] [--by key[,key]] [-c class]\n" \
	"                [--direction in|out] [--texts n] [--verdict verdict]\n" \
	"                [file ...]\n" \
	"       smtpcode completion bash|zsh|fish\n"

/* Suggest a name this many edits away at most: "compre" -> "compare". */
#define SUGGEST_MAX	2

/* The commands, in the order help lists them. */
struct command {
	const char	*name;
	const char	*help;
	int		 (*run)(const struct cli *, int, char *[]);
};

static const struct command commands[] = {
	{ "compare", "a difference page for 2 to 6 codes", run_compare },
	{ "list", "every code, a line each", run_list },
	{ "search", "the codes whose texts hold every word", run_search },
	{ "scan", "the replies in mail logs and bounces, counted", run_scan },
	{ "completion", "a completion script for bash, zsh or fish", NULL }
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

/*
 * Options without a short form: -v reads as verbose (-V is --version),
 * and scan's --by, --direction and --texts have no letter that reads as
 * them and is free.
 */
#define VERDICT_OPTION		'\001'
#define BY_OPTION		'\002'
#define DIRECTION_OPTION	'\003'
#define TEXTS_OPTION		'\004'

/*
 * The options, sorted by letter (or, without one, by name): the one table that getopt_long(3), the
 * help, the completion scripts and the suggestions are made from.
 */
static const struct smtpcode_option options[] = {
	{ 'a', "annotate", NULL, NULL,
	  "scan: copy the input, a note after each reply" },
	{ 'b', "brief", NULL, NULL,
	  "one line a reply: verdict, codes, reason, what to do" },
	{ BY_OPTION, "by", "key[,key]", "code domain recipient relay "
	  "direction reason provider", "scan: a row per group of these keys" },
	{ 'c', "class", "class", "2 3 4 5 success intermediate transient "
	  "permanent", "list, search, scan: only this class (2-5, "
	  "transient...)" },
	{ 'C', "color", "when", "auto always never",
	  "colour text: auto (on a terminal), always, never" },
	{ DIRECTION_OPTION, "direction", "direction", "in out",
	  "scan: only replies to us (in) or to our mail (out)" },
	{ 'f', "field", "name", NULL,
	  "print one field of each code, reply or scan row" },
	{ 'h', "help", NULL, NULL, "print this help and exit" },
	{ 'o', "format", "format", "text tsv json",
	  "output as text (default), tsv or json" },
	{ 'r', "recipients", NULL, NULL,
	  "scan: list the replies' recipients, each once" },
	{ TEXTS_OPTION, "texts", "n", NULL,
	  "scan: each group's n most frequent texts, masked" },
	{ VERDICT_OPTION, "verdict", "verdict", "hard soft retry delivered",
	  "scan: only replies of this verdict" },
	{ 'V', "version", NULL, NULL, "print the version and exit" },
	{ 'w', "width", "width", NULL, "wrap to width columns, 20-1000; 0: "
	  "never" }
};

#define NOPTIONS	(sizeof(options) / sizeof(options[0]))

/* --color takes its value after '=' only, and has no short form. */
#define COLOR_OPTION	'C'

/* Words --class accepts, and the class each means. */
static const struct {
	const char	*word;
	int		 digit;
} class_words[] = {
	{ "2", 2 }, { "3", 3 }, { "4", 4 }, { "5", 5 },
	{ "success", 2 }, { "positive", 2 }, { "intermediate", 3 },
	{ "transient", 4 }, { "permanent", 5 }
};

static const char *const format_words[] = { "text", "tsv", "json" };
static const char *const directions[] = { "in", "out" };

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
	if (status == EXIT_USAGE)
		usage();
	if (fflush(stdout) == EOF && errno != EPIPE)
		err(EXIT_TROUBLE, "stdout");
	if (ferror(stdout) && errno != EPIPE)
		errx(EXIT_TROUBLE, "stdout: write error");
	exit(status);
}

static void
help(void)
{
	char form[64];
	size_t i;

	fputs(USAGE "\nExplain SMTP reply codes (550), enhanced status codes "
	    "(5.1.1) and whole\nserver replies or log lines: class, meaning, "
	    "when they happen, what to do.\n'-' reads replies from standard "
	    "input.\n\nCommands:\n", stdout);
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-12s %s\n", commands[i].name, commands[i].help);
	fputs("\nOptions:\n", stdout);
	for (i = 0; i < NOPTIONS; i++) {
		if (options[i].letter == COLOR_OPTION)
			snprintf(form, sizeof(form), "      --%s[=%s]",
			    options[i].name, options[i].arg);
		else if (options[i].letter < '!')
			snprintf(form, sizeof(form), "      --%s %s",
			    options[i].name, options[i].arg);
		else
			snprintf(form, sizeof(form), "  -%c, --%s%s%s",
			    options[i].letter, options[i].name,
			    options[i].arg != NULL ? " " : "",
			    options[i].arg != NULL ? options[i].arg : "");
		printf("%-23s %s\n", form, options[i].help);
	}
	fputs("\nExit status: 0 every code explained, 1 a code no RFC or "
	    "registry defines\n(or, for search, no match), 2 usage error, "
	    "malformed input, no reply found,\nor I/O error.\n\n"
	    "Examples: smtpcode compare 421 553\n"
	    "          smtpcode '550 5.1.1 <bob@example.org>: User unknown'\n"
	    "          smtpcode -o json list --class 4 | jq .\n", stdout);
}

/*
 * The number of edits that turn a into b, where swapping two neighbours
 * is one edit, as deleting, adding or changing a byte is (the optimal
 * string alignment distance); capped.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t row[3][32], *cur, *prev, *prev2, i, j, la, lb;

	la = strlen(a);
	lb = strlen(b);
	if (la >= sizeof(row[0]) / sizeof(row[0][0]) ||
	    lb >= sizeof(row[0]) / sizeof(row[0][0]))
		return SUGGEST_MAX + 1;
	for (j = 0; j <= lb; j++)
		row[0][j] = j;
	for (i = 1; i <= la; i++) {
		cur = row[i % 3];
		prev = row[(i - 1) % 3];
		prev2 = row[(i + 1) % 3];
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			cur[j] = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < cur[j])
				cur[j] = prev[j] + 1;
			if (cur[j - 1] + 1 < cur[j])
				cur[j] = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
	}
	return row[la % 3][lb];
}

/*
 * The nearest of n names to word, or NULL if none is near enough: at
 * most SUGGEST_MAX edits, and either fewer than half the longer word's
 * bytes or only bytes added or removed ('ls' for 'list'), so that '7'
 * does not suggest '2', nor 'nope' 'code'.
 */
const char *
nearest(const char *word, const char *const *names, size_t n)
{
	const char *best;
	size_t i, d, bestd, la, lb;

	best = NULL;
	bestd = SUGGEST_MAX + 1;
	la = strlen(word);
	for (i = 0; i < n; i++) {
		lb = strlen(names[i]);
		d = distance(word, names[i]);
		if (d < bestd && (2 * d < (la > lb ? la : lb) ||
		    d == (la > lb ? la - lb : lb - la))) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

/* An option getopt_long(3) did not know: say so, maybe suggest one. */
static void
bad_option(const char *arg, int letter)
{
	const char *names[NOPTIONS], *near;
	char shown[SHOWN_MAX + 32];
	size_t i, len;

	if (letter != 0 && arg[1] != '-') {
		warnx("unknown option '-%c'", letter);
		usage();
	}
	for (i = 0; i < NOPTIONS; i++)
		names[i] = options[i].name;
	len = strcspn(arg + 2, "=");
	snprintf(shown, sizeof(shown), "%.*s", (int)len, arg + 2);
	near = nearest(shown, names, NOPTIONS);
	show_arg(shown, sizeof(shown), arg);
	if (near != NULL)
		warnx("unknown option '%s'; did you mean '--%s'?", shown, near);
	else
		warnx("unknown option '%s'", shown);
	usage();
}

/* Whether arg is a whole number, in *n; strtol, its end and its range. */
static size_t
parse_number(const char *arg, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(arg, &end, 10);
	return *arg != '\0' && *end == '\0' && errno == 0;
}

static size_t
parse_width(const char *arg)
{
	long width;

	if (!parse_number(arg, &width) || (width != 0 &&
	    (width < SMTPCODE_WIDTH_MIN || width > SMTPCODE_WIDTH_MAX))) {
		warnx("-w: '%s': not a width; give 0 (no wrapping) or %d to "
		    "%d columns", arg, SMTPCODE_WIDTH_MIN, SMTPCODE_WIDTH_MAX);
		usage();
	}
	return (size_t)width;
}

/* Index of arg among n words, or a usage error naming the option. */
static size_t
parse_word(const char *option, const char *arg, const char *const *words,
    size_t n, const char *valid)
{
	char shown[SHOWN_MAX + 32];
	const char *near;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(arg, words[i]) == 0)
			return i;
	show_arg(shown, sizeof(shown), arg);
	if ((near = nearest(arg, words, n)) != NULL)
		warnx("%s: '%s': not one of %s; did you mean '%s'?", option,
		    shown, valid, near);
	else
		warnx("%s: '%s': not one of %s", option, shown, valid);
	usage();
	/* NOTREACHED */
	return 0;
}

static int
parse_class(const char *arg)
{
	const char *words[sizeof(class_words) / sizeof(class_words[0])];
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		words[i] = class_words[i].word;
	i = parse_word("-c", arg, words, sizeof(words) / sizeof(words[0]),
	    "2, 3, 4, 5, success, intermediate, transient, permanent");
	return class_words[i].digit;
}

/* The verdict --verdict names: an enum smtpcode_verdict. */
static int
parse_verdict(const char *arg)
{
	static const char *const words[] = { "hard", "soft", "retry",
	    "delivered" };
	static const enum smtpcode_verdict verdicts[] = {
	    SMTPCODE_VERDICT_HARD, SMTPCODE_VERDICT_SOFT,
	    SMTPCODE_VERDICT_RETRY, SMTPCODE_VERDICT_DELIVERED };

	return (int)verdicts[parse_word("--verdict", arg, words, 4,
	    "hard, soft, retry, delivered")];
}

/* The keys of --by, a comma-separated list, into cli. */
static void
parse_by(const char *arg, struct cli *cli)
{
	static const char *const words[] = { "code", "domain", "recipient",
	    "relay", "direction", "reason", "provider" };
	char item[SHOWN_MAX + 32];
	size_t len;

	_Static_assert(sizeof(words) / sizeof(words[0]) == SMTPCODE_NKEYS,
	    "a word for each key");
	cli->nkeys = 0;
	for (;;) {
		len = strcspn(arg, ",");
		snprintf(item, sizeof(item), "%.*s", (int)len, arg);
		if (cli->nkeys == SMTPCODE_NKEYS) {
			warnx("--by: at most %d keys", SMTPCODE_NKEYS);
			usage();
		}
		cli->keys[cli->nkeys++] = (enum smtpcode_scan_key)parse_word(
		    "--by", item, words, SMTPCODE_NKEYS, "code, domain, "
		    "recipient, relay, direction, reason, provider");
		if (arg[len] == '\0')
			break;
		arg += len + 1;
	}
}

static int
parse_texts(const char *arg)
{
	long n;

	if (!parse_number(arg, &n) || n < 1 || n > SMTPCODE_TEXTS_MAX) {
		warnx("--texts: '%s': not a number of texts; give 1 to %d",
		    arg, SMTPCODE_TEXTS_MAX);
		usage();
	}
	return (int)n;
}

/* Whether --color=when (NULL: always) colours this run's text. */
static int
parse_color(const char *when)
{
	static const char *const words[] = { "never", "always", "auto" };
	const char *no_color, *term;

	if (when == NULL)
		return 1;
	switch (parse_word("--color", when, words, 3,
	    "auto, always, never")) {
	case 0:
		return 0;
	case 1:
		return 1;
	default:
		no_color = getenv("NO_COLOR");
		term = getenv("TERM");
		return isatty(STDOUT_FILENO) && (no_color == NULL ||
		    *no_color == '\0') && (term == NULL ||
		    strcmp(term, "dumb") != 0);
	}
}

/* The width to wrap to when -w is not given: a terminal's, or none. */
static size_t
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

/*
 * Build getopt_long(3)'s tables from options[]: a leading ':' so that a
 * missing value is told apart from an unknown option.
 */
static void
option_tables(char *optstring, struct option *longopts)
{
	size_t i, k;

	k = 0;
	optstring[k++] = ':';
	for (i = 0; i < NOPTIONS; i++) {
		longopts[i].name = options[i].name;
		longopts[i].has_arg = options[i].arg == NULL ? no_argument :
		    options[i].letter == COLOR_OPTION ? optional_argument :
		    required_argument;
		longopts[i].flag = NULL;
		longopts[i].val = options[i].letter;
		if (options[i].letter == COLOR_OPTION ||
		    options[i].letter < '!')
			continue;
		optstring[k++] = options[i].letter;
		if (options[i].arg != NULL)
			optstring[k++] = ':';
	}
	optstring[k] = '\0';
	memset(&longopts[NOPTIONS], 0, sizeof(longopts[0]));
}

/* Parse the options into *cli; return the index of the first operand. */
static int
parse_options(int argc, char *argv[], struct cli *cli)
{
	struct option longopts[NOPTIONS + 1];
	char optstring[2 * NOPTIONS + 2];
	const char *when;
	int ch, width_given;

	option_tables(optstring, longopts);
	/* Every option off; -1 is "any" for the scan filters. */
	*cli = (struct cli){ .out.fp = stdout, .format = SMTPCODE_FORMAT_TEXT,
	    .verdict = -1, .direction = -1 };
	width_given = 0;
	when = "auto";
	opterr = 0;
	while ((ch = getopt_long(argc, argv, optstring, longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case VERDICT_OPTION:
			cli->verdict = parse_verdict(optarg);
			break;
		case BY_OPTION:
			parse_by(optarg, cli);
			break;
		case DIRECTION_OPTION:
			cli->direction = parse_word("--direction", optarg,
			    directions, 2, "in, out") == 0 ?
			    SMTPCODE_DIRECTION_IN : SMTPCODE_DIRECTION_OUT;
			break;
		case TEXTS_OPTION:
			cli->texts = parse_texts(optarg);
			break;
		case 'C':
			when = optarg;
			break;
		case 'V':
			puts("smtpcode " VERSION);
			finish(EXIT_EXPLAINED);
			break;
		case 'a':
			cli->annotate = 1;
			break;
		case 'b':
			cli->brief = 1;
			break;
		case 'c':
			cli->class_digit = parse_class(optarg);
			break;
		case 'f':
			cli->field = optarg;
			break;
		case 'h':
			help();
			finish(EXIT_EXPLAINED);
			break;
		case 'o':
			cli->format = (enum smtpcode_format)parse_word("-o",
			    optarg, format_words, 3, "text, tsv, json");
			break;
		case 'r':
			cli->recipients = 1;
			break;
		case 'w':
			cli->out.width = parse_width(optarg);
			width_given = 1;
			break;
		case ':':
			warnx("option '%s' needs a value", argv[optind - 1]);
			usage();
			break;
		default:
			bad_option(argv[optind - 1], optopt);
		}
	}
	cli->out.color = parse_color(when) &&
	    cli->format == SMTPCODE_FORMAT_TEXT;
	if (!width_given)
		cli->out.width = default_width();
	return optind;
}

/* The command named by word, or NULL. */
static const struct command *
find_command(const char *word)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(word, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/*
 * A first operand of letters alone that is near a command's name is a
 * typing error, not a reply: say which command was meant.
 */
static void
check_typo(const char *word)
{
	const char *names[NCOMMANDS], *near;
	size_t i;

	if (word[strspn(word, "abcdefghijklmnopqrstuvwxyz")] != '\0')
		return;
	for (i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	if ((near = nearest(word, names, NCOMMANDS)) == NULL)
		return;
	warnx("'%s': unknown command; did you mean '%s'?", word, near);
	finish(EXIT_TROUBLE);
}

static int
run_completion(const struct cli *cli, int argc, char *argv[])
{
	static const char *const shells[] = { "bash", "zsh", "fish" };
	const char *names[NCOMMANDS];
	size_t i;

	if (argc != 1) {
		warnx("completion: give one shell: bash, zsh or fish");
		return EXIT_USAGE;
	}
	if (cli->format != SMTPCODE_FORMAT_TEXT || cli->field != NULL) {
		warnx("completion: -o and -f do not apply to a script");
		return EXIT_USAGE;
	}
	i = parse_word("completion", argv[0], shells, 3, "bash, zsh, fish");
	for (i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	smtpcode_completion(stdout, argv[0], names, NCOMMANDS, options,
	    NOPTIONS);
	return EXIT_EXPLAINED;
}

/* Options that belong to some commands only: refuse them elsewhere. */
static void
check_scope(const struct cli *cli, const struct command *command)
{
	int (*run)(const struct cli *, int, char *[]);

	run = command != NULL ? command->run : NULL;
	if (cli->class_digit != 0 && run != run_list && run != run_search &&
	    run != run_scan) {
		warnx("-c: only list, search and scan take a class");
		usage();
	}
	if ((cli->nkeys > 0 || cli->texts > 0 || cli->direction != -1) &&
	    run != run_scan) {
		warnx("--by, --direction and --texts: only scan groups and "
		    "filters replies");
		usage();
	}
	if (cli->annotate && run != run_scan) {
		warnx("-a: only scan annotates");
		usage();
	}
	if (cli->recipients && run != run_scan) {
		warnx("-r: only scan lists recipients");
		usage();
	}
	if (cli->verdict != -1 && run != run_scan) {
		warnx("--verdict: only scan picks replies by verdict");
		usage();
	}
	if (cli->brief && (run != NULL || cli->format != SMTPCODE_FORMAT_TEXT ||
	    cli->field != NULL)) {
		warnx("-b: brief lines are text, for codes and replies; -o and "
		    "-f give every field");
		usage();
	}
}

int
main(int argc, char *argv[])
{
	const struct command *command;
	struct cli cli;
	int first;

	/*
	 * A reader that goes away is an EPIPE that finish() lets pass, not a
	 * SIGPIPE that kills the run (141) once the output outgrows a pipe.
	 */
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	first = parse_options(argc, argv, &cli);
	argc -= first;
	argv += first;
	if (argc == 0)
		usage();
	command = find_command(argv[0]);
	if (command == NULL)
		check_typo(argv[0]);
	check_scope(&cli, command);
	if (command == NULL)
		finish(run_explain(&cli, argc, argv));
	if (command->run == NULL)
		finish(run_completion(&cli, argc - 1, argv + 1));
	finish(command->run(&cli, argc - 1, argv + 1));
	/* NOTREACHED */
	return EXIT_TROUBLE;
}
