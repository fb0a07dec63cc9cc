// SPDX-License-Identifier: GPL-2.0-or-later
/* output.c - libsmartcols tables with the output options of util-linux. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "output.h"

bool nsk_out_opt(struct nsk_out *o, int c, const char *optarg)
{
	switch (c) {
	case 'J':
		o->json = true;
		return true;
	case 'r':
		o->raw = true;
		return true;
	case 'l':
		o->list = true;
		return true;
	case 'n':
		o->noheadings = true;
		return true;
	case 'o':
		o->outarg = optarg;
		return true;
	case 'u':
		o->notrunc = true;
		return true;
	case 'W':
		o->nowrap = true;
		return true;
	case NSK_OUT_OPT_ALL:
		o->all = true;
		return true;
	}
	return false;
}

void nsk_out_usage(FILE *out)
{
	fputs(" -J, --json             use JSON output format\n"
	      " -l, --list             use list format output\n"
	      " -n, --noheadings       don't print headings\n"
	      " -o, --output <list>    define which output columns to use (+<list> adds)\n"
	      "     --output-all       output all columns\n"
	      " -r, --raw              use the raw output format\n"
	      " -u, --notruncate       don't truncate text in columns\n"
	      " -W, --nowrap           don't use multi-line representation\n",
	      out);
}

void nsk_out_usage_columns(FILE *out, const struct nsk_col *cols, size_t ncols)
{
	fputs("\nAvailable output columns:\n", out);
	for (size_t i = 0; i < ncols; i++)
		fprintf(out, " %11s  %s\n", cols[i].name, cols[i].help);
}

int nsk_out_col_id(const struct nsk_out *o, const char *name)
{
	for (size_t i = 0; i < o->ncols; i++)
		if (strcasecmp(o->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Appends the columns named in LIST to o->ids. */
static int add_columns(struct nsk_out *o, const char *list, const char **bad)
{
	static char word[64];
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		int id;

		if (n == 0 || n >= sizeof(word))
			goto unknown;
		memcpy(word, p, n);
		word[n] = '\0';
		id = nsk_out_col_id(o, word);
		if (id < 0)
			goto unknown;
		if (o->nids >= NSK_OUT_MAXCOLS)
			return -E2BIG;
		o->ids[o->nids++] = id;
		p += n;
		if (*p == ',')
			p++;
		continue;
	unknown:
		n = strcspn(p, ",");
		if (n >= sizeof(word))
			n = sizeof(word) - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		*bad = word;
		return -EINVAL;
	}
	return 0;
}

static int add_all_columns(struct nsk_out *o, const char *defaults, const char **bad)
{
	o->nids = 0;
	if (o->all) {
		for (size_t i = 0; i < o->ncols && i < NSK_OUT_MAXCOLS; i++)
			o->ids[o->nids++] = (int)i;
		return 0;
	}
	/* As util-linux: "-o +COLS" keeps the defaults and adds COLS. */
	if (!o->outarg || o->outarg[0] == '+') {
		int r = add_columns(o, defaults, bad);

		if (r < 0 || !o->outarg)
			return r;
		return add_columns(o, o->outarg + 1, bad);
	}
	return add_columns(o, o->outarg, bad);
}

int nsk_out_columns(struct nsk_out *o, const char *defaults, const char **bad)
{
	int r = add_all_columns(o, defaults, bad);

	/* "-o ''" selects nothing: a table needs a column (libsmartcols
	 * refuses to print none). */
	if (r == 0 && o->nids == 0) {
		*bad = "";
		return -EINVAL;
	}
	return r;
}

void nsk_out_tree(struct nsk_out *o, int id)
{
	o->tree = id;
}

bool nsk_out_has(const struct nsk_out *o, int id)
{
	for (size_t i = 0; i < o->nids; i++)
		if (o->ids[i] == id)
			return true;
	return false;
}

int nsk_out_start(struct nsk_out *o)
{
	o->tb = scols_new_table();
	if (!o->tb)
		return -ENOMEM;
	scols_table_enable_json(o->tb, o->json);
	scols_table_enable_raw(o->tb, o->raw);
	scols_table_enable_noheadings(o->tb, o->noheadings);
	if (o->json)
		scols_table_set_name(o->tb, o->name);
	if (o->list || o->raw)
		o->tree = -1;
	for (size_t i = 0; i < o->nids; i++) {
		const struct nsk_col *col = &o->cols[o->ids[i]];
		int flags = col->flags;
		struct libscols_column *cl;

		if (o->notrunc)
			flags &= ~SCOLS_FL_TRUNC;
		/* A tree grows from the left, as in lsns. */
		if (o->ids[i] == o->tree)
			flags = (flags | SCOLS_FL_TREE) & ~SCOLS_FL_RIGHT;
		if (o->nowrap)
			flags &= ~SCOLS_FL_WRAP;
		cl = scols_table_new_column(o->tb, col->name, col->whint, flags);
		if (!cl)
			return -ENOMEM;
		if (flags & SCOLS_FL_WRAP) {
			scols_column_set_wrapfunc(cl, scols_wrapnl_chunksize,
						  scols_wrapnl_nextchunk, NULL);
			scols_column_set_safechars(cl, "\n");
		}
		if (o->json)
			scols_column_set_json_type(cl, col->json);
	}
	return 0;
}

struct libscols_line *nsk_out_line(struct nsk_out *o, struct libscols_line *parent)
{
	return scols_table_new_line(o->tb, o->tree >= 0 ? parent : NULL);
}

/* The position of column ID in the table, or -1 when it is not printed. */
static int col_pos(const struct nsk_out *o, int id)
{
	for (size_t i = 0; i < o->nids; i++)
		if (o->ids[i] == id)
			return (int)i;
	return -1;
}

int nsk_out_set(struct nsk_out *o, struct libscols_line *ln, int id, const char *s)
{
	int pos = col_pos(o, id);

	if (pos < 0 || !s || !*s)
		return 0;
	return scols_line_set_data(ln, (size_t)pos, s) < 0 ? -ENOMEM : 0;
}

int nsk_out_setf(struct nsk_out *o, struct libscols_line *ln, int id, const char *fmt, ...)
{
	int pos = col_pos(o, id);
	va_list ap;
	char *s;
	int n;

	if (pos < 0)
		return 0;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	/* The line takes the string. */
	if (scols_line_refer_data(ln, (size_t)pos, s) < 0) {
		free(s);
		return -ENOMEM;
	}
	return 0;
}

int nsk_out_set_list(struct nsk_out *o, struct libscols_line *ln, int id, const char *const *items,
		     size_t n)
{
	int pos = col_pos(o, id);
	char sep;
	size_t len = 1;
	char *s, *p;

	if (pos < 0 || n == 0)
		return 0;
	/* JSON arrays and multi-line cells are split at newlines. */
	sep = o->json || ((o->cols[id].flags & SCOLS_FL_WRAP) && !o->nowrap && !o->raw) ? '\n'
											: ',';
	for (size_t i = 0; i < n; i++)
		len += strlen(items[i]) + 1;
	s = p = malloc(len);
	if (!s)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(items[i]);

		if (i)
			*p++ = sep;
		memcpy(p, items[i], l);
		p += l;
	}
	*p = '\0';
	if (scols_line_refer_data(ln, (size_t)pos, s) < 0) {
		free(s);
		return -ENOMEM;
	}
	return 0;
}

int nsk_out_print(struct nsk_out *o)
{
	int r = scols_print_table(o->tb);

	if (r < 0)
		return r;
	if (fflush(stdout) != 0 || ferror(stdout))
		return -errno ? -errno : -EIO;
	return 0;
}

void nsk_out_free(struct nsk_out *o)
{
	scols_unref_table(o->tb);
	o->tb = NULL;
}
