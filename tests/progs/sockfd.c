// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sockfd FD CMD [ARG...] - open a UDP socket in the current network
 * namespace as fd FD and exec CMD: a fixture for joining the network
 * namespace of a socket (nsjoin -N).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int want, s;

	if (argc < 3) {
		fprintf(stderr, "usage: sockfd FD CMD [ARG...]\n");
		return 2;
	}
	want = atoi(argv[1]);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || dup2(s, want) < 0) {
		perror("socket");
		return 1;
	}
	if (s != want)
		close(s);
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
