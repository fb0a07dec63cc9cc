/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mountinfo.h - nsfs mounts (namespace pins) in any mount namespace: through
 * libmount on /proc/PID/mountinfo for a namespace that has a process, through
 * listmount(2)/statmount(2) (6.8; another namespace by id 6.11) for one that
 * only an fd or a pin holds, and the walk over every mount namespace of the
 * system (NS_MNT_GET_NEXT, 6.12, CAP_SYS_ADMIN). nsls and `nspin ls` use it.
 */
#ifndef NSK_MOUNTINFO_H
#define NSK_MOUNTINFO_H

#include <stdint.h>
#include <sys/types.h>

#include "nstype.h"

/* One nsfs mount: the namespace TYPE:[INO] mounted at TARGET. */
struct nsk_nsfs_mount {
	enum nsk_type type;
	ino_t ino;
	const char *target; /* the mount point as that mount namespace sees it */
	uint64_t mnt_id;    /* the kernel's mount id (unique since 6.8 with statmount) */
};

/* Called for each nsfs mount; a non-zero return stops the walk and is returned. */
typedef int (*nsk_nsfs_cb)(const struct nsk_nsfs_mount *m, void *data);

/* Every nsfs mount in the mount namespace of process PID (0: the caller),
 * read from /proc/PID/mountinfo with libmount. Returns 0, what CB returned,
 * or -errno (-ENOENT: the process is gone, -EACCES: not ours to read). */
int nsk_mountinfo_nsfs(pid_t pid, nsk_nsfs_cb cb, void *data);

/* The id of the mount namespace FD (NS_GET_MNTNS_ID, 6.11): 0 or -errno. */
int nsk_mntns_id(int fd, uint64_t *id);

/* Every nsfs mount in the mount namespace with id MNT_NS_ID, through
 * listmount/statmount. Returns 0, what CB returned, or -errno: -ENOSYS before
 * 6.8, -EINVAL before 6.11 (no foreign namespaces), -ENOENT when the
 * namespace is gone, -EPERM without CAP_SYS_ADMIN over it. */
int nsk_mntns_nsfs(uint64_t mnt_ns_id, nsk_nsfs_cb cb, void *data);

/* The mount namespace after the one FD refers to, in the kernel's list of
 * all of them (NS_MNT_GET_NEXT, 6.12; CAP_SYS_ADMIN in the initial user
 * namespace). Returns a close-on-exec fd with *ID its id, -ENOENT after the
 * last one, or -errno (-ENOTTY before 6.12, -EPERM). */
int nsk_mntns_next(int fd, uint64_t *id);

#endif
