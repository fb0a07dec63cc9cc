// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nodump FIFO - become non-dumpable (PR_SET_DUMPABLE 0, as a process that
 * changed its credentials without exec is), then enter new user and UTS
 * namespaces with hostname "nodump", say "ready" on FIFO and wait for a
 * signal. A fixture for joining a target that only CAP_SYS_PTRACE may read.
 */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int f;

	if (argc != 2) {
		fprintf(stderr, "usage: nodump FIFO\n");
		return 2;
	}
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 || unshare(CLONE_NEWUSER | CLONE_NEWUTS) < 0) {
		perror("nodump");
		return 1;
	}
	/* The new user namespace has no uid map: we are its nobody, with
	 * every capability in it, enough to set its hostname. */
	if (sethostname("nodump", 6) < 0) {
		perror("sethostname");
		return 1;
	}
	f = open(argv[1], O_WRONLY);
	if (f < 0 || write(f, "ready\n", 6) != 6)
		return 1;
	close(f);
	pause();
	return 0;
}
