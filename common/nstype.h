/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nstype.h - the one table of namespace types: names, clone flags, the
 * /proc/PID/ns entries and the option letters that every tool shares.
 */
#ifndef NSK_NSTYPE_H
#define NSK_NSTYPE_H

#include <getopt.h>
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>

/* In the order of `ls /proc/PID/ns`. */
enum nsk_type {
	NSK_CGROUP,
	NSK_IPC,
	NSK_MNT,
	NSK_NET,
	NSK_PID,
	NSK_TIME,
	NSK_USER,
	NSK_UTS,
	NSK_NTYPES
};

/* A set of types: bit (1u << type). */
#define NSK_TYPE_BIT(t) (1u << (t))
#define NSK_ALL_TYPES ((1u << NSK_NTYPES) - 1)

struct nsk_type_info {
	const char *name;	  /* as in /proc/PID/ns and "TYPE:[INODE]" */
	const char *alias;	  /* another accepted name, or NULL */
	const char *longopt;	  /* the shared long option: --net */
	char shortopt;		  /* the shared short option: -n */
	int flag;		  /* CLONE_NEW* */
	const char *for_children; /* the *_for_children entry, or NULL */
	const char *kernel;	  /* the first kernel with this type */
};

extern const struct nsk_type_info nsk_types[NSK_NTYPES];

/* The order in which namespaces are entered: user first so that its
 * capabilities allow the rest, mount last so that paths resolve until then. */
extern const enum nsk_type nsk_join_order[NSK_NTYPES];

/* Returns the type named NAME (or its alias), or -EINVAL. */
int nsk_type_from_name(const char *name);

/* Returns the type whose CLONE_NEW* flag is FLAG, or -EINVAL. */
int nsk_type_from_flag(int flag);

/* Returns the type whose shared short option is C, or -1. */
int nsk_type_from_opt(int c);

/* Parses a comma-separated list of types ("net,uts", "all") into *MASK.
 * Returns 0, or -EINVAL with *BAD pointing at the unknown word. */
int nsk_types_parse(const char *list, unsigned int *mask, const char **bad);

/* The CLONE_NEW* flags of the types in MASK. */
int nsk_types_to_flags(unsigned int mask);

/* The set of types that the running kernel has (/proc/self/ns entries). */
unsigned int nsk_types_available(void);

/* Writes "CLONE_NEWUTS|CLONE_NEWPID" for FLAGS into BUF; returns BUF. */
const char *nsk_flags_str(unsigned long long flags, char *buf, size_t len);

/*
 * The type flags shared by nsclone, nsjoin and nsunshare, each with an
 * optional =FILE: -C -i -m -n -p -T -U -u. Put NSK_TYPE_SHORTOPTS in the
 * getopt string and NSK_TYPE_LONGOPTS in the option table; getopt returns the
 * short letter, nsk_type_from_opt() maps it, nsk_type_optarg() gives FILE.
 */
#define NSK_TYPE_SHORTOPTS "C::i::m::n::p::T::U::u::"
#define NSK_TYPE_LONGOPTS                                                                          \
	{"cgroup", optional_argument, NULL, 'C'}, {"ipc", optional_argument, NULL, 'i'},           \
	    {"mount", optional_argument, NULL, 'm'}, {"net", optional_argument, NULL, 'n'},        \
	    {"pid", optional_argument, NULL, 'p'}, {"time", optional_argument, NULL, 'T'},         \
	    {"user", optional_argument, NULL, 'U'}, {"uts", optional_argument, NULL, 'u'}

struct nsk_err;

/* Decodes the shared type option C (getopt's return) with its OPTARG: returns
 * the type and sets *FILE to its FILE (NULL when none was given); -1 when C is
 * not a type option; -EINVAL with E filled when FILE is given but empty. */
int nsk_type_opt(int c, const char *optarg, const char **file, struct nsk_err *e);

/* FILE of "-nFILE", "-n=FILE" or "--net=FILE"; NULL when none was given. */
const char *nsk_type_optarg(const char *optarg);

/* The usage lines for the type flags; WHAT describes FILE ("join", "pin"). */
void nsk_type_usage(FILE *out, const char *what);

#endif
