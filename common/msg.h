/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * msg.h - what a tool says: one line "PROG: what failed: why" on stderr, at
 * most one hint, usage errors, and the -v trace in system-call words.
 * Only the tools call these; the rest of common/ returns -errno.
 */
#ifndef NSK_MSG_H
#define NSK_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>

#include "err.h"

extern const char *nsk_prog;
extern bool nsk_verbose;

/* Sets nsk_prog from argv[0]. */
void nsk_msg_init(const char *argv0);

/* "PROG: <fmt>" */
__attribute__((format(printf, 1, 2))) void nsk_warnx(const char *fmt, ...);

/* "PROG: <fmt>: strerror(ERR)", ERR positive or negative. */
__attribute__((format(printf, 2, 3))) void nsk_warn_err(int err, const char *fmt, ...);

/* "PROG: hint: <fmt>" */
__attribute__((format(printf, 1, 2))) void nsk_hint(const char *fmt, ...);

/* nsk_warn_err(), then exit STATUS. */
__attribute__((format(printf, 3, 4))) noreturn void nsk_die_err(int status, int err,
							  const char *fmt, ...);

/* nsk_warnx(), then exit STATUS. */
__attribute__((format(printf, 2, 3))) noreturn void nsk_diex(int status, const char *fmt, ...);

/* "PROG: <fmt>" then "Try 'PROG --help' for more information.", exit STATUS. */
__attribute__((format(printf, 2, 3))) noreturn void nsk_usage_err(int status, const char *fmt,
								 ...);

/* The one message of a failed step of common/: "PROG: <E->what>: strerror(ERR)",
 * then E's hint if it has one. */
void nsk_warn_rec(int err, const struct nsk_err *e);

/* nsk_warn_rec(), then exit STATUS. */
noreturn void nsk_die_rec(int status, int err, const struct nsk_err *e);

/* With -v: "PROG: <fmt>" on stderr, in the words of the system call. */
__attribute__((format(printf, 1, 2))) void nsk_trace(const char *fmt, ...);

/* A flag of a system call and its name, for the -v trace. */
struct nsk_bitname {
	unsigned long long bit;
	const char *name;
};

/* Writes FLAGS as "NAME|NAME|0x..." after the N entries of NAMES into BUF
 * (at most LEN bytes, always terminated), "0" when FLAGS is 0. Returns BUF. */
const char *nsk_bits_str(const struct nsk_bitname *names, size_t n, unsigned long long flags,
			 char *buf, size_t len);

/* Prints "PROG VERSION (nskit)" on stdout and exits 0. */
noreturn void nsk_print_version(void);

/* The hint for a permission error on a namespace operation: which capability
 * is missing (CAP) and in which user namespace. Prints nothing when ERR is not
 * EPERM/EACCES. */
void nsk_hint_perm(int err, const char *cap, const char *where);

#endif
