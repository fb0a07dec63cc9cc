/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * setup.h - setting up the process that will exec the command, shared by
 * nsjoin, nsunshare and nsclone: root and working directory, uid/gid,
 * capabilities across exec, environment, a fresh /proc and /sys in a private
 * mount namespace, and cgroup membership. Each function returns -errno.
 */
#ifndef NSK_SETUP_H
#define NSK_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Parses a numeric uid or gid ("0", "1000"). Returns 0 or -EINVAL. */
int nsk_setup_parse_id(const char *s, unsigned int *id);

/* Makes the directory FD the root (fchdir + chroot(".")); the working
 * directory is then that root. Returns 0 or -errno. */
int nsk_setup_root_fd(int fd);

/* The credentials to take before exec; set_* false leaves that one alone. */
struct nsk_creds {
	bool set_uid, set_gid;
	uid_t uid;
	gid_t gid;
};

/*
 * Drops the supplementary groups and sets the gid, then the uid, for the
 * fields that are set. The drop is skipped where setgroups(2) is denied in
 * the user namespace (/proc/self/setgroups "deny", 3.19). Returns 0, or
 * -errno with *STEP naming the call that failed ("setgid", "setuid", ...).
 */
int nsk_setup_creds(const struct nsk_creds *c, const char **step);

/* Raises every permitted capability into the inheritable and ambient sets
 * (ambient: 4.3), so that they survive an exec as a non-zero uid.
 * Returns 0 or -errno. */
int nsk_setup_keep_caps(void);

/* Gives the caller a mount namespace of its own (unshare(CLONE_NEWNS)) whose
 * mounts do not propagate back (MS_REC|MS_PRIVATE on /). Returns 0 or -errno. */
int nsk_setup_private_mounts(void);

/* Mounts a fresh proc of the caller's pid namespace at DIR, and a fresh sysfs
 * of its network namespace at DIR (nosuid, nodev, noexec). 0 or -errno. */
int nsk_setup_mount_proc(const char *dir);
int nsk_setup_mount_sys(const char *dir);

/* Replaces the environment with the NUL-separated "NAME=VALUE" strings of
 * BUF[0..LEN) (as /proc/PID/environ holds them). BUF must outlive the exec.
 * Returns 0 or -errno. */
int nsk_setup_env_replace(char *buf, size_t len);

/* Reads the whole file PATH (relative to DIRFD) into a new NUL-terminated
 * buffer. Returns 0 with *BUF and *LEN, or -errno. */
int nsk_read_file(int dirfd, const char *path, char **buf, size_t *len);

/*
 * Moves the caller into every cgroup listed in TEXT (what /proc/PID/cgroup of
 * some process holds): cgroup v2 and each v1 hierarchy, found in the caller's
 * mountinfo, by writing to their cgroup.procs. Returns 0, or -errno with the
 * file that failed in FAILED (-ENOENT: a hierarchy that is not mounted).
 */
int nsk_cgroup_join(const char *text, char *failed, size_t len);

#endif
