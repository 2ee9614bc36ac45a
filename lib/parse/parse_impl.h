/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/parse/parse_impl.h: the parser's lexer state and the pieces of lib/parse/parse.c
   that lib/distribution/dist_parse.c reuses, so the distribution grammar reads numbers,
   names, calls and function subexpressions exactly as ns_fn_parse does and
   shares its messages, columns and limits. */
#ifndef NS_PARSE_IMPL_H
#define NS_PARSE_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "nonsmooth/parse.h"
#include "internal.h"

/* "No offset recorded" for parser.first_x. */
#define PARSE_NO_OFFSET SIZE_MAX

#if defined __GNUC__
#define PARSE_PRINTF(f, a) __attribute__ ((format (printf, f, a)))
#else
#define PARSE_PRINTF(f, a)
#endif

typedef enum token_kind
{
  TOK_END, TOK_NUMBER, TOK_NAME, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH,
  TOK_CARET, TOK_LPAREN, TOK_RPAREN, TOK_COMMA,
  TOK_BAD           /* a character that starts no token */
} token_kind;

typedef struct token
{
  token_kind kind;
  size_t start;     /* byte offset in the text */
  size_t len;       /* length in bytes */
} token;

typedef struct parser
{
  const char *text;
  size_t length;          /* bytes, <= NS_PARSE_MAX_LENGTH */
  token tok;              /* the lookahead token */
  int depth;              /* open parentheses and unary operators */
  int sign_before_paren;  /* the lookahead '(' directly follows a sign */
  size_t first_x;         /* offset of the first 'x' since the last reset */
  int dist_names;         /* 'delta', 'pv' and 'D' get the distribution message */
  struct ns_parse_vars *vars; /* variables of several-variable parsing, or NULL */
  int sum_bound;          /* inside the body of a sum: the name k is SUM_K */
  double sum_k;
  ns_status status;       /* NS_OK until the first error */
  ns_parse_error error;   /* the first error; later ones are dropped */
} parser;

/* Digits are the ASCII set, tested without <ctype.h>, whose answers
   depend on the locale. */
static inline int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* ---- lib/parse/parse_lex.c */

/* Sets up P for TEXT (not NULL) and reads the first token; on a text
   longer than NS_PARSE_MAX_LENGTH records NS_ELIMIT and returns 0. */
NS_INTERNAL int ns_parse_begin (parser *p, const char *text);

/* The entry check of the parsers: clears ERR (when not NULL); 0, with
   "text is NULL" or "out is NULL" in ERR, when TEXT is NULL or HAVE_OUT
   is 0. */
NS_INTERNAL int ns_parse_arguments_ok (const char *text, int have_out, ns_parse_error *err);

/* Reports a token left over after a complete expression ("unmatched ')'",
   "expected operator near ..."); returns 0 then, 1 at the end of input. */
NS_INTERNAL int ns_parse_at_end (parser *p);

/* Moves to the next token. */
NS_INTERNAL void ns_parse_advance (parser *p);

/* Whether token T (the lookahead) is the name WORD. */
NS_INTERNAL int ns_parse_token_is_word (const parser *p, const token *t, const char *word);
NS_INTERNAL int ns_parse_token_is (const parser *p, const char *word);

/* The value of a number token, read the same way in every C locale. */
NS_INTERNAL double ns_parse_number_value (const char *s, size_t len);

/* Records an error at byte offset OFF, unless one is recorded already:
   later errors are consequences of the first. */
NS_INTERNAL void ns_parse_set_error (parser *p, ns_status status, size_t off,
                                     const char *fmt, ...) PARSE_PRINTF (4, 5);

/* Token T as a message quotes it ("end of input", "'abc'"). */
NS_INTERNAL void ns_parse_describe_token (const parser *p, const token *t, char *buf,
                                          size_t size);

/* An error at T: BEFORE, the quoted token, AFTER. */
NS_INTERNAL void ns_parse_fail_at_token (parser *p, ns_status status, const token *t,
                                         const char *before, const char *after);

/* "expected WHAT near <lookahead>" (or the bad character itself). */
NS_INTERNAL void ns_parse_fail_expected (parser *p, const char *what);

/* ---- lib/multi/multi_parse.c */

/* When P->vars is set (several-variable parsing), reads the lookahead name
   T as a variable: returns a new reference to its leaf and sets *IS_VAR to
   1; sets *IS_VAR to 0 (and returns NULL) when T names no variable; records
   an error and returns NULL with *IS_VAR = 1 for a variable out of range. */
NS_INTERNAL ns_function *ns_parse_vars_lookup (parser *p, const token *t, int *is_var);

/* ---- lib/parse/parse.c */

/* ns_fn_make with the parser's messages; takes A and B. */
NS_INTERNAL ns_function *ns_parse_build (parser *p, ns_op op, ns_function *a,
                                         ns_function *b, const double *params, size_t at);

/* One level of nesting against NS_PARSE_MAX_DEPTH (0 and NS_ELIMIT when
   full), and its release. */
NS_INTERNAL int ns_parse_enter (parser *p, size_t at);
NS_INTERNAL void ns_parse_leave (parser *p);

/* The function grammar's rules (see parse.h): expr, term, primary, the
   exponent after '^' (1 and *N, or 0), and the optional "'^' exponent"
   after an already parsed BASE (takes BASE). */
NS_INTERNAL ns_function *ns_parse_expr (parser *p);
NS_INTERNAL ns_function *ns_parse_term (parser *p);
NS_INTERNAL ns_function *ns_parse_primary (parser *p);
NS_INTERNAL int ns_parse_exponent (parser *p, int *n);
NS_INTERNAL ns_function *ns_parse_power_suffix (parser *p, ns_function *base);

#endif /* NS_PARSE_IMPL_H */
