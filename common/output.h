/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output.h - tables for nsls and `nspin ls` through libsmartcols, with the
 * output options and formats of util-linux (lsns, findmnt): -J --json,
 * -r --raw, -l --list, -n --noheadings, -o --output COLS (+COLS appends to
 * the defaults), --output-all, and trees.
 *
 * A tool describes its columns once in a table of struct nsk_col, puts
 * NSK_OUT_SHORTOPTS / NSK_OUT_LONGOPTS into getopt_long, hands every option
 * to nsk_out_opt(), calls nsk_out_columns() with its default columns, then
 * nsk_out_start(), one nsk_out_line() per row with nsk_out_set*() per cell,
 * nsk_out_print() and nsk_out_free().
 */
#ifndef NSK_OUTPUT_H
#define NSK_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libsmartcols.h>

/* One column a tool can print. */
struct nsk_col {
	const char *name; /* as given to -o, upper case: "NS" */
	double whint;	  /* width hint, as in lsns: < 1 a fraction, >= 1 characters */
	int flags;	  /* SCOLS_FL_RIGHT, SCOLS_FL_TRUNC, SCOLS_FL_WRAP, ... */
	int json;	  /* SCOLS_JSON_STRING, _NUMBER, _ARRAY_STRING (a list cell) */
	const char *help; /* one line for --help */
};

#define NSK_OUT_MAXCOLS 64

struct nsk_out {
	const struct nsk_col *cols;
	size_t ncols;
	const char *name;   /* the JSON top-level key: "namespaces" */
	const char *outarg; /* -o as given (NULL: defaults) */
	bool json, raw, list, noheadings, all, nowrap, notrunc;
	int tree;		  /* the column drawn as a tree, or -1 */
	int ids[NSK_OUT_MAXCOLS]; /* the selected columns, in output order */
	size_t nids;
	struct libscols_table *tb;
};

#define NSK_OUT_INIT(COLS, NCOLS, NAME)                                                            \
	{                                                                                          \
		.cols = (COLS), .ncols = (NCOLS), .name = (NAME), .tree = -1                       \
	}

/* Long-only option value of --output-all; the rest use their short letter. */
#define NSK_OUT_OPT_ALL 0x4f41

#define NSK_OUT_SHORTOPTS "Jrlno:uW"
#define NSK_OUT_LONGOPTS                                                                           \
	{"json", no_argument, NULL, 'J'}, {"raw", no_argument, NULL, 'r'},                         \
		{"list", no_argument, NULL, 'l'}, {"noheadings", no_argument, NULL, 'n'},          \
		{"output", required_argument, NULL, 'o'},                                          \
		{"output-all", no_argument, NULL, NSK_OUT_OPT_ALL},                                \
		{"notruncate", no_argument, NULL, 'u'},                                            \
	{                                                                                          \
		"nowrap", no_argument, NULL, 'W'                                                   \
	}

/* Takes option C (with OPTARG) when it is an output option.
 * Returns true when it was one. */
bool nsk_out_opt(struct nsk_out *o, int c, const char *optarg);

/* The --help lines of the output options. */
void nsk_out_usage(FILE *out);

/* The "Available output columns:" block of --help. */
void nsk_out_usage_columns(FILE *out, const struct nsk_col *cols, size_t ncols);

/* The column named NAME (case-insensitive), or -1. */
int nsk_out_col_id(const struct nsk_out *o, const char *name);

/*
 * Chooses the columns: DEFAULTS (a comma-separated list), replaced by -o, or
 * extended by -o +COLS, or every column with --output-all. Returns 0,
 * -EINVAL with *BAD set to the unknown name (static storage; "" when the list
 * selects no column), or -E2BIG beyond NSK_OUT_MAXCOLS columns.
 */
int nsk_out_columns(struct nsk_out *o, const char *defaults, const char **bad);

/* Draws column ID as the tree (call before nsk_out_start; ignored with -l,
 * as util-linux does). */
void nsk_out_tree(struct nsk_out *o, int id);

/* Returns true when column ID is printed. */
bool nsk_out_has(const struct nsk_out *o, int id);

/* Creates the table. Returns 0 or -ENOMEM. */
int nsk_out_start(struct nsk_out *o);

/* A new row, under PARENT in a tree (or NULL). Returns NULL on ENOMEM. */
struct libscols_line *nsk_out_line(struct nsk_out *o, struct libscols_line *parent);

/* Sets the cell of column ID in LN (nothing when ID is not printed). A NULL
 * or empty string leaves the cell empty (JSON null). Returns 0 or -ENOMEM. */
int nsk_out_set(struct nsk_out *o, struct libscols_line *ln, int id, const char *s);
__attribute__((format(printf, 4, 5))) int nsk_out_setf(struct nsk_out *o, struct libscols_line *ln,
						       int id, const char *fmt, ...);

/* Sets a list cell from N strings: a JSON array with -J, else the items
 * separated by commas (newlines in a wrapping column). Returns 0 or -ENOMEM. */
int nsk_out_set_list(struct nsk_out *o, struct libscols_line *ln, int id, const char *const *items,
		     size_t n);

/* Prints the table on stdout. Returns 0 or -errno. */
int nsk_out_print(struct nsk_out *o);

void nsk_out_free(struct nsk_out *o);

#endif
