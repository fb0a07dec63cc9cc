// SPDX-License-Identifier: GPL-2.0-or-later
/* spawn.c - exec, fork with a pidfd, wait and forward signals. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "msg.h"
#include "proc.h"
#include "spawn.h"

const int nsk_forwarded_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH, 0,
};

char **nsk_command(int argc, char **argv)
{
	static char *shell[3];

	if (argc > 0)
		return argv;
	shell[0] = getenv("SHELL");
	if (!shell[0] || !*shell[0])
		shell[0] = "/bin/sh";
	/* Interactive, as util-linux unshare and nsenter run it. */
	shell[1] = isatty(STDIN_FILENO) ? "-i" : NULL;
	shell[2] = NULL;
	return shell;
}

int nsk_exec(char *const argv[])
{
	execvp(argv[0], argv);
	return errno == ENOENT ? NSK_EXIT_NOT_FOUND : NSK_EXIT_CANNOT_RUN;
}

void nsk_exec_or_die(char *const argv[])
{
	int status = nsk_exec(argv);
	int err = errno;

	nsk_warn_err(err, "failed to execute %s", argv[0]);
	_exit(status);
}

int nsk_wait_status_to_exit(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return NSK_EXIT_TOOL;
}

static void forward_set(sigset_t *set)
{
	sigemptyset(set);
	for (const int *s = nsk_forwarded_signals; *s; s++)
		sigaddset(set, *s);
	sigaddset(set, SIGCHLD);
}

int nsk_signals_block(sigset_t *old)
{
	sigset_t set;

	forward_set(&set);
	if (sigprocmask(SIG_BLOCK, &set, old) < 0)
		return -errno;
	return 0;
}

void nsk_signals_restore(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

pid_t nsk_fork_pidfd(int *pidfd)
{
	struct nsk_clone_args args = {
		.flags = CLONE_PIDFD,
		.pidfd = (uint64_t)(uintptr_t)pidfd,
		.exit_signal = SIGCHLD,
	};
	pid_t pid;

	*pidfd = -1;
	/* clone3 (5.3) hands out the pidfd atomically with the child. */
	pid = nsk_sys_clone3(&args, NSK_CLONE_ARGS_SIZE_VER0);
	if (pid >= 0)
		return pid;
	if (errno != ENOSYS && errno != EINVAL && errno != E2BIG)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		/* Our own unreaped child cannot be recycled: no race here. */
		int fd = nsk_pidfd_open(pid);

		*pidfd = fd >= 0 ? fd : -1;
	}
	return pid;
}

/* Reaps PID if it has exited; returns 1 with *STATUS then, 0 if it runs. */
static int try_reap(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	return r == pid;
}

int nsk_wait_forward(pid_t pid, int pidfd)
{
	struct pollfd pfd[2];
	sigset_t set;
	int sfd, status = 0, r;

	forward_set(&set);
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		return -errno;
	pfd[0] = (struct pollfd){.fd = sfd, .events = POLLIN};
	pfd[1] = (struct pollfd){.fd = pidfd, .events = POLLIN};

	while ((r = try_reap(pid, &status)) == 0) {
		struct signalfd_siginfo si;

		if (poll(pfd, pidfd >= 0 ? 2 : 1, -1) < 0 && errno != EINTR) {
			r = -errno;
			break;
		}
		while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
			int sig = (int)si.ssi_signo;

			if (sig == SIGCHLD)
				continue;
			nsk_trace("forwarding %s to %d", strsignal(sig), (int)pid);
			if (pidfd >= 0)
				nsk_sys_pidfd_send_signal(pidfd, sig, NULL, 0);
			else
				kill(pid, sig);
		}
	}
	close(sfd);
	if (r < 0)
		return r;
	return nsk_wait_status_to_exit(status);
}

int nsk_init_wait(pid_t cmd)
{
	sigset_t all;

	sigfillset(&all);
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&all, &si);

		if (sig < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (sig != SIGCHLD) {
			/* As tini does: a signal for the container is for its command. */
			kill(cmd, sig);
			continue;
		}
		for (;;) {
			int status;
			pid_t p = waitpid(-1, &status, WNOHANG);

			if (p <= 0)
				break;
			if (p == cmd)
				return nsk_wait_status_to_exit(status);
		}
	}
}
