/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nsfs.h - opening and identifying namespace files (/proc/PID/ns/TYPE, pins,
 * fds of other processes) through the nsfs ioctls.
 */
#ifndef NSK_NSFS_H
#define NSK_NSFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "nstype.h"

/*
 * A namespace as the kernel names it. (dev, ino) identifies it while
 * something holds it; inodes are reused once it dies, even across types.
 * id is the kernel's 64-bit namespace id (6.18), never reused; 0 where the
 * kernel has no NS_GET_ID.
 */
struct nsk_ns {
	enum nsk_type type;
	dev_t dev;
	ino_t ino;
	uint64_t id;
};

/* Opens PATH (following links) read-only and close-on-exec, and checks that
 * it is a namespace file. Returns the fd, or -errno (-EINVAL: not nsfs). */
int nsk_ns_open(const char *path);

/* Like nsk_ns_open() relative to DIRFD. */
int nsk_ns_openat(int dirfd, const char *path);

/* Fills *NS for the namespace file FD: type from NS_GET_NSTYPE (4.11),
 * never from a name. Returns 0, or -EINVAL when FD is not a namespace. */
int nsk_ns_identify(int fd, struct nsk_ns *ns);

/* Returns true when the two describe the same namespace. */
bool nsk_ns_equal(const struct nsk_ns *a, const struct nsk_ns *b);

/* The owning user namespace (NS_GET_USERNS, 4.9) or the parent of a pid or
 * user namespace (NS_GET_PARENT, 4.9) as a new fd, or -errno (-EPERM at the
 * top of what the caller may see, -EINVAL for a type with no parent). */
int nsk_ns_get_userns(int fd);
int nsk_ns_get_parent(int fd);

/* The uid that created the user namespace FD (NS_GET_OWNER_UID, 4.11). */
int nsk_ns_owner_uid(int fd, uid_t *uid);

/* The 64-bit id of the namespace (6.18): 0, or -ENOTTY on older kernels. */
int nsk_ns_get_id(int fd, uint64_t *id);

/* Opens the namespace with the 64-bit id ID through an nsfs file handle
 * (open_by_handle_at on FD_NSFS_ROOT): 6.18 decodes a handle only with the
 * type and inode too (TYPE < 0 and INO 0 when unknown); 6.19 decodes the id
 * alone. Returns a close-on-exec fd, or -errno: -ESTALE when the namespace is
 * gone (or, before 6.19, when TYPE and INO are missing), -EINVAL/-EOPNOTSUPP
 * before 6.18. */
int nsk_ns_open_by_id(uint64_t id, int type, ino_t ino);

/* Parses "TYPE:[INODE]" (what readlink /proc/PID/ns/TYPE prints).
 * Returns 0, or -EINVAL. */
int nsk_ns_parse_text(const char *text, enum nsk_type *type, ino_t *ino);

/* Returns true when FD is a file on nsfs (statfs magic NSFS_MAGIC). */
bool nsk_fd_is_nsfs(int fd);

/* Opens the namespace TYPE of the process PIDFD/PID: through the pidfd ioctl
 * (6.11) when PIDFD >= 0, else /proc/PID/ns/TYPE. CHILDREN selects the
 * *_for_children entry of pid and time. Returns an fd or -errno. */
int nsk_ns_open_pid(pid_t pid, int pidfd, enum nsk_type type, bool children);

#endif
