// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * holdfd FD FILE [FIFO] - open FILE as fd FD, say "ready" (on FIFO, or on
 * stdout), then wait until stdin closes or a signal ends it. A fixture for
 * namespaces held only by an open fd.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char c;
	int fd, want;

	if (argc < 3) {
		fprintf(stderr, "usage: holdfd FD FILE [FIFO]\n");
		return 2;
	}
	want = atoi(argv[1]);
	fd = open(argv[2], O_RDONLY);
	if (fd < 0 || dup2(fd, want) < 0) {
		perror(argv[2]);
		return 1;
	}
	if (fd != want)
		close(fd);
	if (argc > 3) {
		int f = open(argv[3], O_WRONLY);

		if (f < 0 || write(f, "ready\n", 6) != 6)
			return 1;
		close(f);
	} else {
		printf("ready\n");
		fflush(stdout);
	}
	while (read(STDIN_FILENO, &c, 1) > 0)
		;
	pause();
	return 0;
}
