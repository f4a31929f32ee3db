/* SPDX-License-Identifier: ISC */
/* completion.c -- shell completion scripts, made from the program's tables */

#include <stdio.h>
#include <string.h>

#include "scan.h"

/* What a script completes, as the caller's tables give it. */
struct words {
	const char *const *commands;
	size_t		 ncommands;
	const struct smtpcode_option *options;
	size_t		 noptions;
};

/* Every code smtpcode knows, as words: 550, X.1.1, 4.1.1, 5.1.1. */
static void
put_codes(FILE *fp)
{
	const struct smtpcode_entry *table;
	size_t i, count;
	int digit;

	table = smtpcode_table(&count);
	for (i = 0; i < count; i++)
		fprintf(fp, "%s%s", i > 0 ? " " : "", table[i].label);
	table = smtpcode_status_table(&count);
	for (i = 0; i < count; i++) {
		fprintf(fp, " %s", table[i].label);
		for (digit = 2; digit <= 5; digit++)
			if (table[i].classes & SMTPCODE_CLASS_BIT(digit))
				fprintf(fp, " %d%s", digit, table[i].label + 1);
	}
}

/* The field names of every kind of record, each once. */
static void
put_fields(FILE *fp)
{
	const char *name;
	size_t i, n;
	int record, before;

	for (record = SMTPCODE_RECORD_CODE; record <= SMTPCODE_RECORD_SCAN;
	    record++) {
		n = smtpcode_field_count(record);
		for (i = 0; i < n; i++) {
			name = smtpcode_field_name(record, i);
			for (before = 0; before < record; before++)
				if (smtpcode_field_index(before, name) != -1)
					break;
			if (before == record)
				fprintf(fp, "%s%s", record > 0 || i > 0 ?
				    " " : "", name);
		}
	}
}

static void
put_commands(FILE *fp, const struct words *w)
{
	size_t i;

	for (i = 0; i < w->ncommands; i++)
		fprintf(fp, "%s%s", i > 0 ? " " : "", w->commands[i]);
}

/* The words an option's value may be: its own list, or the fields. */
static void
put_values(FILE *fp, const struct smtpcode_option *o)
{
	if (o->values != NULL)
		fputs(o->values, fp);
	else if (strcmp(o->name, "field") == 0)
		put_fields(fp);
}

/*
 * Whether the option has a short form: not --color, nor one whose
 * letter is only getopt_long's value (below '!').
 */
static int
has_letter(const struct smtpcode_option *o)
{
	return o->letter > ' ' && strcmp(o->name, "color") != 0;
}

/* s in single quotes for fish, whose quotes take \' inside. */
static void
fish_quoted(FILE *fp, const char *s)
{
	putc('\'', fp);
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			putc('\\', fp);
		putc(*s, fp);
	}
	putc('\'', fp);
}

/* The letters of the short options that take no value, or do: "ahV". */
static void
put_letters(FILE *fp, const struct words *w, int with_value)
{
	size_t i;

	for (i = 0; i < w->noptions; i++)
		if (has_letter(&w->options[i]) &&
		    (w->options[i].arg != NULL) == with_value)
			putc(w->options[i].letter, fp);
}

/*
 * bash: _smtpcode_values prints the words an option's value may be, or
 * fails for an option that takes none; _smtpcode completes a value in
 * any of its forms (-o json, -ao json, --format json, --format=json,
 * which bash splits at '=' into three words), an option, or an operand:
 * files after scan, wherever the options stand.
 */
static void
bash(FILE *fp, const struct words *w)
{
	const struct smtpcode_option *o;
	size_t i;

	fputs("# bash completion for smtpcode, made by 'smtpcode completion "
	    "bash'\n\n# The words the value of option $1 may be; fails if it "
	    "takes none.\n_smtpcode_values()\n{\n\tcase $1 in\n", fp);
	for (i = 0; i < w->noptions; i++) {
		o = &w->options[i];
		if (o->arg == NULL)
			continue;
		putc('\t', fp);
		if (has_letter(o)) {
			fprintf(fp, "-%c|-[", o->letter);
			put_letters(fp, w, 0);
			fprintf(fp, "]*%c|", o->letter);
		}
		fprintf(fp, "--%s)\n\t\techo '", o->name);
		put_values(fp, o);
		fputs("';;\n", fp);
	}
	fputs("\t*)\n\t\treturn 1;;\n\tesac\n}\n\n_smtpcode()\n{\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]}\n"
	    "\tlocal prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\tlocal i=1 command= words\n\n"
	    "\t# --name=value, split at '=' by bash: '=' is the current word\n"
	    "\t# or the one before it.\n"
	    "\tif [ \"$cur\" = = ] && words=$(_smtpcode_values \"$prev\"); "
	    "then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$words\"))\n\t\treturn\n\tfi\n"
	    "\tif [ \"$prev\" = = ] &&\n"
	    "\t    words=$(_smtpcode_values \"${COMP_WORDS[COMP_CWORD-2]}\"); "
	    "then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
	    "\t\treturn\n\tfi\n"
	    "\t# A value in the next word; --color takes one only after '='.\n"
	    "\tif [ \"$prev\" != --color ] && "
	    "words=$(_smtpcode_values \"$prev\"); then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
	    "\t\treturn\n\tfi\n"
	    "\tcase $cur in\n\t--*=*)\n"
	    "\t\t# --name=value in one word, when '=' does not split.\n"
	    "\t\twords=$(_smtpcode_values \"${cur%%=*}\") &&\n"
	    "\t\t    COMPREPLY=($(compgen -P \"${cur%%=*}=\" -W \"$words\" "
	    "-- \"${cur#*=}\"))\n\t\treturn;;\n"
	    "\t-*)\n\t\tCOMPREPLY=($(compgen -W '", fp);
	for (i = 0; i < w->noptions; i++) {
		o = &w->options[i];
		if (has_letter(o))
			fprintf(fp, "-%c ", o->letter);
		fprintf(fp, "--%s%s", o->name, i + 1 < w->noptions ? " " : "");
	}
	fputs("' -- \"$cur\"))\n\t\treturn;;\n\tesac\n\n"
	    "\t# The command is the first operand, past options and values.\n"
	    "\twhile [ \"$i\" -lt \"$COMP_CWORD\" ]; do\n"
	    "\t\tcase ${COMP_WORDS[i]} in\n"
	    "\t\t--)\n\t\t\ti=$((i + 1))\n"
	    "\t\t\t[ \"$i\" -lt \"$COMP_CWORD\" ] && "
	    "command=${COMP_WORDS[i]}\n\t\t\tbreak;;\n"
	    "\t\t-?*)\n"
	    "\t\t\tif [ \"${COMP_WORDS[i+1]}\" = = ]; then\n"
	    "\t\t\t\ti=$((i + 3))\n"
	    "\t\t\telif [ \"${COMP_WORDS[i]}\" != --color ] &&\n"
	    "\t\t\t    _smtpcode_values \"${COMP_WORDS[i]}\" >/dev/null; then\n"
	    "\t\t\t\ti=$((i + 2))\n"
	    "\t\t\telse\n\t\t\t\ti=$((i + 1))\n\t\t\tfi;;\n"
	    "\t\t*)\n\t\t\tcommand=${COMP_WORDS[i]}\n\t\t\tbreak;;\n"
	    "\t\tesac\n\tdone\n"
	    "\tcase $command in\n\t'')\n\t\tCOMPREPLY=($(compgen -W '", fp);
	put_commands(fp, w);
	putc(' ', fp);
	put_codes(fp);
	fputs("' -- \"$cur\"));;\n\tscan)\n"
	    "\t\t# As file names: quoted, and a directory ends in '/'.\n"
	    "\t\tcompopt -o filenames 2>/dev/null\n"
	    "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"));;\n"
	    "\tcompletion)\n"
	    "\t\tif [ \"$i\" -eq $((COMP_CWORD - 1)) ]; then\n"
	    "\t\t\tCOMPREPLY=($(compgen -W 'bash zsh fish' -- \"$cur\"))\n"
	    "\t\tfi;;\n"
	    "\t*)\n\t\tCOMPREPLY=($(compgen -W '", fp);
	put_codes(fp);
	fputs("' -- \"$cur\"));;\n\tesac\n}\n"
	    "complete -F _smtpcode smtpcode\n", fp);
}

/*
 * A zsh or fish script: its head, the commands, what comes between,
 * the codes, what follows, a line (or clause) an option, and its tail.
 */
struct script {
	const char	*head, *between, *after;
	void		(*option)(FILE *, const struct smtpcode_option *);
	const char	*tail;
};

static void
put_script(FILE *fp, const struct words *w, const struct script *sc)
{
	size_t i;

	fputs(sc->head, fp);
	put_commands(fp, w);
	fputs(sc->between, fp);
	put_codes(fp);
	fputs(sc->after, fp);
	for (i = 0; i < w->noptions; i++)
		sc->option(fp, &w->options[i]);
	fputs(sc->tail, fp);
}

static void
zsh_option(FILE *fp, const struct smtpcode_option *o)
{
	if (!has_letter(o) && o->letter > ' ')
		fprintf(fp, "\t    '--%s=-[%s]::%s:(", o->name, o->name,
		    o->arg);
	else if (!has_letter(o))
		fprintf(fp, "\t    '--%s=[%s]:%s:(", o->name, o->name, o->arg);
	else if (o->arg == NULL)
		fprintf(fp, "\t    '(-%c --%s)'{-%c,--%s}'[%s]' \\\n",
		    o->letter, o->name, o->letter, o->name, o->name);
	else
		fprintf(fp, "\t    '(-%c --%s)'{-%c,--%s}'[%s]:%s:(",
		    o->letter, o->name, o->letter, o->name, o->name, o->arg);
	if (o->arg == NULL)
		return;
	put_values(fp, o);
	fputs(")' \\\n", fp);
}

static const struct script zsh = {
	"#compdef smtpcode\n# zsh completion for smtpcode, made by "
	"'smtpcode completion zsh'\n_smtpcode()\n{\n"
	"\tlocal -a commands codes\n\tcommands=(",
	")\n\tcodes=(",
	")\n\t_arguments -s \\\n",
	zsh_option,
	"\t    '*::operand:->operands'\n"
	"\tif [[ $state == operands ]]; then\n"
	"\t\tif (( CURRENT == 1 )); then\n"
	"\t\t\tcompadd -a commands codes\n"
	"\t\telif [[ ${words[1]} == completion ]]; then\n"
	"\t\t\tcompadd bash zsh fish\n"
	"\t\telif [[ ${words[1]} == scan ]]; then\n"
	"\t\t\t_files\n"
	"\t\telse\n\t\t\tcompadd -a codes\n\t\tfi\n\tfi\n}\n"
	"_smtpcode \"$@\"\n"
};

static void
fish_option(FILE *fp, const struct smtpcode_option *o)
{
	fputs("complete -c smtpcode", fp);
	if (has_letter(o))
		fprintf(fp, " -s %c", o->letter);
	fprintf(fp, " -l %s", o->name);
	if (o->arg != NULL) {
		fputs(" -x -a '", fp);
		put_values(fp, o);
		putc('\'', fp);
	}
	fputs(" -d ", fp);
	fish_quoted(fp, o->help);
	putc('\n', fp);
}

static const struct script fish = {
	"# fish completion for smtpcode, made by 'smtpcode completion "
	"fish'\ncomplete -c smtpcode -f\n"
	"complete -c smtpcode -n __fish_use_subcommand -a '",
	"'\ncomplete -c smtpcode -n '__fish_seen_subcommand_from "
	"completion' -a 'bash zsh fish'\ncomplete -c smtpcode -n "
	"'__fish_seen_subcommand_from scan' -F\n"
	"complete -c smtpcode -n 'not __fish_seen_subcommand_from scan' "
	"-a '",
	"'\n",
	fish_option,
	""
};

/*
 * Write the completion script for shell ("bash", "zsh" or "fish") of a
 * program with these commands and options; the codes and field names
 * come from the tables, so the script cannot drift from the program.
 * Return -1 for a shell it does not know, 0 otherwise.
 */
int
smtpcode_completion(FILE *fp, const char *shell,
    const char *const *commands, size_t ncommands,
    const struct smtpcode_option *options, size_t noptions)
{
	struct words w;

	w.commands = commands;
	w.ncommands = ncommands;
	w.options = options;
	w.noptions = noptions;
	if (strcmp(shell, "bash") == 0)
		bash(fp, &w);
	else if (strcmp(shell, "zsh") == 0)
		put_script(fp, &w, &zsh);
	else if (strcmp(shell, "fish") == 0)
		put_script(fp, &w, &fish);
	else
		return -1;
	return ferror(fp) ? -1 : 0;
}
