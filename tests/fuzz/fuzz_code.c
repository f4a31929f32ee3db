/* SPDX-License-Identifier: ISC */
/* fuzz_code.c -- libFuzzer target: parsing and describing codes */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"

/*
 * Any bytes, as a basic code and as an enhanced code (with and without
 * X): parsing must not fault, and what parses must describe, and its
 * label must read back as the same code.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpcode_entry entry, again;
	struct smtpcode_status st;
	char text[64];
	int code, allow_x;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (smtpcode_parse(text, &code) == SMTPCODE_PARSE_OK) {
		if (smtpcode_describe(code, &entry) < 0)
			abort();
		if (smtpcode_parse(entry.label, &code) != SMTPCODE_PARSE_OK ||
		    code != entry.code)
			abort();
	}
	for (allow_x = 0; allow_x <= 1; allow_x++) {
		if (smtpcode_parse_status(text, size, allow_x, &st) !=
		    SMTPCODE_PARSE_OK)
			continue;
		if (smtpcode_describe_status(&st, &entry) < 0)
			abort();
		/* The label is the canonical form: it parses to the same. */
		if (smtpcode_parse_status(entry.label, strlen(entry.label), 1,
		    &st) != SMTPCODE_PARSE_OK ||
		    smtpcode_describe_status(&st, &again) < 0 ||
		    strcmp(again.label, entry.label) != 0)
			abort();
	}
	return 0;
}
