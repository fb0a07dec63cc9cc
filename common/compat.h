/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compat.h - system calls and constants newer than the build headers.
 *
 * nskit builds against old headers (Debian 12: linux-libc-dev 6.1, glibc 2.36)
 * and runs on newer kernels, so every constant that came later is defined here
 * from the kernel's uapi value, with the kernel version that added it. Callers
 * try the call and fall back on ENOSYS/EINVAL/ENOTTY; nothing compares versions.
 */
#ifndef NSK_COMPAT_H
#define NSK_COMPAT_H

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/* ---- namespace clone flags ---- */
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000 /* 4.6 */
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080 /* 5.6; clone3(2) and unshare(2) only */
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000 /* 5.2 */
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL /* 5.5, clone3 only */
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL /* 5.7, clone3 only */
#endif

/* ---- nsfs ioctls (include/uapi/linux/nsfs.h) ---- */
#define NSK_NSIO 0xb7
#ifndef NS_GET_USERNS
#define NS_GET_USERNS _IO(NSK_NSIO, 0x1) /* 4.9 */
#endif
#ifndef NS_GET_PARENT
#define NS_GET_PARENT _IO(NSK_NSIO, 0x2) /* 4.9 */
#endif
#ifndef NS_GET_NSTYPE
#define NS_GET_NSTYPE _IO(NSK_NSIO, 0x3) /* 4.11 */
#endif
#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID _IO(NSK_NSIO, 0x4) /* 4.11 */
#endif
/* 6.11; the first published encoding _IO(0xb7, 5) gives ENOTTY on 6.18. */
#define NSK_NS_GET_MNTNS_ID _IOR(NSK_NSIO, 0x5, uint64_t)
/* 6.11: translate PIDs between pid namespaces. */
#define NSK_NS_GET_PID_FROM_PIDNS _IOR(NSK_NSIO, 0x6, int)
#define NSK_NS_GET_TGID_FROM_PIDNS _IOR(NSK_NSIO, 0x7, int)
#define NSK_NS_GET_PID_IN_PIDNS _IOR(NSK_NSIO, 0x8, int)
#define NSK_NS_GET_TGID_IN_PIDNS _IOR(NSK_NSIO, 0x9, int)
/* 6.12: walk every mount namespace (NEXT/PREV need CAP_SYS_ADMIN). */
struct nsk_mnt_ns_info {
	uint32_t size;
	uint32_t nr_mounts;
	uint64_t mnt_ns_id;
};
#define NSK_NS_MNT_GET_INFO _IOR(NSK_NSIO, 10, struct nsk_mnt_ns_info)
#define NSK_NS_MNT_GET_NEXT _IOR(NSK_NSIO, 11, struct nsk_mnt_ns_info)
#define NSK_NS_MNT_GET_PREV _IOR(NSK_NSIO, 12, struct nsk_mnt_ns_info)
/* 6.18: the 64-bit namespace id, never reused (inode numbers are). */
#define NSK_NS_GET_ID _IOR(NSK_NSIO, 13, uint64_t)

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

/* ---- pidfd (include/uapi/linux/pidfd.h) ---- */
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434 /* 5.3 */
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424 /* 5.1 */
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438 /* 5.6 */
#endif
#ifndef __NR_clone3
#define __NR_clone3 435 /* 5.3 */
#endif
#ifndef __NR_statmount
#define __NR_statmount 457 /* 6.8 */
#endif
#ifndef __NR_listmount
#define __NR_listmount 458 /* 6.8 */
#endif
#ifndef __NR_listns
#define __NR_listns 470 /* 6.19 */
#endif
#ifndef P_PIDFD
#define P_PIDFD 3 /* 5.4 */
#endif

/* 6.11: namespace fds straight from a pidfd, no /proc path involved. */
#define NSK_PIDFS_IOCTL_MAGIC 0xFF
#define NSK_PIDFD_GET_CGROUP_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 1)
#define NSK_PIDFD_GET_IPC_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 2)
#define NSK_PIDFD_GET_MNT_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 3)
#define NSK_PIDFD_GET_NET_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 4)
#define NSK_PIDFD_GET_PID_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 5)
#define NSK_PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 6)
#define NSK_PIDFD_GET_TIME_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 7)
#define NSK_PIDFD_GET_TIME_FOR_CHILDREN_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 8)
#define NSK_PIDFD_GET_USER_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 9)
#define NSK_PIDFD_GET_UTS_NAMESPACE _IO(NSK_PIDFS_IOCTL_MAGIC, 10)

/* ---- nsfs file handles (6.18) ---- */
#define NSK_FD_NSFS_ROOT (-10003)
#define NSK_FILEID_NSFS 0xf1

#ifndef SIOCGSKNS
#define SIOCGSKNS 0x894C /* 4.9: the net namespace of a socket */
#endif

/* clone3's argument (include/uapi/linux/sched.h); size 64 = VER0, 88 = VER2. */
struct nsk_clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};
#define NSK_CLONE_ARGS_SIZE_VER0 64
#define NSK_CLONE_ARGS_SIZE_VER2 88

static inline int nsk_sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return (int)syscall(__NR_pidfd_open, pid, flags);
}

static inline int nsk_sys_pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
	return (int)syscall(__NR_pidfd_send_signal, pidfd, sig, info, flags);
}

static inline int nsk_sys_pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
	return (int)syscall(__NR_pidfd_getfd, pidfd, targetfd, flags);
}

static inline pid_t nsk_sys_clone3(struct nsk_clone_args *args, size_t size)
{
	return (pid_t)syscall(__NR_clone3, args, size);
}

#endif /* NSK_COMPAT_H */
