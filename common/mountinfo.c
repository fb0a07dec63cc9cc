// SPDX-License-Identifier: GPL-2.0-or-later
/* mountinfo.c - nsfs mounts in any mount namespace (libmount, statmount). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmount.h>

#include "compat.h"
#include "mountinfo.h"
#include "nsfs.h"

/* The root field of an nsfs mount is the readlink text: "net:[4026532182]". */
static int nsfs_root(const char *root, struct nsk_nsfs_mount *m)
{
	enum nsk_type type;
	ino_t ino;

	if (!root || nsk_ns_parse_text(root, &type, &ino) < 0)
		return -EINVAL;
	m->type = type;
	m->ino = ino;
	return 0;
}

int nsk_mountinfo_nsfs(pid_t pid, nsk_nsfs_cb cb, void *data)
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	char path[64];
	int r = -ENOMEM;

	if (!tb || !it)
		goto out;
	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/mountinfo", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/mountinfo");
	/* libmount returns -errno, or a positive count of bad lines. */
	errno = 0;
	r = mnt_table_parse_file(tb, path);
	if (r != 0) {
		r = r < 0 ? r : (errno ? -errno : -EINVAL);
		goto out;
	}
	while (mnt_table_next_fs(tb, it, &fs) == 0) {
		struct nsk_nsfs_mount m = {.target = mnt_fs_get_target(fs),
					   .mnt_id = (uint64_t)mnt_fs_get_id(fs)};
		const char *fstype = mnt_fs_get_fstype(fs);

		if (!fstype || strcmp(fstype, "nsfs") != 0 ||
		    nsfs_root(mnt_fs_get_root(fs), &m) < 0 || !m.target)
			continue;
		r = cb(&m, data);
		if (r)
			goto out;
	}
	r = 0;
out:
	mnt_free_iter(it);
	mnt_unref_table(tb);
	return r;
}

int nsk_mntns_id(int fd, uint64_t *id)
{
	return ioctl(fd, NSK_NS_GET_MNTNS_ID, id) < 0 ? -errno : 0;
}

/* include/uapi/linux/mount.h (6.8; mnt_ns_id and VER1 6.11). */
struct nsk_mnt_id_req {
	uint32_t size;
	uint32_t spare;
	uint64_t mnt_id;
	uint64_t param;
	uint64_t mnt_ns_id;
};
#define NSK_MNT_ID_REQ_SIZE_VER1 32
#define NSK_LSMT_ROOT		 0xffffffffffffffffULL
#define NSK_STATMOUNT_SB_BASIC	 0x1U
#define NSK_STATMOUNT_MNT_ROOT	 0x8U
#define NSK_STATMOUNT_MNT_POINT	 0x10U

struct nsk_statmount {
	uint32_t size;
	uint32_t mnt_opts;
	uint64_t mask;
	uint32_t sb_dev_major;
	uint32_t sb_dev_minor;
	uint64_t sb_magic;
	uint32_t sb_flags;
	uint32_t fs_type;
	uint64_t mnt_id;
	uint64_t mnt_parent_id;
	uint32_t mnt_id_old;
	uint32_t mnt_parent_id_old;
	uint64_t mnt_attr;
	uint64_t mnt_propagation;
	uint64_t mnt_peer_group;
	uint64_t mnt_master;
	uint64_t propagate_from;
	uint32_t mnt_root;  /* offset into str[] */
	uint32_t mnt_point; /* offset into str[] */
	uint64_t mnt_ns_id;
	uint64_t spare2[49];
	char str[];
};

int nsk_mntns_nsfs(uint64_t mnt_ns_id, nsk_nsfs_cb cb, void *data)
{
	uint64_t ids[256];
	union {
		struct nsk_statmount sm;
		char buf[sizeof(struct nsk_statmount) + 2 * 4096];
	} u;
	struct nsk_mnt_id_req req = {
		.size = NSK_MNT_ID_REQ_SIZE_VER1, .mnt_id = NSK_LSMT_ROOT, .mnt_ns_id = mnt_ns_id};
	long n;

	/* listmount returns the mounts after req.param, a batch at a time. */
	do {
		n = syscall(__NR_listmount, &req, ids, sizeof(ids) / sizeof(ids[0]), 0);
		if (n < 0)
			return -errno;
		for (long i = 0; i < n; i++) {
			struct nsk_mnt_id_req q = {.size = NSK_MNT_ID_REQ_SIZE_VER1,
						   .mnt_id = ids[i],
						   .param = NSK_STATMOUNT_SB_BASIC |
							    NSK_STATMOUNT_MNT_ROOT |
							    NSK_STATMOUNT_MNT_POINT,
						   .mnt_ns_id = mnt_ns_id};
			struct nsk_nsfs_mount m = {.mnt_id = ids[i]};
			int r;

			/* A mount can go between the two calls; a path longer than
			 * the buffer (EOVERFLOW) cannot be a pin nsls can open. */
			if (syscall(__NR_statmount, &q, &u, sizeof(u), 0) < 0)
				continue;
			if (u.sm.sb_magic != NSFS_MAGIC || !(u.sm.mask & NSK_STATMOUNT_MNT_ROOT) ||
			    !(u.sm.mask & NSK_STATMOUNT_MNT_POINT) ||
			    nsfs_root(u.sm.str + u.sm.mnt_root, &m) < 0)
				continue;
			m.target = u.sm.str + u.sm.mnt_point;
			r = cb(&m, data);
			if (r)
				return r;
		}
		if (n > 0)
			req.param = ids[n - 1];
	} while (n == (long)(sizeof(ids) / sizeof(ids[0])));
	return 0;
}

int nsk_mntns_next(int fd, uint64_t *id)
{
	struct nsk_mnt_ns_info info = {.size = sizeof(info)};
	int next = ioctl(fd, NSK_NS_MNT_GET_NEXT, &info);

	if (next < 0)
		return -errno;
	/* The kernel returns the new fd without O_CLOEXEC. */
	if (fcntl(next, F_SETFD, FD_CLOEXEC) < 0) {
		int err = -errno;

		close(next);
		return err;
	}
	*id = info.mnt_ns_id;
	return next;
}
