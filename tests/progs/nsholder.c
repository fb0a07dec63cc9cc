// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nsholder thread|socket FIFO - fixtures for namespaces that only an unusual
 * holder keeps:
 *   thread: a second thread unshares its uts namespace; the leader keeps
 *     the old one. Writes the thread's TID to FIFO.
 *   socket: makes a net namespace, opens a socket in it, and goes back to
 *     the old net namespace: only the socket holds the new one. Writes the
 *     socket's fd number to FIFO.
 * Then sleeps until killed; on failure it writes -1. Needs CAP_SYS_ADMIN
 * over its net namespace (run it under unshare -r -n).
 */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *fifo;

static void say(long v)
{
	FILE *f = fopen(fifo, "w");

	if (!f) {
		perror(fifo);
		_exit(1);
	}
	fprintf(f, "%ld\n", v);
	fclose(f);
}

static void *thread(void *arg)
{
	(void)arg;
	if (unshare(CLONE_NEWUTS) < 0) {
		perror("unshare");
		say(-1); /* the test must not wait for ever */
		_exit(1);
	}
	say((long)syscall(SYS_gettid));
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: nsholder thread|socket FIFO\n");
		return 2;
	}
	fifo = argv[2];
	if (strcmp(argv[1], "thread") == 0) {
		pthread_t t;

		if (pthread_create(&t, NULL, thread, NULL) != 0)
			return 1;
	} else {
		int old = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC), sock;

		if (old < 0 || unshare(CLONE_NEWNET) < 0 ||
		    (sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0 ||
		    setns(old, CLONE_NEWNET) < 0) {
			perror("socket in a new net namespace");
			say(-1); /* the test must not wait for ever */
			return 1;
		}
		close(old);
		say(sock);
	}
	for (;;)
		pause();
}
