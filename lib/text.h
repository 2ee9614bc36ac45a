/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/text.h: the snprintf-like text sink and the shortest round-trip,
   locale-independent number format that every printing function of the
   library shares (not installed). */
#ifndef NS_LIB_TEXT_H
#define NS_LIB_TEXT_H

#include <stddef.h>
#include "internal.h"

/* Longest number text: "-2.2250738585072014e-308", "-9007199254740991"
   and the like, with room for printf's multi-byte locale decimal point in
   the intermediate text. */
#define NS_NUMBER_TEXT_SIZE 48

/* Counts every byte written, stores what fits, and keeps the stored text
   NUL-terminated, as snprintf does. */
typedef struct ns_text_sink {
  char *buf;
  size_t size;
  size_t len;
} ns_text_sink;

NS_INTERNAL void ns_text_init (ns_text_sink *k, char *buf, size_t size);
NS_INTERNAL void ns_text_put (ns_text_sink *k, const char *s);
NS_INTERNAL void ns_text_put_number (ns_text_sink *k, double x);

/* X as the shortest "%.<p>g" text (p = 1..17) that reads back as X, with
   '.' as the decimal point whatever the locale; integers below 2^53 in
   magnitude with all their digits ("10", not "1e+01"); "+inf", "-inf",
   "nan". */
NS_INTERNAL void ns_format_number (double x, char text[NS_NUMBER_TEXT_SIZE]);

/* Styles of ns_format_digits: printf's %g (the default) or %e, and '+'. */
#define NS_FORMAT_E 1
#define NS_FORMAT_PLUS 2

/* X as printf's "%.<N>g" (or "%.<N-1>e" with NS_FORMAT_E) writes it in the
   C locale, N = 1..17 significant digits, whatever the caller's locale:
   for texts that show a few digits (error estimates, tolerances) rather
   than the value itself. */
NS_INTERNAL void ns_format_digits (double x, int n, int style, char text[NS_NUMBER_TEXT_SIZE]);

#endif /* NS_LIB_TEXT_H */
