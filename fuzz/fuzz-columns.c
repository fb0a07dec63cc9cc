// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-columns - column lists (-o COLS, -o +COLS, --output-all) and the table
 * that they select, filled with the same text and printed in the format that
 * the first byte picks (JSON, raw, list, tree), to /dev/null.
 */
#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "output.h"

/* Columns like those of nsls: numbers, strings, lists, a wrapping one. */
static const struct nsk_col cols[] = {
	{"NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "inode"},
	{"TYPE", 5, 0, SCOLS_JSON_STRING, "type"},
	{"PATH", 0.5, SCOLS_FL_NOEXTREMES, SCOLS_JSON_STRING, "path"},
	{"COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "command"},
	{"NSFS", 0, SCOLS_FL_WRAP, SCOLS_JSON_ARRAY_STRING, "mounts"},
	{"HOLDERS", 0, SCOLS_FL_WRAP, SCOLS_JSON_ARRAY_STRING, "holders"},
	{"SAME", 4, 0, SCOLS_JSON_BOOLEAN, "same"},
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsk_out o = NSK_OUT_INIT(cols, NCOLS, "namespaces");
	const char *bad = NULL;
	unsigned int fmt;
	char *s;
	int r;

	if (size < 1)
		return 0;
	fmt = data[0];
	s = fuzz_str(data + 1, size - 1);
	o.json = fmt & 1;
	o.raw = fmt & 2;
	o.list = fmt & 4;
	o.noheadings = fmt & 8;
	o.all = (fmt & 0x70) == 0x70;
	o.notrunc = fmt & 0x10;
	o.nowrap = fmt & 0x20;
	o.outarg = (fmt & 0x80) ? s : NULL;

	r = nsk_out_columns(&o, (fmt & 0x80) ? "NS,TYPE,PATH" : s, &bad);
	if (r == -EINVAL) {
		FUZZ_ASSERT(bad && strlen(bad) < 64);
	} else if (r == 0) {
		struct libscols_line *ln, *child;
		const char *items[3] = {s, "", s};

		FUZZ_ASSERT(o.nids > 0 && o.nids <= NSK_OUT_MAXCOLS);
		for (size_t i = 0; i < o.nids; i++)
			FUZZ_ASSERT(o.ids[i] >= 0 && (size_t)o.ids[i] < NCOLS);
		if (fmt & 0x40)
			nsk_out_tree(&o, nsk_out_col_id(&o, "PATH"));
		FUZZ_ASSERT(nsk_out_start(&o) == 0);
		ln = nsk_out_line(&o, NULL);
		child = nsk_out_line(&o, ln);
		FUZZ_ASSERT(ln && child);
		for (size_t i = 0; i < NCOLS; i++) {
			if (cols[i].json == SCOLS_JSON_ARRAY_STRING) {
				FUZZ_ASSERT(nsk_out_set_list(&o, ln, (int)i, items, 3) == 0);
			} else if (cols[i].json == SCOLS_JSON_NUMBER) {
				FUZZ_ASSERT(nsk_out_setf(&o, ln, (int)i, "%zu", strlen(s)) == 0);
			} else if (cols[i].json == SCOLS_JSON_BOOLEAN) {
				FUZZ_ASSERT(nsk_out_set(&o, ln, (int)i, *s ? "true" : "false") == 0);
			} else {
				FUZZ_ASSERT(nsk_out_set(&o, ln, (int)i, s) == 0);
				FUZZ_ASSERT(nsk_out_set(&o, child, (int)i, s) == 0);
			}
		}
		FUZZ_ASSERT(nsk_out_print(&o) == 0);
		nsk_out_free(&o);
	} else {
		FUZZ_ASSERT(r == -E2BIG);
	}
	free(s);
	return 0;
}
