#!/bin/sh
# The man pages are lint-clean, and every long option in a tool's --help is
# documented on its page.
exec sh "$NSK_SRCDIR/man/check-man.sh" "$NSK_SRCDIR/man" "$NSK_BUILDDIR/tools"
