/* SPDX-License-Identifier: ISC */
/* cli.h -- what main.c and run.c, the command line's two halves, share */

#ifndef SMTPCODE_CLI_H
#define SMTPCODE_CLI_H

#include "scan.h"

/* Exit statuses, the contract documented in smtpcode(1). */
enum status {
	EXIT_EXPLAINED = 0,	/* every code is one an RFC defines */
	EXIT_UNREGISTERED = 1,	/* a well-formed code no RFC defines */
	EXIT_TROUBLE = 2,	/* usage, malformed code or I/O error */
	EXIT_USAGE = -1		/* a run_* result: print the usage line */
};

/* The options every command takes. */
struct cli {
	struct smtpcode_out out;	/* stdout, -w and --color */
	enum smtpcode_format format;
	const char	*field;		/* --field, or NULL */
	int		 class_digit;	/* --class, 0 for every class */
	int		 annotate;	/* --annotate, for scan */
	int		 recipients;	/* --recipients, for scan */
	int		 verdict;	/* --verdict, for scan; -1: any */
	int		 brief;		/* --brief: a line a code or reply */
	int		 nkeys;		/* --by: how many keys, 0 for none */
	enum smtpcode_scan_key keys[SMTPCODE_NKEYS];
	int		 direction;	/* --direction, for scan; -1: any */
	int		 texts;		/* --texts, for scan; 0: none */
};

/* Bytes of an argument shown in an error message before it is cut. */
#define SHOWN_MAX	24

/* main.c */
const char *nearest(const char *, const char *const *, size_t);

/* run.c */
void	show_arg(char *, size_t, const char *);
int	run_explain(const struct cli *, int, char *[]);
int	run_compare(const struct cli *, int, char *[]);
int	run_list(const struct cli *, int, char *[]);
int	run_search(const struct cli *, int, char *[]);
int	run_scan(const struct cli *, int, char *[]);

#endif /* SMTPCODE_CLI_H */
