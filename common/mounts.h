/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mounts.h - the mounts of a small container, made inside a new mount
 * namespace: bind, read-only bind, tmpfs, a minimal /dev, sysfs, proc, and
 * the switch to the new root (pivot_root with the old root detached, or
 * chroot). Each step is traced with -v in the words of mount(2).
 *
 * Every function returns 0 or -errno with E filled in words for the user
 * ("cannot bind-mount /srv on /rootfs/data"). None of them may run in the
 * caller's own mount namespace: the tools call them in a child after
 * clone3(CLONE_NEWNS) and nsk_mount_propagation(), so nothing reaches the
 * host.
 */
#ifndef NSK_MOUNTS_H
#define NSK_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/* The kinds of mount a container is built from, in the order given on the
 * command line (bubblewrap's queue: later mounts go on top of earlier ones). */
enum nsk_mount_kind {
	NSK_MOUNT_BIND,	   /* --bind SRC:DST (recursive) */
	NSK_MOUNT_RO_BIND, /* --ro-bind SRC:DST (recursive, read-only throughout) */
	NSK_MOUNT_TMPFS,   /* --tmpfs DST[:OPTIONS] */
	NSK_MOUNT_DEV,	   /* --dev: a minimal /dev */
	NSK_MOUNT_SYS,	   /* --sys: sysfs at /sys */
	NSK_MOUNT_PROC,	   /* --mount-proc[=DIR]: proc at /proc */
};

struct nsk_mount_op {
	enum nsk_mount_kind kind;
	const char *src;  /* BIND, RO_BIND: the source, resolved in the old root */
	const char *dst;  /* where, relative to the new root when there is one */
	const char *data; /* TMPFS: extra options ("size=64m"), or NULL */
};

/* Parses "SRC:DST" of --bind (a missing ":DST" means DST = SRC) or
 * "DST[:OPTIONS]" of --tmpfs into OP; ARG is modified. Returns 0 or -EINVAL. */
int nsk_mount_op_parse(struct nsk_mount_op *op, enum nsk_mount_kind kind, char *arg);

/* Sets the propagation of every mount of the current (new) mount namespace,
 * e.g. MS_REC|MS_PRIVATE so that nothing mounted afterwards propagates back
 * to the namespace it was copied from: mount(NULL, "/", NULL, FLAGS, NULL). */
int nsk_mount_propagation(unsigned long flags, struct nsk_err *e);

/* Makes ROOT a mount point of its own (a recursive bind onto itself), as
 * pivot_root(2) requires of the new root. */
int nsk_mount_root_prepare(const char *root, struct nsk_err *e);

/* Performs OP with its destination below ROOT (NULL: "/"). A destination
 * must exist, since nothing is created on the caller's file systems, unless
 * CREATE says that it lies on a tmpfs of the container's own (made by an
 * earlier op, nsk_mount_on_own_tmpfs()): then it is created, a directory or
 * (for a bind of a file) an empty file. Returns 0 or -errno. */
int nsk_mount_apply(const struct nsk_mount_op *op, const char *root, bool create,
		    struct nsk_err *e);

/* True when the destination of OPS[I] lies below that of an earlier tmpfs or
 * /dev in OPS[0..I-1], so that creating it touches only the container. */
bool nsk_mount_on_own_tmpfs(const struct nsk_mount_op *ops, size_t i);

/* mount(SRC, DST, NULL, MS_BIND|MS_REC); with READONLY, every mount of the
 * new tree is then made read-only: mount_setattr(MOUNT_ATTR_RDONLY,
 * AT_RECURSIVE) (5.12), else a MS_REMOUNT|MS_BIND|MS_RDONLY of each one,
 * keeping the flags the kernel locks in a user namespace (nosuid, nodev,
 * noexec, atime). */
int nsk_mount_bind(const char *src, const char *dst, int readonly, struct nsk_err *e);

/* mount("tmpfs", DST, "tmpfs", MS_NOSUID|MS_NODEV, "mode=0755[,DATA]"). */
int nsk_mount_tmpfs(const char *dst, const char *data, struct nsk_err *e);

/* A minimal /dev at DST: a tmpfs with null zero full random urandom tty
 * bind-mounted from the caller's /dev (mknod is not allowed in a user
 * namespace), a new devpts instance at pts with ptmx -> pts/ptmx, a tmpfs
 * at shm, and fd, stdin, stdout, stderr -> /proc/self/fd. */
int nsk_mount_dev(const char *dst, struct nsk_err *e);

/* A fresh sysfs at DST (read-only), which needs a network namespace owned by
 * the caller's user namespace; where the kernel refuses (EPERM), a
 * read-only recursive bind of /sys instead. */
int nsk_mount_sysfs(const char *dst, struct nsk_err *e);

/* mount("proc", DST, "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL): the /proc
 * of the caller's pid namespace. */
int nsk_mount_proc(const char *dst, struct nsk_err *e);

/* Makes ROOT the root directory: chdir(ROOT), pivot_root(".", "."), then
 * umount2(".", MNT_DETACH) detaches the old root so that nothing of the
 * host stays reachable, and chdir("/"). ROOT must be a mount point
 * (nsk_mount_root_prepare()). */
int nsk_mount_pivot_root(const char *root, struct nsk_err *e);

/* The older way: chdir(ROOT), chroot("."), chdir("/"). The old root stays
 * mounted below. */
int nsk_mount_chroot(const char *root, struct nsk_err *e);

/*
 * Locks every mount of the current mount namespace against the caller
 * itself, as the kernel does for a mount namespace owned by a less
 * privileged user namespace: read-only stays read-only (even for root in a
 * user namespace, who could otherwise remount it writable), and nothing can
 * be unmounted to show what lies below: unshare(CLONE_NEWUSER|CLONE_NEWNS).
 * The caller then waits until someone in its current user namespace has
 * given the new one the same ids (nsk_mount_lock_maps()). Call it after
 * pivot_root (a chrooted process cannot create a user namespace) and after
 * anything that needs the capabilities of the current user namespace over
 * the other namespaces (sethostname, lo up). Returns 0 or -errno.
 */
int nsk_mount_lock(struct nsk_err *e);

/*
 * The other half of nsk_mount_lock(), run by the process that created the
 * outer user namespace (its owner, who has every capability in it): a
 * helper child joins the outer user namespace (setns, the parent of the one
 * that PID is in now) and writes PID's uid_map and gid_map with the ids of
 * the outer one, identity-mapped (only a process in the parent user
 * namespace may write more than its own id). PIDFD may be -1.
 * Returns 0 or -errno.
 */
int nsk_mount_lock_maps(pid_t pid, int pidfd, struct nsk_err *e);

/* mount(2), traced with -v as the call and its result. Returns 0 or -errno. */
int nsk_mount(const char *src, const char *dst, const char *type, unsigned long flags,
	      const char *data);

/* Writes "MS_BIND|MS_REC" for mount(2) FLAGS into BUF; returns BUF. */
const char *nsk_mount_flags_str(unsigned long flags, char *buf, size_t len);

#endif
