/* SPDX-License-Identifier: ISC */
/* run.c -- the commands: read operands, write records, say what failed */

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "render.h"

/* The most of standard input that "-" reads: replies, not whole logs. */
#define STDIN_MAX	(1 << 16)

/* The kinds of operand, told apart by the bytes they are made of. */
enum arg_kind {
	ARG_BASIC,	/* digits only: 550 */
	ARG_STATUS,	/* digits, dots and X: 5.1.1, X.1.1 */
	ARG_REPLY,	/* anything else: a reply or a log line */
	ARG_STDIN	/* "-" */
};

struct sink;

/*
 * How an output format writes: the opening and end of a run's records
 * (begin may refuse them, after saying why; either may be NULL), a
 * record, one field's value, and a comparison.  A NULL comparison is
 * the text format's: a comparison, and a scan's summary, are pages.
 */
struct writer {
	int	(*begin)(struct sink *);
	void	(*record)(struct sink *, enum smtpcode_record, const void *);
	void	(*value)(struct sink *, struct smtpcode_value);
	const struct compare_format *compare;
	void	(*end)(struct sink *);
};

/*
 * Where records go: a text page or list line, a TSV row, a JSON object,
 * or one field's value, as the options say.
 */
struct sink {
	const struct cli *cli;
	const struct writer *w;		/* the format's, chosen once */
	const char	*command;	/* "explain", "list"... */
	enum smtpcode_record kind;	/* of a table's rows */
	int		 mixed;		/* codes and replies, whole */
	struct smtpcode_json json;
	int		 field[3];	/* by enum smtpcode_record, or -1 */
	size_t		 columns[SMTPCODE_SCAN_COLUMNS];	/* a scan row's */
	size_t		 ncolumns;
	int		 lines;		/* list lines, not pages */
	size_t		 records;
};

/* Standard input, read once, with a byte to spare to see that it is more. */
static char inbuf[STDIN_MAX + 1];

/* A reply and its codes are large; keep them off the stack. */
static struct smtpcode_reply reply;
static struct smtpcode_entry reply_codes[2];

/* The scan of standard input or of scan's files: its state is large. */
static struct smtpcode_scan scanner;

static int
max_status(int a, int b)
{
	return a > b ? a : b;
}

/*
 * Copy arg into buf fit for one line of stderr: bytes that are not
 * printable ASCII become '?', and a long argument is cut and its size
 * given.
 */
void
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

/* Complain about arg: "'<arg>': <what>". */
static void
bad_arg(const char *prefix, const char *arg, const char *what)
{
	char shown[SHOWN_MAX + 32];

	show_arg(shown, sizeof(shown), arg);
	warnx("%s'%s': %s", prefix, shown, what);
}

static enum arg_kind
arg_kind(const char *arg)
{
	if (strcmp(arg, "-") == 0)
		return ARG_STDIN;
	if (arg[strspn(arg, "0123456789")] == '\0')
		return ARG_BASIC;
	if (arg[strspn(arg, "0123456789.Xx")] == '\0' &&
	    strchr(arg, '.') != NULL)
		return ARG_STATUS;
	return ARG_REPLY;
}

static const char *
record_noun(enum smtpcode_record record)
{
	return record == SMTPCODE_RECORD_CODE ? "code" :
	    record == SMTPCODE_RECORD_SCAN ? "scan row" : "reply";
}

/* The valid field names of a record, for an error message. */
static void
field_names(char *buf, size_t size, enum smtpcode_record record)
{
	size_t i, len;

	len = 0;
	buf[0] = '\0';
	for (i = 0; i < smtpcode_field_count(record) && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? ", " : "", smtpcode_field_name(record, i));
}

/* The field of a record nearest to name, to suggest, or NULL. */
static const char *
near_field(enum smtpcode_record record, const char *name)
{
	const char *names[64];
	size_t i, n;

	n = smtpcode_field_count(record);
	for (i = 0; i < n && i < sizeof(names) / sizeof(names[0]); i++)
		names[i] = smtpcode_field_name(record, i);
	return nearest(name, names, i);
}

/* A page, a list line, or a brief line; pages apart by a blank line. */
static void
text_record(struct sink *s, enum smtpcode_record kind, const void *record)
{
	const struct smtpcode_out *o;

	o = &s->cli->out;
	if (kind == SMTPCODE_RECORD_CODE && s->lines)
		smtpcode_render_line(o, record);
	else if (kind == SMTPCODE_RECORD_REPLY && s->cli->brief)
		smtpcode_render_brief(o, record);
	else {
		if (s->records > 0)
			putchar('\n');
		if (kind == SMTPCODE_RECORD_CODE)
			smtpcode_render_page(o, record);
		else
			smtpcode_render_reply(o, record);
	}
}

/* One field's value on a line of its own, as text or as a TSV cell. */
static void
line_value(struct sink *s, struct smtpcode_value v)
{
	FILE *fp = s->cli->out.fp;

	if (s->cli->format == SMTPCODE_FORMAT_TSV)
		smtpcode_tsv_value(fp, v);
	else
		smtpcode_text_value(fp, v);
	putc('\n', fp);
}

/* The header row, for a table of one kind of record, unless -f. */
static int
tsv_begin(struct sink *s)
{
	if (s->cli->field != NULL)
		return 0;
	if (s->mixed) {
		warnx("-o tsv: give codes or replies, not both: a TSV table "
		    "has one kind of row");
		return -1;
	}
	if (s->kind == SMTPCODE_RECORD_SCAN)
		smtpcode_tsv_names(s->cli->out.fp, s->kind, s->columns,
		    s->ncolumns);
	else
		smtpcode_tsv_header(s->cli->out.fp, s->kind);
	return 0;
}

/* A record, all its fields; a scan row, the summary's columns. */
static void
tsv_record(struct sink *s, enum smtpcode_record kind, const void *record)
{
	if (kind == SMTPCODE_RECORD_SCAN)
		smtpcode_tsv_fields(s->cli->out.fp, kind, record, s->columns,
		    s->ncolumns);
	else
		smtpcode_tsv_record(s->cli->out.fp, kind, record);
}

static int
json_begin(struct sink *s)
{
	smtpcode_json_begin(&s->json, s->cli->out.fp, s->command);
	return 0;
}

static void
json_record(struct sink *s, enum smtpcode_record kind, const void *record)
{
	if (kind == SMTPCODE_RECORD_SCAN)
		smtpcode_json_fields(&s->json, kind, record, s->columns,
		    s->ncolumns);
	else
		smtpcode_json_record(&s->json, kind, record);
}

/* One field's value as an item of the results. */
static void
json_value(struct sink *s, struct smtpcode_value v)
{
	smtpcode_json_item(&s->json, v);
}

/* The end of the document; a scan's summary, whole, has its totals. */
static void
json_end(struct sink *s)
{
	if (s->kind == SMTPCODE_RECORD_SCAN && s->field[s->kind] == -1)
		smtpcode_json_scan_end(&s->json, &scanner);
	else
		smtpcode_json_end(&s->json);
}

/* The writers, by enum smtpcode_format. */
static const struct writer writers[] = {
	{ NULL, text_record, line_value, NULL, NULL },
	{ tsv_begin, tsv_record, line_value, &compare_tsv, NULL },
	{ json_begin, json_record, json_value, &compare_json, json_end }
};

_Static_assert(sizeof(writers) / sizeof(writers[0]) ==
    SMTPCODE_FORMAT_JSON + 1, "a writer for each format");

/*
 * The index of the field called name in a record, or -1 after saying
 * that there is none and which there are.
 */
static int
field_of(enum smtpcode_record record, const char *name)
{
	char names[1024], what[1200];
	const char *near;
	int f;

	if ((f = smtpcode_field_index(record, name)) >= 0)
		return f;
	field_names(names, sizeof(names), record);
	near = near_field(record, name);
	snprintf(what, sizeof(what), "not a field of a %s; the fields are: "
	    "%s%s%s%s", record_noun(record), names, near != NULL ?
	    "; did you mean '" : "", near != NULL ? near : "", near != NULL ?
	    "'?" : "");
	bad_arg("-f: ", name, what);
	return -1;
}

/*
 * Ready a sink for records of the kinds used (uses[record] set, a scan
 * row's alone): find --field in each, refuse TSV rows of two kinds,
 * write the opening of the output.  Return 0, or -1 after saying what
 * is wrong.
 */
static int
sink_begin(struct sink *s, const struct cli *cli, const char *command,
    const int *uses)
{
	int record;

	s->cli = cli;
	s->w = &writers[cli->format];
	s->command = command;
	s->mixed = uses[SMTPCODE_RECORD_CODE] &&
	    uses[SMTPCODE_RECORD_REPLY] && cli->field == NULL;
	s->lines = 0;
	s->records = 0;
	for (record = 0; record <= SMTPCODE_RECORD_SCAN; record++) {
		s->field[record] = -1;
		if (uses[record] && cli->field != NULL &&
		    (s->field[record] = field_of(record, cli->field)) == -1)
			return -1;
	}
	s->kind = uses[SMTPCODE_RECORD_SCAN] ? SMTPCODE_RECORD_SCAN :
	    uses[SMTPCODE_RECORD_REPLY] ? SMTPCODE_RECORD_REPLY :
	    SMTPCODE_RECORD_CODE;
	s->ncolumns = s->kind == SMTPCODE_RECORD_SCAN ?
	    smtpcode_scan_columns(&scanner, s->columns) : 0;
	return s->w->begin != NULL ? s->w->begin(s) : 0;
}

static void
sink_end(struct sink *s)
{
	if (s->w->end != NULL)
		s->w->end(s);
}

/* A record of either kind, whole or, with -f, its one field. */
static void
sink_record(struct sink *s, enum smtpcode_record kind, const void *record)
{
	char buf[SMTPCODE_VALUE_SIZE];

	if (s->field[kind] >= 0)
		s->w->value(s, smtpcode_record_value(kind, record,
		    (size_t)s->field[kind], buf, sizeof(buf)));
	else
		s->w->record(s, kind, record);
	s->records++;
}

/* What a malformed code of either kind is told, after the error. */
static const char *const code_rules[] = {
	"a reply code is three digits, the first 2 to 5 and the second 0 to "
	"5, such as 421",
	"an enhanced status code is class.subject.detail: class 2, 4 or 5, "
	"subject 0 to 7, detail 0 to 999, such as 5.1.1"
};

/* Parse and describe one code, basic or enhanced; return its status. */
static int
describe_arg(const char *arg, struct smtpcode_entry *entry)
{
	enum smtpcode_parse_error error;
	struct smtpcode_status status;
	char what[256];
	int code, known, enhanced;

	enhanced = arg_kind(arg) == ARG_STATUS;
	if (enhanced)
		error = smtpcode_parse_status(arg, strlen(arg), 1, &status);
	else
		error = smtpcode_parse(arg, &code);
	if (error != SMTPCODE_PARSE_OK) {
		snprintf(what, sizeof(what), "%s; %s",
		    smtpcode_parse_error_text(error), code_rules[enhanced]);
		bad_arg("", arg, what);
		return EXIT_TROUBLE;
	}
	if (enhanced)
		known = smtpcode_describe_status(&status, entry) == 1 ||
		    smtpcode_provider_knows(&status);
	else
		known = smtpcode_describe(code, entry) == 1;
	return known ? EXIT_EXPLAINED : EXIT_UNREGISTERED;
}

static void
no_reply(const char *text)
{
	bad_arg("", text, "no reply code found; give a code such as 550 or "
	    "5.1.1, or a reply such as '550 5.1.1 text'");
}

/* Describe a reply's codes and write its record; return its status. */
static int
write_reply(struct sink *s, const struct smtpcode_reply *r)
{
	struct smtpcode_reply_view view;
	struct smtpcode_meaning meaning;
	int known;

	known = smtpcode_explain_reply(r, reply_codes, &meaning, &view);
	sink_record(s, SMTPCODE_RECORD_REPLY, &view);
	return known ? EXIT_EXPLAINED : EXIT_UNREGISTERED;
}

/*
 * Write a record for every reply in an argument, text (len bytes); a
 * line without a reply is an error (standard input goes by run_stdin).
 * Return the exit status.
 */
static int
run_replies(struct sink *s, const char *text, size_t len)
{
	const char *start;
	size_t used;
	int status, found;

	start = text;
	status = EXIT_EXPLAINED;
	found = 0;
	for (; (used = smtpcode_reply_parse(text, len, &reply)) > 0;
	    text += used, len -= used) {
		if (reply.source != SMTPCODE_SOURCE_NONE) {
			found++;
			status = max_status(status, write_reply(s, &reply));
		} else {
			no_reply(text);
			status = EXIT_TROUBLE;
		}
	}
	if (found == 0 && status == EXIT_EXPLAINED) {
		no_reply(start);
		status = EXIT_TROUBLE;
	}
	return status;
}

/* A reply of standard input read whole, its folded lines and all. */
static struct smtpcode_reply whole;

/* Where the records of standard input go, and how they went. */
struct records {
	struct sink	*sink;
	const char	*end;		/* the end of the text scanned */
	int		 status;
	size_t		 found;
};

/*
 * Write the record of a reply that the scan counted.  The scan reads a
 * line at a time; the reply's text is read again from its line with the
 * lines that go on (a folded Diagnostic-Code, "550-" lines), keeping
 * the codes and recipients that the scan gave it.  A reply of one line
 * keeps the scan's text, which holds a bounce paragraph's wrapped lines.
 */
/* Whether a reply was read from more than its first line. */
static int
more_lines(const struct smtpcode_reply *r)
{
	size_t n;

	n = r->line_len;
	if (n > 0 && r->line[n - 1] == '\n')
		n--;
	return memchr(r->line, '\n', n) != NULL;
}

static void
each_reply(void *arg, const struct smtpcode_reply *r)
{
	struct records *rec;

	rec = arg;
	reply = *r;
	if (r->line != NULL && smtpcode_reply_parse(r->line,
	    (size_t)(rec->end - r->line), &whole) > 0 &&
	    whole.source == r->source && whole.code == r->code &&
	    more_lines(&whole)) {
		memcpy(reply.text, whole.text, whole.text_len + 1);
		reply.text_len = whole.text_len;
		reply.truncated = whole.truncated;
		reply.incomplete = whole.incomplete;
		reply.line_len = whole.line_len;
	}
	rec->found++;
	rec->status = max_status(rec->status, write_reply(rec->sink, &reply));
}

/*
 * Write a record for every reply that standard input's text (len bytes)
 * gives by the rule of scan: a bounce's replies one per failed
 * recipient, from its delivery-status part if it has one, else from
 * its human part; a log's or a pasted reply's each.  Return the exit
 * status.
 */
static int
run_stdin(struct sink *s, const char *text, size_t len)
{
	struct records rec;

	rec.sink = s;
	rec.end = text + len;
	rec.status = EXIT_EXPLAINED;
	rec.found = 0;
	smtpcode_scan_init(&scanner, NULL);
	smtpcode_scan_each(&scanner, each_reply, &rec);
	smtpcode_scan_text(&scanner, text, len);
	if (rec.found == 0) {
		warnx("stdin: no reply code found");
		return EXIT_TROUBLE;
	}
	return rec.status;
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

/*
 * The kind of record an operand gives, or -1 if strict and it gives
 * only an error line: a malformed code, or text with no reply in it.
 */
static int
record_of(const char *arg, int strict)
{
	struct smtpcode_status st;
	size_t len, used;
	int code;

	len = strlen(arg);
	switch (arg_kind(arg)) {
	case ARG_STDIN:
		return SMTPCODE_RECORD_REPLY;
	case ARG_REPLY:
		for (; strict && (used = smtpcode_reply_parse(arg, len,
		    &reply)) > 0; arg += used, len -= used)
			if (reply.source != SMTPCODE_SOURCE_NONE)
				return SMTPCODE_RECORD_REPLY;
		return strict ? -1 : SMTPCODE_RECORD_REPLY;
	case ARG_STATUS:
		return !strict || smtpcode_parse_status(arg, len, 1, &st) ==
		    SMTPCODE_PARSE_OK ? SMTPCODE_RECORD_CODE : -1;
	default:
		return !strict || smtpcode_parse(arg, &code) ==
		    SMTPCODE_PARSE_OK ? SMTPCODE_RECORD_CODE : -1;
	}
}

/*
 * Which kinds of record the operands will give.  Junk gives none, so
 * that 550 N/A is a table of codes with an error, not a mixed table; if
 * all is junk, the operands are taken at their look, so that -f is
 * still checked.
 */
static void
operand_kinds(int argc, char *argv[], int *uses)
{
	int i, kind, strict;

	uses[SMTPCODE_RECORD_CODE] = uses[SMTPCODE_RECORD_REPLY] = 0;
	uses[SMTPCODE_RECORD_SCAN] = 0;
	for (strict = 1; strict >= 0; strict--) {
		for (i = 0; i < argc; i++)
			if ((kind = record_of(argv[i], strict)) != -1)
				uses[kind] = 1;
		if (uses[SMTPCODE_RECORD_CODE] || uses[SMTPCODE_RECORD_REPLY])
			break;
	}
}

/* smtpcode code|reply|- ...: a record for each. */
int
run_explain(const struct cli *cli, int argc, char *argv[])
{
	struct smtpcode_entry entry;
	struct sink sink;
	size_t len;
	int i, status, one, uses[3], given, split;

	operand_kinds(argc, argv, uses);
	if (sink_begin(&sink, cli, "explain", uses) == -1)
		return EXIT_TROUBLE;
	sink.lines = cli->brief;
	status = EXIT_EXPLAINED;
	given = split = 0;
	for (i = 0; i < argc; i++) {
		/* Words without a reply end the operands: a reply unquoted? */
		if (record_of(argv[i], 1) != -1) {
			given = 1;
			split = 0;
		} else if (given && arg_kind(argv[i]) == ARG_REPLY &&
		    strpbrk(argv[i], " \t\n") == NULL)
			split = 1;
		switch (arg_kind(argv[i])) {
		case ARG_STDIN:
			one = read_stdin(&len) == -1 ? EXIT_TROUBLE :
			    run_stdin(&sink, inbuf, len);
			break;
		case ARG_REPLY:
			one = run_replies(&sink, argv[i], strlen(argv[i]));
			break;
		default:
			if ((one = describe_arg(argv[i], &entry)) !=
			    EXIT_TROUBLE)
				sink_record(&sink, SMTPCODE_RECORD_CODE,
				    &entry);
			break;
		}
		status = max_status(status, one);
	}
	sink_end(&sink);
	if (split)
		warnx("the words after a code are operands of their own; to "
		    "explain a whole reply, quote it: smtpcode '550 5.1.1 "
		    "User unknown'");
	return status;
}

/* smtpcode compare code code ...: one difference page. */
int
run_compare(const struct cli *cli, int argc, char *argv[])
{
	struct smtpcode_entry entries[SMTPCODE_COMPARE_MAX];
	struct sink sink;
	int i, status, uses[3] = { 1, 0, 0 };

	if (argc < 2 || argc > SMTPCODE_COMPARE_MAX) {
		warnx("compare: give 2 to %d codes, not %d",
		    SMTPCODE_COMPARE_MAX, argc);
		return EXIT_USAGE;
	}
	status = EXIT_EXPLAINED;
	for (i = 0; i < argc; i++) {
		if (arg_kind(argv[i]) >= ARG_REPLY) {
			bad_arg("compare: ", argv[i], "not a code; compare "
			    "takes codes such as 550, 5.1.1 or X.1.1");
			status = EXIT_TROUBLE;
			continue;
		}
		status = max_status(status, describe_arg(argv[i],
		    &entries[i]));
	}
	if (status == EXIT_TROUBLE)
		return status;
	if (cli->field != NULL) {
		if (sink_begin(&sink, cli, "compare", uses) == -1)
			return EXIT_TROUBLE;
		for (i = 0; i < argc; i++)
			sink_record(&sink, SMTPCODE_RECORD_CODE,
			    &entries[i]);
		sink_end(&sink);
	} else if (writers[cli->format].compare != NULL)
		compare_write(cli->out.fp, entries, (size_t)argc,
		    writers[cli->format].compare);
	else
		smtpcode_render_compare(&cli->out, entries, (size_t)argc);
	return status;
}

/* Whether a code of the table is of the class --class asks for. */
static int
in_class(const struct smtpcode_entry *entry, int class_digit)
{
	if (class_digit == 0)
		return 1;
	if (entry->kind == SMTPCODE_BASIC)
		return entry->class_digit == class_digit;
	return (entry->classes & SMTPCODE_CLASS_BIT(class_digit)) != 0;
}

/* Whether text holds word, ignoring ASCII case. */
static int
has_word(const char *text, const char *word)
{
	size_t len;

	len = strlen(word);
	for (; *text != '\0'; text++)
		if (strncasecmp(text, word, len) == 0)
			return 1;
	return 0;
}

/* Whether the code's label, name or texts hold every word. */
static int
matches(const struct smtpcode_entry *entry, int argc, char *argv[])
{
	const char *texts[5];
	size_t k;
	int i, found;

	texts[0] = entry->label;
	texts[1] = entry->name;
	texts[2] = entry->description;
	texts[3] = entry->when;
	texts[4] = entry->fix;
	for (i = 0; i < argc; i++) {
		found = 0;
		for (k = 0; k < 5 && !found; k++)
			found = has_word(texts[k], argv[i]);
		if (!found)
			return 0;
	}
	return 1;
}

/*
 * Write every code of both tables that is in the class and holds every
 * word, in order: reply codes, then the registry.  Return how many.
 */
static size_t
write_table(struct sink *s, int argc, char *argv[])
{
	const struct smtpcode_entry *table;
	struct smtpcode_entry entry;
	struct smtpcode_status st;
	size_t i, count, found;

	found = 0;
	table = smtpcode_table(&count);
	for (i = 0; i < count; i++)
		if (in_class(&table[i], s->cli->class_digit) &&
		    matches(&table[i], argc, argv)) {
			sink_record(s, SMTPCODE_RECORD_CODE, &table[i]);
			found++;
		}
	table = smtpcode_status_table(&count);
	for (i = 0; i < count; i++) {
		if (!in_class(&table[i], s->cli->class_digit) ||
		    !matches(&table[i], argc, argv))
			continue;
		/* Under --class, the registry's X takes that class. */
		st.class_digit = s->cli->class_digit;
		st.subject = table[i].code / 1000;
		st.detail = table[i].code % 1000;
		smtpcode_describe_status(&st, &entry);
		sink_record(s, SMTPCODE_RECORD_CODE, &entry);
		found++;
	}
	return found;
}

/* smtpcode list: every code, a line each. */
int
run_list(const struct cli *cli, int argc, char *argv[])
{
	struct sink sink;
	int uses[3] = { 1, 0, 0 };

	if (argc > 0) {
		bad_arg("list: ", argv[0], "list takes no operands; to look "
		    "for words, use search");
		return EXIT_USAGE;
	}
	if (sink_begin(&sink, cli, "list", uses) == -1)
		return EXIT_TROUBLE;
	sink.lines = 1;
	write_table(&sink, 0, argv);
	sink_end(&sink);
	return EXIT_EXPLAINED;
}

/* smtpcode search word ...: the codes whose texts hold every word. */
int
run_search(const struct cli *cli, int argc, char *argv[])
{
	struct sink sink;
	int i, uses[3] = { 1, 0, 0 };

	if (argc == 0) {
		warnx("search: give one or more words to look for");
		return EXIT_USAGE;
	}
	for (i = 0; i < argc; i++)
		if (*argv[i] == '\0') {
			warnx("search: an empty word matches everything; "
			    "use list");
			return EXIT_USAGE;
		}
	if (sink_begin(&sink, cli, "search", uses) == -1)
		return EXIT_TROUBLE;
	sink.lines = 1;
	if (write_table(&sink, argc, argv) == 0) {
		sink_end(&sink);
		return EXIT_UNREGISTERED;
	}
	sink_end(&sink);
	return EXIT_EXPLAINED;
}

/* The scan in progress uses scanner, above; its rows are large too. */
static struct smtpcode_scan_row scan_rows[SMTPCODE_SCAN_SLOTS];
/* --recipients: the addresses, each once; 5 MB, touched only if asked. */
static struct smtpcode_recipients recipient_list;

/* A byte that a shell takes as it is, outside quotes. */
static int
is_shell_plain(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("%+,-./:=@_", c) != NULL;
}

/*
 * Say that an input is compressed, and give the command that reads it:
 * "try: zcat mail.log.2.gz | smtpcode scan", the name quoted for the
 * shell when it needs to be (and can be, without a quote inside).
 */
static void
compressed(const char *path, const char *command)
{
	const char *p, *quote;

	if (strcmp(path, "-") == 0) {
		warnx("stdin: compressed; try: %s | smtpcode scan", command);
		return;
	}
	quote = "";
	for (p = path; *p != '\0'; p++)
		if (!is_shell_plain((unsigned char)*p))
			quote = "'";
	if (*quote != '\0' && strchr(path, '\'') != NULL)
		quote = "";
	warnx("%s: compressed; try: %s %s%s%s | smtpcode scan", path,
	    command, quote, path, quote);
}

/*
 * Scan one operand: a file, or standard input for "-"; 0, or -1 when it
 * could not be read or is compressed.
 */
static int
scan_input(const char *path)
{
	int fd, saved, result;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		warn("%s", path);
		return -1;
	}
	result = smtpcode_scan_fd(&scanner, fd);
	saved = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	if (result == 1) {
		compressed(path, scanner.decompress);
		return -1;
	}
	if (result == -1) {
		errno = saved;
		warn("%s", strcmp(path, "-") == 0 ? "stdin" : path);
	}
	return result;
}

/*
 * --recipients: the addresses a line each, in the order first seen; on
 * stderr, how many did not fit, which a list for removing addresses
 * must not lose without a word.
 */
static void
list_recipients(int verdict)
{
	const char *a;
	size_t at;

	at = 0;
	while ((a = smtpcode_recipients_next(&recipient_list, &at)) != NULL)
		puts(a);
	if (recipient_list.more > 0)
		warnx("%llu more %saddresses than the list holds",
		    recipient_list.more, verdict == SMTPCODE_VERDICT_HARD ?
		    "hard-bounced " : "");
}

/*
 * Check the options scan takes together, and its -f: 0, or -1 after
 * saying what is wrong.
 */
static int
scan_options(const struct cli *cli)
{
	if ((cli->annotate || cli->recipients) && (cli->field != NULL ||
	    cli->format != SMTPCODE_FORMAT_TEXT || cli->nkeys > 0 ||
	    cli->texts > 0)) {
		warnx("scan: -f, -o, --by and --texts do not apply with -a or "
		    "-r");
		return -1;
	}
	if (cli->annotate && (cli->recipients || cli->verdict != -1 ||
	    cli->class_digit != 0 || cli->direction != -1)) {
		warnx("scan: -a notes every reply; -r, -c, --direction and "
		    "--verdict do not apply");
		return -1;
	}
	if (cli->field != NULL &&
	    field_of(SMTPCODE_RECORD_SCAN, cli->field) == -1)
		return -1;
	return 0;
}

static void
scan_record(void *sink, const struct smtpcode_scan_record *record)
{
	sink_record(sink, SMTPCODE_RECORD_SCAN, record);
}

/*
 * The summary: the text page, or its rows in the format asked for, or
 * one field of each.
 */
static void
summary(const struct cli *cli)
{
	struct sink sink;
	size_t n;
	int uses[3] = { 0, 0, 1 };

	n = smtpcode_scan_rows(&scanner, scan_rows);
	if (writers[cli->format].compare == NULL && cli->field == NULL)
		smtpcode_render_scan(&cli->out, &scanner, scan_rows, n);
	else if (sink_begin(&sink, cli, "scan", uses) == 0) {
		smtpcode_scan_walk(&scanner, scan_rows, n, scan_record, &sink);
		sink_end(&sink);
	}
	/* What the fixed tables could not hold is said, once. */
	if (scanner.other > 0)
		warnx("%llu counts past the %d groups the table holds; in the "
		    "other row", scanner.other, SMTPCODE_SCAN_GROUPS);
	if (scanner.texts_other > 0)
		warnx("%llu texts past the %d the table holds; not shown",
		    scanner.texts_other, SMTPCODE_SCAN_TEXTS);
}

/*
 * smtpcode scan [file ...]: count the replies in logs and bounces, or,
 * with --annotate, copy the input with a note after each reply, or,
 * with --recipients, list the replies' recipients.
 */
int
run_scan(const struct cli *cli, int argc, char *argv[])
{
	static char *const stdin_only[] = { "-", NULL };
	int i, status;

	if (scan_options(cli) == -1)
		return EXIT_USAGE;
	if (argc == 0) {
		argc = 1;
		argv = (char **)stdin_only;
	}
	smtpcode_scan_init(&scanner, cli->annotate ? stdout : NULL);
	smtpcode_scan_note(&scanner, smtpcode_render_note, stdout);
	if (cli->recipients)
		smtpcode_recipients_init(&recipient_list);
	smtpcode_scan_group_by(&scanner, cli->keys, cli->nkeys);
	smtpcode_scan_select(&scanner, cli->verdict, cli->recipients ?
	    &recipient_list : NULL);
	smtpcode_scan_filter(&scanner, cli->class_digit, cli->direction,
	    cli->texts);
	status = EXIT_EXPLAINED;
	for (i = 0; i < argc && !ferror(stdout); i++)
		if (scan_input(argv[i]) == -1)
			status = EXIT_TROUBLE;
	if (cli->recipients)
		list_recipients(cli->verdict);
	else if (!cli->annotate)
		summary(cli);
	/*
	 * No reply found: 1, as grep says of no match; unless the copy
	 * stopped early, its reader gone, before the input was all read.
	 */
	if (status == EXIT_EXPLAINED && scanner.replies == 0 &&
	    !ferror(stdout))
		status = EXIT_UNREGISTERED;
	return status;
}
