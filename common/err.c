// SPDX-License-Identifier: GPL-2.0-or-later
/* err.c - the error record of common/. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

int nsk_err_set(struct nsk_err *e, int err, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		va_start(ap, fmt);
		vsnprintf(e->what, sizeof(e->what), fmt, ap);
		va_end(ap);
		e->hint = NULL;
	}
	return err < 0 ? err : -err;
}

const char *nsk_ret_str(int r)
{
	static char buf[96];

	if (r >= 0)
		snprintf(buf, sizeof(buf), "%d", r);
	else
		snprintf(buf, sizeof(buf), "-1 %s (%s)",
			 strerrorname_np(-r) ? strerrorname_np(-r) : "", strerror(-r));
	return buf;
}
