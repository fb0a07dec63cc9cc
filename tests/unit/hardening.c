// SPDX-License-Identifier: GPL-2.0-or-later
/* hardening - TAP regression tests of what the fuzzers and the hostile-input
 * matrix found in common/, one test per bug. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "idmap.h"
#include "nstype.h"
#include "output.h"
#include "tap.h"


/* fuzz-types: "net," read 3 bytes past the end of the list when it named
 * the bad word. */
static void test_types_trailing_comma(void)
{
	unsigned int mask;
	const char *bad = NULL;

	ok(nsk_types_parse("net,", &mask, &bad) == -EINVAL && bad && strcmp(bad, "") == 0,
	   "a trailing comma names an empty word, read within the list");
	ok(nsk_types_parse("uts,nett", &mask, &bad) == -EINVAL && strcmp(bad, "nett") == 0,
	   "the unknown word is still named");
}

/* fuzz-columns: -o '' selected no column, and libsmartcols refused to print
 * ("cannot print the table: Invalid argument"). */
static void test_columns_empty(void)
{
	static const struct nsk_col cols[] = {
		{"NS", 10, 0, SCOLS_JSON_NUMBER, "inode"},
		{"TYPE", 5, 0, SCOLS_JSON_STRING, "type"},
	};
	struct nsk_out o = NSK_OUT_INIT(cols, 2, "namespaces");
	const char *bad = NULL;

	o.outarg = "";
	ok(nsk_out_columns(&o, "NS,TYPE", &bad) == -EINVAL && bad && !*bad,
	   "-o '' is refused as a column list");
	o.outarg = ",";
	ok(nsk_out_columns(&o, "NS,TYPE", &bad) == -EINVAL, "-o , is refused");
	o.outarg = "+";
	ok(nsk_out_columns(&o, "NS,TYPE", &bad) == 0 && o.nids == 2, "-o + keeps the defaults");
	o.outarg = "type";
	ok(nsk_out_columns(&o, "NS", &bad) == 0 && o.nids == 1 && o.ids[0] == 1,
	   "column names are case-insensitive");
}

/* A --map-user line and NSK_IDMAP_MAX --map-users ranges wrote one range past
 * the end of the uid list (into the gid list) before saying "too many". */
static void test_idmap_too_many(void)
{
	static struct nsk_idmap m;
	struct nsk_err e = {.hint = NULL};
	char buf[32];
	int r = 0;

	r = nsk_idmap_opt(&m, NSK_OPT_MAP_USER, "5", &e);
	for (int i = 0; i < NSK_IDMAP_MAX && r >= 0; i++) {
		snprintf(buf, sizeof(buf), "%d:%d:1", 100 + i, 100000 + i);
		r = nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, buf, &e);
	}
	ok(r == 1 && m.users.n == NSK_IDMAP_MAX, "340 ranges are taken");
	m.gid.n = 0;
	r = nsk_idmap_finish(&m, &e);
	ok(r == -E2BIG && strstr(e.what, "too many --map-users"), "a 341st line is refused");
	ok(m.gid.n == 0 && m.uid.n <= NSK_IDMAP_MAX, "and nothing was written past the uid list");
}

int main(void)
{
	test_types_trailing_comma();
	test_columns_empty();
	test_idmap_too_many();
	return tap_done();
}
