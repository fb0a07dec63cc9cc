/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ref.h - namespace references as SPEC §1 defines them: a PID, an nsfs file
 * (/proc/PID/ns/TYPE, a pin, /proc/PID/fd/N), a pin directory, the text
 * "TYPE:[INODE]", or a pin name under $NSPIN_DIR.
 */
#ifndef NSK_REF_H
#define NSK_REF_H

#include <stdbool.h>
#include <sys/types.h>

#include "nsfs.h"

enum nsk_ref_kind {
	NSK_REF_PID,  /* a process: pid, pidfd */
	NSK_REF_FILE, /* one namespace: fd, ns */
	NSK_REF_DIR,  /* a pin directory, one file per type: fd */
};

struct nsk_ref {
	enum nsk_ref_kind kind;
	pid_t pid;	  /* NSK_REF_PID */
	int pidfd;	  /* NSK_REF_PID; -1 before Linux 5.3 (no pidfd_open) */
	int fd;		  /* NSK_REF_FILE: the namespace; NSK_REF_DIR: the directory */
	struct nsk_ns ns; /* NSK_REF_FILE */
	char path[4096];  /* the file or directory that was resolved, if any */
};

#define NSK_REF_INIT {.pidfd = -1, .fd = -1}

/* The directory of pins made by name: $NSPIN_DIR, else /run/nspin. */
const char *nsk_pin_dir(void);

/*
 * Resolves TEXT into *REF. A PID is held through a pidfd from here on, so it
 * cannot be recycled under the caller. Returns 0 or -errno:
 * -ESRCH no such process, -ENOENT no such file, name or holder, -EINVAL not a
 * namespace file, -ENOTDIR a directory with no namespace files.
 */
int nsk_ref_resolve(const char *text, struct nsk_ref *ref);

/* Opens the namespace TYPE that REF names (CHILDREN: pid_for_children or
 * time_for_children of a process). Returns a close-on-exec fd, or -errno:
 * -ENOENT when REF has no namespace of that type (a file of another type, a
 * pin directory without it), -ESRCH when the process has died (also a zombie,
 * which keeps only its pid and user namespaces). */
int nsk_ref_open(const struct nsk_ref *ref, enum nsk_type type, bool children);

/* The types that REF can give (every type for a process). */
unsigned int nsk_ref_types(const struct nsk_ref *ref);

/* Closes what REF holds. */
void nsk_ref_close(struct nsk_ref *ref);

/* A hint for a failed resolution of TEXT, or NULL. */
const char *nsk_ref_hint(int err, const char *text);

/* Finds a holder of namespace TYPE with inode INO and opens it: a process in
 * it (or about to put its children in it), an open fd of a process, or a bind
 * mount in the mount namespace of any process. Returns an fd or -ENOENT.
 * (nsls also finds owners and parents; it keeps its own table.) */
int nsk_ns_find_by_inode(enum nsk_type type, ino_t ino);

#endif
