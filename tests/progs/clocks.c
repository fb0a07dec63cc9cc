// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * clocks - print CLOCK_MONOTONIC and CLOCK_BOOTTIME in whole seconds, one a
 * line: "monotonic S" and "boottime S". A fixture for time namespace offsets.
 */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec m, b;

	if (clock_gettime(CLOCK_MONOTONIC, &m) < 0 || clock_gettime(CLOCK_BOOTTIME, &b) < 0)
		return 1;
	printf("monotonic %lld\nboottime %lld\n", (long long)m.tv_sec, (long long)b.tv_sec);
	return 0;
}
