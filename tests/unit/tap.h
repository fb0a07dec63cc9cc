/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tap.h - the few lines of TAP that the C unit tests print. */
#ifndef NSK_TEST_TAP_H
#define NSK_TEST_TAP_H

#include <stdio.h>

static int tap_tests, tap_failures;

/* One test: "ok N - WHAT" or "not ok N - WHAT". */
static inline void ok(int cond, const char *what)
{
	tap_tests++;
	if (!cond)
		tap_failures++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_tests, what);
}

/* The plan, last; the exit status of the test program. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_tests);
	return tap_failures ? 1 : 0;
}

#endif
