// SPDX-License-Identifier: GPL-2.0-or-later
/* setup-idmap - TAP unit tests of the option decoders of idmap.c and setup.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "idmap.h"
#include "setup.h"
#include "tap.h"


static bool line_is(const struct nsk_idrange *r, uint32_t in, uint32_t out, uint32_t n)
{
	return r->inner == in && r->outer == out && r->count == n;
}

static void test_ranges(void)
{
	struct nsk_idrange r;

	ok(nsk_idrange_parse("0:100000:65536", &r) == 0 && line_is(&r, 0, 100000, 65536),
	   "INNER:OUTER:COUNT");
	ok(nsk_idrange_parse("100000,0,65536", &r) == 0 && line_is(&r, 0, 100000, 65536),
	   "OUTER,INNER,COUNT (before util-linux 2.39)");
	ok(nsk_idrange_parse("0:1:0", &r) == -EINVAL, "a count of 0 is refused");
	ok(nsk_idrange_parse("0:1", &r) == -EINVAL, "two fields are refused");
	ok(nsk_idrange_parse("0:1:2:3", &r) == -EINVAL, "four fields are refused");
	ok(nsk_idrange_parse("0:1,2", &r) == -EINVAL, "mixed separators are refused");
	ok(nsk_idrange_parse("-1:1:2", &r) == -EINVAL, "a sign is refused");
	ok(nsk_idrange_parse("4294967295:0:2", &r) == -EINVAL, "a range past 2^32 is refused");
}

static void test_idmap(void)
{
	struct nsk_idmap m = {0};
	struct nsk_err e;

	ok(nsk_idmap_opt(&m, 'x', NULL, &e) == 0, "other options are not idmap's");
	ok(!nsk_idmap_wanted(&m), "no option, no user namespace");
	ok(nsk_idmap_opt(&m, 'r', NULL, &e) == 1 && nsk_idmap_wanted(&m), "-r wants a userns");
	ok(nsk_idmap_finish(&m, &e) == 0 && m.uid.n == 1 && line_is(&m.uid.r[0], 0, geteuid(), 1) &&
		   line_is(&m.gid.r[0], 0, getegid(), 1),
	   "-r maps 0 to the caller");
	ok(m.setgroups == NSK_SETGROUPS_DENY, "-r implies setgroups deny");
	ok(nsk_idmap_self_writable(&m), "-r maps can be written from inside");

	m = (struct nsk_idmap){0};
	nsk_idmap_opt(&m, NSK_OPT_MAP_USER, "0", &e);
	ok(nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, "0:100000:1000", &e) == 1, "--map-users range");
	ok(nsk_idmap_finish(&m, &e) == 0 && m.uid.n == 2 && line_is(&m.uid.r[1], 1, 100001, 999),
	   "--map-user 0 punches 0 out of the range");
	ok(!nsk_idmap_self_writable(&m), "a range needs a writer outside");

	m = (struct nsk_idmap){0};
	nsk_idmap_opt(&m, NSK_OPT_MAP_USER, "5", &e);
	nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, "0:100000:10", &e);
	ok(nsk_idmap_finish(&m, &e) == 0 && m.uid.n == 3 && line_is(&m.uid.r[1], 0, 100000, 5) &&
		   line_is(&m.uid.r[2], 6, 100006, 4),
	   "a hole in the middle splits the range");

	m = (struct nsk_idmap){0};
	nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, "0:100000:10", &e);
	nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, "5:200000:10", &e);
	ok(nsk_idmap_finish(&m, &e) == -EINVAL && strstr(e.what, "overlap"),
	   "overlapping ranges are refused");

	m = (struct nsk_idmap){0};
	ok(nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, "1:2", &e) == -EINVAL &&
		   strstr(e.what, "invalid --map-users '1:2'"),
	   "a bad range names the option and the value");
	ok(nsk_idmap_opt(&m, NSK_OPT_SETGROUPS, "maybe", &e) == -EINVAL, "--setgroups maybe");
	ok(nsk_idmap_opt(&m, NSK_OPT_MAP_USER, "no-such-user-nskit", &e) == -EINVAL,
	   "--map-user with an unknown name");
	ok(nsk_idmap_opt(&m, NSK_OPT_OWNER, "0:0", &e) == 1 && m.has_owner && m.owner_uid == 0,
	   "--owner 0:0");
	ok(nsk_idmap_opt(&m, NSK_OPT_OWNER, ":0", &e) == -EINVAL, "--owner :0 is refused");

	m = (struct nsk_idmap){0};
	nsk_idmap_opt(&m, NSK_OPT_MAP_USERS, "all", &e);
	ok(nsk_idmap_finish(&m, &e) == 0 && m.uid.n >= 1, "--map-users all reads our uid_map");
}

static void test_subid(void)
{
	char path[] = "/tmp/nsk-subid.XXXXXX";
	int fd = mkstemp(path);
	struct nsk_idrange r;
	FILE *f = fdopen(fd, "w");

	fputs("# comment\nalice:100000:65536\n1234:200000:1000\nbad:line\n", f);
	fclose(f);
	ok(nsk_subid_find(path, "alice", 999, &r) == 0 && line_is(&r, 0, 100000, 65536),
	   "subuid by name");
	ok(nsk_subid_find(path, "bob", 1234, &r) == 0 && line_is(&r, 0, 200000, 1000),
	   "subuid by number");
	ok(nsk_subid_find(path, "carol", 5, &r) == -ENOENT, "no subuid entry");
	unlink(path);
}

static void test_setup(void)
{
	struct nsk_setup s = {.propagation = MS_PRIVATE | MS_REC};
	struct timespec ts;
	struct nsk_err e;

	ok(nsk_parse_offset("86400", &ts) == 0 && ts.tv_sec == 86400 && ts.tv_nsec == 0,
	   "offset in seconds");
	ok(nsk_parse_offset("-1.5", &ts) == 0 && ts.tv_sec == -2 && ts.tv_nsec == 500000000,
	   "negative fractional offset");
	ok(nsk_parse_offset("1x", &ts) == -EINVAL && nsk_parse_offset("", &ts) == -EINVAL,
	   "bad offsets");
	ok(nsk_setup_opt(&s, 'q', "", &e) == 0, "other options are not setup's");
	ok(nsk_setup_opt(&s, NSK_OPT_PROPAGATION, "unchanged", &e) == 1 && s.propagation == 0,
	   "--propagation unchanged");
	ok(nsk_setup_opt(&s, NSK_OPT_PROPAGATION, "slave", &e) == 1 &&
		   s.propagation == (MS_SLAVE | MS_REC),
	   "--propagation slave");
	ok(nsk_setup_opt(&s, NSK_OPT_PROPAGATION, "none", &e) == -EINVAL, "--propagation none");
	ok(nsk_setup_opt(&s, NSK_OPT_ENV, "A=1", &e) == 1 &&
		   nsk_setup_opt(&s, NSK_OPT_ENV, "B=", &e) == 1 && s.nenv == 2,
	   "--env twice");
	ok(nsk_setup_opt(&s, NSK_OPT_ENV, "NOEQUALS", &e) == -EINVAL, "--env without =");
	ok(nsk_setup_opt(&s, NSK_OPT_MOUNT_PROC, NULL, &e) == 1 && strcmp(s.proc_dir, "/proc") == 0,
	   "--mount-proc defaults to /proc");
	ok(nsk_setup_opt(&s, 'S', "nobody", &e) == 1 && s.set_uid && s.uid == 65534,
	   "--setuid nobody");
	ok(nsk_setup_opt(&s, 'G', "-1", &e) == -EINVAL, "--setgid -1");
	ok(nsk_setup_opt(&s, NSK_OPT_MONOTONIC, "abc", &e) == -EINVAL, "--monotonic abc");
	nsk_setup_free(&s);
}

int main(void)
{
	test_ranges();
	test_idmap();
	test_subid();
	test_setup();
	return tap_done();
}
