// SPDX-License-Identifier: GPL-2.0-or-later
/* msg.c - messages of the tools. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

const char *nsk_prog = "nskit";
bool nsk_verbose;

void nsk_msg_init(const char *argv0)
{
	const char *slash;

	if (!argv0 || !*argv0)
		return;
	slash = strrchr(argv0, '/');
	nsk_prog = slash ? slash + 1 : argv0;
}

static void vmsg(const char *prefix, int err, const char *fmt, va_list ap)
{
	/* One write, so that lines of several processes do not interleave. */
	char what[4096], line[4096 + 256];
	const unsigned char *p = (const unsigned char *)what;
	int w = vsnprintf(what, sizeof(what), fmt, ap);
	size_t n;

	if (w < 0)
		return;
	n = (size_t)snprintf(line, 128, "%.100s: %s", nsk_prog, prefix);
	if (n >= 128)
		n = 127;
	/*
	 * One line, whatever the names in it hold: a newline or another
	 * control character (a file or pin name, a comm) is escaped, and an
	 * overlong name (PATH_MAX+1) is cut short with "..." so that the
	 * reason still ends the line.
	 */
	for (; *p && n < sizeof(what); p++) {
		if (*p == '\n') {
			line[n++] = '\\';
			line[n++] = 'n';
		} else if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
			n += (size_t)snprintf(line + n, 5, "\\x%02x", *p);
		} else {
			line[n++] = (char)*p;
		}
	}
	if (*p || (size_t)w >= sizeof(what)) {
		memcpy(line + n, "...", 3);
		n += 3;
	}
	if (err)
		n += (size_t)snprintf(line + n, sizeof(line) - n - 1, ": %s",
				      strerror(err < 0 ? -err : err));
	if (n > sizeof(line) - 1)
		n = sizeof(line) - 1;
	line[n++] = '\n';
	fflush(stdout);
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void nsk_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", 0, fmt, ap);
	va_end(ap);
}

void nsk_warn_err(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", err, fmt, ap);
	va_end(ap);
}

void nsk_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("hint: ", 0, fmt, ap);
	va_end(ap);
}

void nsk_die_err(int status, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", err, fmt, ap);
	va_end(ap);
	exit(status);
}

void nsk_diex(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void nsk_usage_err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", nsk_prog);
	exit(status);
}

void nsk_warn_rec(int err, const struct nsk_err *e)
{
	nsk_warn_err(err, "%s", e->what);
	if (e->hint)
		nsk_hint("%s", e->hint);
}

void nsk_die_rec(int status, int err, const struct nsk_err *e)
{
	nsk_warn_rec(err, e);
	exit(status);
}

void nsk_trace(const char *fmt, ...)
{
	va_list ap;

	if (!nsk_verbose)
		return;
	va_start(ap, fmt);
	vmsg("", 0, fmt, ap);
	va_end(ap);
}

const char *nsk_bits_str(const struct nsk_bitname *names, size_t n, unsigned long long flags,
			 char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!(flags & names[i].bit))
			continue;
		flags &= ~names[i].bit;
		used += snprintf(buf + used, used < len ? len - used : 0, "%s%s", used ? "|" : "",
				 names[i].name);
	}
	if (flags)
		used += snprintf(buf + used, used < len ? len - used : 0, "%s%#llx",
				 used ? "|" : "", flags);
	if (!used)
		snprintf(buf, len, "0");
	return buf;
}

void nsk_print_version(void)
{
	printf("%s %s (%s)\n", nsk_prog, PACKAGE_VERSION, PACKAGE_NAME);
	exit(EXIT_SUCCESS);
}

void nsk_hint_perm(int err, const char *cap, const char *where)
{
	if (err < 0)
		err = -err;
	if (err != EPERM && err != EACCES)
		return;
	if (geteuid() != 0)
		nsk_hint("this needs %s in %s; run as root, or inside a user namespace "
			 "that you own (e.g. nsunshare -r)",
			 cap, where);
	else
		nsk_hint("this needs %s in %s, which the caller lacks there", cap, where);
}
