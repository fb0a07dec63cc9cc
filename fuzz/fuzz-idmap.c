// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-idmap - the id-map options of nsunshare and nsclone. The first byte
 * picks what is fuzzed: one INNER:OUTER:COUNT range; a sequence of mapping
 * options (one per line, "OPT ARG", resolved with nsk_idmap_finish); or the
 * text of an /etc/subuid file (through a memfd).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "idmap.h"

static void check_list(const struct nsk_idmap_list *l)
{
	FUZZ_ASSERT(l->n <= NSK_IDMAP_MAX);
	for (size_t i = 0; i < l->n; i++)
		FUZZ_ASSERT(l->r[i].count > 0 &&
			    (uint64_t)l->r[i].inner + l->r[i].count <= UINT32_MAX &&
			    (uint64_t)l->r[i].outer + l->r[i].count <= UINT32_MAX);
}

static void fuzz_range(const char *s)
{
	struct nsk_idrange r;

	if (nsk_idrange_parse(s, &r) == 0) {
		struct nsk_idmap_list l = {.n = 1, .r = {r}};

		check_list(&l);
	}
}

static const int opts[] = {
	'r',
	'c',
	NSK_OPT_MAP_USER,
	NSK_OPT_MAP_GROUP,
	NSK_OPT_MAP_USERS,
	NSK_OPT_MAP_GROUPS,
	NSK_OPT_MAP_AUTO,
	NSK_OPT_SETGROUPS,
	NSK_OPT_OWNER,
	'x', /* not a mapping option */
};

static void fuzz_options(char *s)
{
	static struct nsk_idmap m; /* 8 KiB of ranges: not on the stack */
	struct nsk_err e = {.hint = NULL};
	char *line, *save = NULL;
	bool ok = true;

	memset(&m, 0, sizeof(m));
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int c = opts[(unsigned char)line[0] % (sizeof(opts) / sizeof(opts[0]))];
		int r = nsk_idmap_opt(&m, c, line + 1, &e);

		FUZZ_ASSERT(r == 0 || r == 1 || r == -EINVAL);
		FUZZ_ASSERT(r != 0 || c == 'x');
		if (r < 0) {
			FUZZ_ASSERT(memchr(e.what, '\0', sizeof(e.what)) && e.what[0]);
			ok = false;
		}
		check_list(&m.users);
		check_list(&m.groups);
	}
	(void)nsk_idmap_wanted(&m);
	if (ok && nsk_idmap_finish(&m, &e) == 0) {
		check_list(&m.uid);
		check_list(&m.gid);
		(void)nsk_idmap_self_writable(&m);
	}
}

static void fuzz_subid(const char *text, size_t len)
{
	int fd = memfd_create("subuid", MFD_CLOEXEC);
	struct nsk_idrange r;
	char path[64];

	if (fd < 0)
		abort();
	if (write(fd, text, len) != (ssize_t)len)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (nsk_subid_find(path, "root", 0, &r) == 0) {
		struct nsk_idmap_list l = {.n = 1, .r = {r}};

		check_list(&l);
	}
	if (nsk_subid_find(path, NULL, 1000, &r) == 0)
		FUZZ_ASSERT(r.count > 0);
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int lowest = fuzz_lowest_fd();
	char *s;

	if (size < 1)
		return 0;
	s = fuzz_str(data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		fuzz_range(s);
		break;
	case 1:
		fuzz_options(s);
		break;
	case 2:
		fuzz_subid((const char *)data + 1, size - 1);
		break;
	}
	FUZZ_ASSERT(fuzz_lowest_fd() == lowest);
	free(s);
	return 0;
}
