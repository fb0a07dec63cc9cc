// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nsioctl FILE userns|parent - print the inode of the owning user namespace
 * or the parent namespace of the namespace file FILE (NS_GET_USERNS,
 * NS_GET_PARENT). A fixture that reads these facts from the kernel.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define NSIO 0xb7
#define NS_GET_USERNS _IO(NSIO, 0x1)
#define NS_GET_PARENT _IO(NSIO, 0x2)

int main(int argc, char **argv)
{
	struct stat st;
	int fd, up;

	if (argc != 3 || (strcmp(argv[2], "userns") != 0 && strcmp(argv[2], "parent") != 0)) {
		fprintf(stderr, "usage: nsioctl FILE userns|parent\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	up = ioctl(fd, strcmp(argv[2], "userns") == 0 ? NS_GET_USERNS : NS_GET_PARENT);
	if (up < 0 || fstat(up, &st) < 0) {
		perror("ioctl");
		return 1;
	}
	printf("%llu\n", (unsigned long long)st.st_ino);
	return 0;
}
