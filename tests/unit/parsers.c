// SPDX-License-Identifier: GPL-2.0-or-later
/* parsers - TAP unit tests of the parsers in common/ that take user input. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "err.h"
#include "nsfs.h"
#include "nstype.h"
#include "proc.h"
#include "tap.h"


static void test_types(void)
{
	unsigned int mask;
	const char *bad = NULL;

	ok(nsk_type_from_name("net") == NSK_NET, "net is a type");
	ok(nsk_type_from_name("mount") == NSK_MNT, "mount is an alias of mnt");
	ok(nsk_type_from_name("nett") == -EINVAL, "nett is not a type");
	ok(nsk_type_from_name("") == -EINVAL, "the empty string is not a type");
	ok(nsk_type_from_flag(CLONE_NEWTIME) == NSK_TIME, "CLONE_NEWTIME is time");
	ok(nsk_type_from_opt('U') == NSK_USER && nsk_type_from_opt('u') == NSK_UTS,
	   "-U is user, -u is uts");
	ok(nsk_types_parse("net,uts", &mask, &bad) == 0 &&
		   mask == (NSK_TYPE_BIT(NSK_NET) | NSK_TYPE_BIT(NSK_UTS)),
	   "net,uts parses");
	ok(nsk_types_parse("all", &mask, &bad) == 0 && mask == nsk_types_available(),
	   "all is every type the kernel has");
	ok(nsk_types_parse("net,bogus", &mask, &bad) == -EINVAL && strcmp(bad, "bogus") == 0,
	   "an unknown type is named");
	ok(nsk_types_parse("net,", &mask, &bad) == -EINVAL, "a trailing comma is refused");
	ok(nsk_types_parse(",net", &mask, &bad) == -EINVAL, "a leading comma is refused");
	ok(nsk_types_parse("", &mask, &bad) == -EINVAL, "an empty list is refused");
	ok(strcmp(nsk_type_optarg("=x"), "x") == 0 && strcmp(nsk_type_optarg("x"), "x") == 0 &&
		   nsk_type_optarg(NULL) == NULL,
	   "-n=FILE and -nFILE give FILE");
	{
		struct nsk_err e;
		const char *file = "x";

		ok(nsk_type_opt('n', NULL, &file, &e) == NSK_NET && file == NULL,
		   "-n alone is net with no file");
		ok(nsk_type_opt('U', "=/pin", &file, &e) == NSK_USER && strcmp(file, "/pin") == 0,
		   "-U=/pin is user with its file");
		ok(nsk_type_opt('n', "=", &file, &e) == -EINVAL &&
			   strcmp(e.what, "--net=: empty file name") == 0,
		   "an empty file is refused, naming the option");
		ok(nsk_type_opt('x', NULL, &file, &e) == -1, "-x is not a type option");
	}
}

static void test_flags_str(void)
{
	char buf[128];

	ok(strcmp(nsk_flags_str(CLONE_NEWNET | CLONE_NEWUTS, buf, sizeof(buf)),
		  "CLONE_NEWNET|CLONE_NEWUTS") == 0,
	   "flags are named in table order");
	ok(strcmp(nsk_flags_str(0, buf, sizeof(buf)), "0") == 0, "no flags is 0");
	nsk_flags_str(CLONE_NEWNET | CLONE_NEWUTS, buf, 8);
	ok(strlen(buf) == 7, "a short buffer is truncated, never overrun");
}

static void test_pid(void)
{
	pid_t pid;

	ok(nsk_parse_pid("1234", &pid) == 0 && pid == 1234, "1234 is a PID");
	ok(nsk_parse_pid("0", &pid) == -EINVAL, "0 is not a PID");
	ok(nsk_parse_pid("-1", &pid) == -EINVAL, "-1 is not a PID");
	ok(nsk_parse_pid("+1", &pid) == -EINVAL, "+1 is not a PID");
	ok(nsk_parse_pid("12a", &pid) == -EINVAL, "12a is not a PID");
	ok(nsk_parse_pid(" 12", &pid) == -EINVAL, "a leading space is refused");
	ok(nsk_parse_pid("", &pid) == -EINVAL, "the empty string is not a PID");
	ok(nsk_parse_pid("99999999999999999999", &pid) == -ERANGE, "an overflow is ERANGE");
	ok(nsk_parse_pid("2147483647", &pid) == 0, "INT_MAX parses");
	ok(nsk_parse_pid("2147483648", &pid) == -ERANGE, "INT_MAX+1 is ERANGE");
}

static void test_ns_text(void)
{
	enum nsk_type type;
	ino_t ino;

	ok(nsk_ns_parse_text("net:[4026531840]", &type, &ino) == 0 && type == NSK_NET &&
		   ino == 4026531840u,
	   "net:[4026531840] parses");
	ok(nsk_ns_parse_text("mnt:[1]", &type, &ino) == 0 && type == NSK_MNT, "mnt:[1] parses");
	ok(nsk_ns_parse_text("net:[]", &type, &ino) == -EINVAL, "an empty inode is refused");
	ok(nsk_ns_parse_text("net:[12", &type, &ino) == -EINVAL, "a missing ] is refused");
	ok(nsk_ns_parse_text("net:[12]x", &type, &ino) == -EINVAL, "trailing text is refused");
	ok(nsk_ns_parse_text("foo:[12]", &type, &ino) == -EINVAL, "an unknown type is refused");
	ok(nsk_ns_parse_text("net:[-1]", &type, &ino) == -EINVAL, "a negative inode is refused");
	ok(nsk_ns_parse_text("net:[0]", &type, &ino) == -EINVAL, "inode 0 is refused");
	ok(nsk_ns_parse_text("net:[99999999999999999999999]", &type, &ino) == -EINVAL,
	   "an overflowing inode is refused");
	ok(nsk_ns_parse_text("verylongtypename:[1]", &type, &ino) == -EINVAL,
	   "an overlong type is refused");
}

int main(void)
{
	test_types();
	test_flags_str();
	test_pid();
	test_ns_text();
	return tap_done();
}
