// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-nsjoin PID TYPES CMD... - the least a tool can do for
 * `nsjoin -t PID -a CMD`: pidfd_open(PID), one setns(pidfd, mask) with the
 * types that differ (TYPES, unshare's letters "muinpUCT", worked out by the
 * caller), fork (a pid namespace takes only children), exec CMD, wait.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

int main(int argc, char **argv)
{
	int flags = 0, status, pidfd;
	pid_t pid;

	if (argc < 4)
		return 125;
	for (const char *c = argv[2]; *c; c++)
		flags |= *c == 'm'   ? CLONE_NEWNS
			 : *c == 'u' ? CLONE_NEWUTS
			 : *c == 'i' ? CLONE_NEWIPC
			 : *c == 'n' ? CLONE_NEWNET
			 : *c == 'p' ? CLONE_NEWPID
			 : *c == 'U' ? CLONE_NEWUSER
			 : *c == 'C' ? CLONE_NEWCGROUP
			 : *c == 'T' ? CLONE_NEWTIME
				     : 0;
	pidfd = (int)syscall(SYS_pidfd_open, atoi(argv[1]), 0);
	if (pidfd < 0 || setns(pidfd, flags) < 0)
		return 125;
	close(pidfd);
	pid = fork();
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 125;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
