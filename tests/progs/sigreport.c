// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sigreport [FILE] - report every signal received, one name a line, on FILE
 * (or stdout); print "ready" first; exit 100+N on SIGTERM (N = its number) so
 * that a test can tell the signal arrived and the status came back.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	FILE *out = argc > 1 ? fopen(argv[1], "a") : stdout;
	sigset_t set;
	int sig;

	if (!out)
		return 1;
	sigfillset(&set);
	sigdelset(&set, SIGKILL);
	sigdelset(&set, SIGSTOP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fprintf(out, "ready\n");
	fflush(out);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			return 1;
		fprintf(out, "%s\n", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
		fflush(out);
		if (sig == SIGTERM)
			return 100 + sig;
	}
}
