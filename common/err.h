/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * err.h - the small caller-owned error record of common/: a function that
 * does several steps returns -errno and says here which step failed, so that
 * the tool can print one line "PROG: <what>: strerror(-ret)" and a hint.
 */
#ifndef NSK_ERR_H
#define NSK_ERR_H

struct nsk_err {
	char what[256];	  /* "cannot write /proc/4321/uid_map", or a usage message */
	const char *hint; /* at most one hint, or NULL */
};

/*
 * Records WHAT (printf format) in E, which may be NULL, and clears the hint.
 * Returns -ERR (ERR may be given positive or negative), so that a caller can
 * write `return nsk_err_set(e, errno, "cannot open %s", path);`.
 */
__attribute__((format(printf, 3, 4))) int nsk_err_set(struct nsk_err *e, int err, const char *fmt,
						      ...);

/* The result R (0 or -errno) of a call as -v shows it: "0", or "-1 EPERM
 * (Operation not permitted)". Returns a static buffer. */
const char *nsk_ret_str(int r);

/* Sets the hint of E (which may be NULL). */
static inline void nsk_err_hint(struct nsk_err *e, const char *hint)
{
	if (e)
		e->hint = hint;
}

#endif
