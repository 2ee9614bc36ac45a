/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/parse.h: text -> ns_function ("max(0,x)",
   "abs(x-1)+2*abs(x)"), with the column and a message on error.  The
   grammar, the messages and the limits are in the manual (node Parsing). */
#ifndef NONSMOOTH_PARSE_H
#define NONSMOOTH_PARSE_H

#include <nonsmooth/function.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NS_PARSE_MAX_LENGTH 4096  /* longest accepted text, in bytes */
#define NS_PARSE_MAX_DEPTH 200    /* deepest accepted nesting of parentheses and operators */

typedef struct ns_parse_error {
  int column;       /* 1-based character column of the error; 0 when there is none */
  char text[160];   /* what was expected near what, e.g. "expected ')' near ','" */
} ns_parse_error;

/* Parses TEXT into *OUT (NULL on failure).

     expr    := term (('+' | '-') term)*
     term    := unary (('*' | '/') unary)*
     unary   := ('-' | '+') unary | power
     power   := primary ('^' exponent)?          -x^2 is -(x^2); x^2^3 is an error
     exponent:= ['+'|'-'] integer | '(' ['+'|'-'] integer ')'
     primary := number | 'x' | 'pi' | name '(' args ')' | '(' expr ')'

   A call takes the primitive's function arguments first, then its numeric
   parameters, each a constant expression (no x); optional parameters may be
   omitted.  max and min take two or more arguments, folded from the left:
   max(a, b, c) is max(max(a, b), c).  Names, arities and parameter counts come from the operator table
   (ns_op_lookup, ns_op_get).  Numbers are read the same way in every C
   locale.

   ERR may be NULL; when given it is filled on failure (1-based column
   counted in UTF-8 characters, and a message) and cleared (column 0, empty
   text) on success.  Returns NS_OK, NS_EPARSE, NS_EINVAL (NULL text or out;
   ERR gets column 0 and a message), NS_ELIMIT (text longer than
   NS_PARSE_MAX_LENGTH bytes, nesting deeper than NS_PARSE_MAX_DEPTH, or a
   tree beyond the function model's bounds; also reported in ERR) or
   NS_ENOMEM. */
ns_status ns_fn_parse (const char *text, ns_function **out, ns_parse_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_PARSE_H */
