// SPDX-License-Identifier: GPL-2.0-or-later
/* nsjoin - not yet built. */
#include <stdio.h>
#include <string.h>

#include "msg.h"

int main(int argc, char **argv)
{
	nsk_msg_init(argv[0]);
	if (argc > 1 && strcmp(argv[1], "--version") == 0)
		nsk_print_version();
	nsk_warnx("not implemented yet");
	return 125;
}
