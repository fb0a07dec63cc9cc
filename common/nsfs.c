// SPDX-License-Identifier: GPL-2.0-or-later
/* nsfs.c - namespace files: open, identify, walk owners and parents. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "compat.h"
#include "nsfs.h"

bool nsk_fd_is_nsfs(int fd)
{
	struct statfs sfs;

	return fstatfs(fd, &sfs) == 0 && (unsigned long)sfs.f_type == NSFS_MAGIC;
}

int nsk_ns_openat(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	if (!nsk_fd_is_nsfs(fd)) {
		close(fd);
		return -EINVAL;
	}
	return fd;
}

int nsk_ns_open(const char *path)
{
	return nsk_ns_openat(AT_FDCWD, path);
}

int nsk_ns_get_id(int fd, uint64_t *id)
{
	if (ioctl(fd, NSK_NS_GET_ID, id) < 0)
		return -errno;
	return 0;
}

int nsk_ns_identify(int fd, struct nsk_ns *ns)
{
	struct stat st;
	int type;

	if (fstat(fd, &st) < 0)
		return -errno;
	type = ioctl(fd, NS_GET_NSTYPE);
	if (type < 0)
		return errno == ENOTTY ? -EINVAL : -errno;
	type = nsk_type_from_flag(type);
	if (type < 0)
		return -EINVAL;
	ns->type = type;
	ns->dev = st.st_dev;
	ns->ino = st.st_ino;
	if (nsk_ns_get_id(fd, &ns->id) < 0)
		ns->id = 0;
	return 0;
}

bool nsk_ns_equal(const struct nsk_ns *a, const struct nsk_ns *b)
{
	if (a->id && b->id)
		return a->id == b->id;
	return a->type == b->type && a->dev == b->dev && a->ino == b->ino;
}

static int ns_ioctl_fd(int fd, unsigned long req)
{
	/* An explicit 0 argument: pidfs (6.18 here) refuses its namespace
	 * ioctls with EINVAL unless it is 0, and ioctl(2) without one passes
	 * whatever the register holds. */
	int r = ioctl(fd, req, 0);

	if (r < 0)
		return -errno;
	/* The kernel returns the new fd without O_CLOEXEC. */
	if (fcntl(r, F_SETFD, FD_CLOEXEC) < 0) {
		int err = -errno;

		close(r);
		return err;
	}
	return r;
}

int nsk_ns_get_userns(int fd)
{
	return ns_ioctl_fd(fd, NS_GET_USERNS);
}

int nsk_ns_get_parent(int fd)
{
	return ns_ioctl_fd(fd, NS_GET_PARENT);
}

int nsk_ns_owner_uid(int fd, uid_t *uid)
{
	if (ioctl(fd, NS_GET_OWNER_UID, uid) < 0)
		return -errno;
	return 0;
}

int nsk_ns_open_by_id(uint64_t id, int type, ino_t ino)
{
	/* include/uapi/linux/nsfs.h: struct nsfs_file_handle. */
	struct {
		struct file_handle fh;
		uint64_t ns_id;
		uint32_t ns_type;
		uint32_t ns_inum;
	} h = {
		.fh = {.handle_bytes = 16, .handle_type = NSK_FILEID_NSFS},
		.ns_id = id,
		.ns_type = type >= 0 ? (uint32_t)nsk_types[type].flag : 0,
		.ns_inum = (uint32_t)ino,
	};
	int fd = open_by_handle_at(NSK_FD_NSFS_ROOT, &h.fh, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int nsk_ns_parse_text(const char *text, enum nsk_type *type, ino_t *ino)
{
	const char *colon = strchr(text, ':');
	char name[16];
	unsigned long long v;
	char *end;
	int t;

	if (!colon || (size_t)(colon - text) >= sizeof(name) || colon[1] != '[')
		return -EINVAL;
	memcpy(name, text, colon - text);
	name[colon - text] = '\0';
	t = nsk_type_from_name(name);
	if (t < 0)
		return -EINVAL;
	if (colon[2] < '0' || colon[2] > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(colon + 2, &end, 10);
	if (errno || end[0] != ']' || end[1] != '\0' || v == 0)
		return -EINVAL;
	*type = t;
	*ino = (ino_t)v;
	return 0;
}

static const unsigned long pidfd_ns_ioctl[NSK_NTYPES][2] = {
	[NSK_CGROUP] = {NSK_PIDFD_GET_CGROUP_NAMESPACE, 0},
	[NSK_IPC] = {NSK_PIDFD_GET_IPC_NAMESPACE, 0},
	[NSK_MNT] = {NSK_PIDFD_GET_MNT_NAMESPACE, 0},
	[NSK_NET] = {NSK_PIDFD_GET_NET_NAMESPACE, 0},
	[NSK_PID] = {NSK_PIDFD_GET_PID_NAMESPACE, NSK_PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE},
	[NSK_TIME] = {NSK_PIDFD_GET_TIME_NAMESPACE, NSK_PIDFD_GET_TIME_FOR_CHILDREN_NAMESPACE},
	[NSK_USER] = {NSK_PIDFD_GET_USER_NAMESPACE, 0},
	[NSK_UTS] = {NSK_PIDFD_GET_UTS_NAMESPACE, 0},
};

int nsk_ns_open_pid(pid_t pid, int pidfd, enum nsk_type type, bool children)
{
	const char *name = children && nsk_types[type].for_children
				   ? nsk_types[type].for_children
				   : nsk_types[type].name;
	bool zombie = false;
	char path[64];
	int fd;

	if (pidfd >= 0) {
		unsigned long req = pidfd_ns_ioctl[type][children && nsk_types[type].for_children];

		fd = ns_ioctl_fd(pidfd, req);
		/* Before 6.11 pidfds have no namespace ioctls: ENOTTY/EINVAL.
		 * ESRCH: exited; a zombie still shows its pid and user
		 * namespaces in /proc (callers check that the pidfd's process
		 * is the one /proc showed). */
		if (fd >= 0 ||
		    (fd != -ENOTTY && fd != -EINVAL && fd != -EOPNOTSUPP && fd != -ESRCH))
			return fd;
		zombie = fd == -ESRCH;
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, name);
	fd = nsk_ns_open(path);
	/* The other namespaces went with the process. */
	return fd == -ENOENT && zombie ? -ESRCH : fd;
}
