/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * spawn.h - running the command: exit codes, exec, fork with a pidfd, and a
 * wait that forwards signals to the child and returns its status.
 */
#ifndef NSK_SPAWN_H
#define NSK_SPAWN_H

#include <signal.h>
#include <stdnoreturn.h>
#include <sys/types.h>

/* SPEC §1, as env(1), chroot(1) and timeout(1) do. */
enum {
	NSK_EXIT_TOOL = 125,	   /* the tool itself failed */
	NSK_EXIT_CANNOT_RUN = 126, /* the command exists but cannot be run */
	NSK_EXIT_NOT_FOUND = 127,  /* the command was not found */
};

/* The command to run: ARGV when ARGC > 0, else $SHELL or /bin/sh (-i). The
 * result stays valid for the life of the process. */
char **nsk_command(int argc, char **argv);

/* execvp(ARGV[0], ARGV). Returns only on failure, with the exit status the
 * tool must use (126 or 127) and errno set. */
int nsk_exec(char *const argv[]);

/* execvp() or exit: prints "PROG: failed to execute CMD: why" and exits 126
 * or 127. */
noreturn void nsk_exec_or_die(char *const argv[]);

/* The tool's exit status for a child's wait status: its exit code, or 128+N
 * when signal N killed it. */
int nsk_wait_status_to_exit(int wstatus);

/* The signals a waiting tool forwards to its child (SPEC §1). */
extern const int nsk_forwarded_signals[];

/*
 * Blocks the forwarded signals and SIGCHLD before the child exists, so that
 * none arrives between the fork and the wait. *OLD receives the mask to give
 * back to the child (nsk_signals_restore()) before it execs.
 */
int nsk_signals_block(sigset_t *old);
void nsk_signals_restore(const sigset_t *old);

/* fork() with a pidfd for the child: clone3(CLONE_PIDFD) (5.3), else fork()
 * and pidfd_open(); *PIDFD is -1 where neither exists. Returns the PID in the
 * parent, 0 in the child, -errno on failure. */
pid_t nsk_fork_pidfd(int *pidfd);

/*
 * Waits for the child PID (PIDFD when >= 0) and forwards to it every signal of
 * nsk_forwarded_signals that reaches the tool. Call after nsk_signals_block().
 * Returns the tool's exit status (nsk_wait_status_to_exit()), or -errno.
 */
int nsk_wait_forward(pid_t pid, int pidfd);

/*
 * The loop of a minimal init (PID 1 of a new pid namespace, nsclone --init)
 * whose command CMD runs as its child: forwards every signal that reaches it
 * to CMD, reaps every child (orphans are re-parented to PID 1), and returns
 * as soon as CMD has ended, with the exit status to use (its exit code, or
 * 128+N). Call it with every signal blocked (sigfillset) since before the
 * fork of CMD, so that none is lost. Returns -errno on failure.
 */
int nsk_init_wait(pid_t cmd);

#endif
