/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/parse/parse.c: text -> ns_function.  A recursive-descent parser over the
   tokens of lib/parse/parse_lex.c that builds trees only through the public
   function-model API (ns_op_lookup, ns_op_get, ns_fn_make, ns_fn_eval,
   ns_fn_free), so a new row in the operator table needs no change here.
   Owns the grammar's messages and the limit NS_PARSE_MAX_DEPTH; its rules
   are shared with lib/distribution/dist_parse.c. */
#include <config.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nonsmooth/parse.h"
#include "parse/parse_impl.h"
#include "text.h"

/* pi to more digits than a double holds; M_PI is not C11. */
#define PARSE_PI 3.14159265358979323846264338327950288

/* ------------------------------------------------------------------ building */

/* ns_fn_make with the parser's error reporting.  Ownership of A and B (as
   many as the primitive's arity) passes to ns_fn_make, which releases them
   when it fails.  AT is the offset blamed in a message. */
ns_function *
ns_parse_build (parser *p, ns_op op, ns_function *a, ns_function *b, const double *params,
                size_t at)
{
  ns_function *args[2] = { a, b };
  static const double no_params[2] = { 0.0, 0.0 };
  ns_function *f = NULL;
  ns_status s = ns_fn_make (op, args, params ? params : no_params, &f);
  if (s == NS_OK && f != NULL)
    return f;
  const ns_op_info *info = ns_op_get (op);
  const char *name = info && info->name ? info->name : "?";
  if (s == NS_OK || s == NS_ENOMEM)
    ns_parse_set_error (p, NS_ENOMEM, at, "out of memory");
  else if (s == NS_ELIMIT)
    ns_parse_set_error (p, NS_ELIMIT, at,
                        "expression too deep or too large for the function model "
                        "(depth %d, size %d) at '%s'", NS_FN_MAX_DEPTH, NS_FN_MAX_SIZE, name);
  /* Each message names the rule or the limit that was broken; numbers are
     written in the C locale. */
  else if (info && info->nparams >= 1 && info->nparams <= 2 && params)
    {
      char p0[NS_NUMBER_TEXT_SIZE], p1[NS_NUMBER_TEXT_SIZE];
      ns_format_number (params[0], p0);
      if (info->nparams == 2)
        ns_format_number (params[1], p1);
      if (op == NS_OP_POW)
        ns_parse_set_error (p, NS_EPARSE, at,
                            "invalid parameter for %s: %s (an integer exponent, at most %d in "
                            "absolute value)", name, p0, NS_FN_MAX_POW);
      else if (op == NS_OP_CLAMP)
        ns_parse_set_error (p, NS_EPARSE, at,
                            "invalid parameters for %s: %s, %s (needs lo <= hi, lo < +inf, "
                            "hi > -inf)", name, p0, p1);
      else if (info->nparams == 2)
        ns_parse_set_error (p, NS_EPARSE, at, "invalid parameters for %s: %s, %s", name,
                            p0, p1);
      else
        ns_parse_set_error (p, NS_EPARSE, at, "invalid parameter for %s: %s (must be finite)",
                            name, p0);
    }
  else
    ns_parse_set_error (p, NS_EPARSE, at, "cannot build '%s': %s", name, ns_strerror (s));
  return NULL;
}

/* Counts one level of nesting (a parenthesis or a unary operator), or
   reports NS_ELIMIT: the bound keeps the recursion, and so the C stack,
   shallow whatever the input. */
int
ns_parse_enter (parser *p, size_t at)
{
  if (p->depth >= NS_PARSE_MAX_DEPTH)
    {
      char near[48];
      ns_parse_describe_token (p, &p->tok, near, sizeof near);
      ns_parse_set_error (p, NS_ELIMIT, at, "nesting deeper than %d near %s",
                          NS_PARSE_MAX_DEPTH, near);
      return 0;
    }
  p->depth++;
  return 1;
}

void
ns_parse_leave (parser *p)
{
  p->depth--;
}

/* ------------------------------------------------------------------ grammar */

/* exponent := ['+'|'-'] integer | '(' ['+'|'-'] integer ')'.  Only an
   integer literal is accepted, so the power is a polynomial power the
   function model can expand exactly; its magnitude must fit an int. */
int
ns_parse_exponent (parser *p, int *n)
{
  int parenthesized = p->tok.kind == TOK_LPAREN;
  if (parenthesized)
    ns_parse_advance (p);
  int negative = 0;
  if (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
    {
      negative = p->tok.kind == TOK_MINUS;
      ns_parse_advance (p);
    }
  if (p->tok.kind != TOK_NUMBER)
    {
      ns_parse_fail_expected (p, "integer exponent");
      return 0;
    }
  char quoted[48];
  ns_parse_describe_token (p, &p->tok, quoted, sizeof quoted);
  const char *s = p->text + p->tok.start;
  long value = 0;
  for (size_t i = 0; i < p->tok.len; i++)
    {
      if (!is_digit (s[i]))
        {
          ns_parse_set_error (p, NS_EPARSE, p->tok.start,
                              "exponent must be an integer, got %s", quoted);
          return 0;
        }
      value = 10 * value + (s[i] - '0');
      if (value > INT_MAX)
        {
          ns_parse_set_error (p, NS_EPARSE, p->tok.start,
                              "exponent %s out of range (at most %d in magnitude)", quoted,
                              INT_MAX);
          return 0;
        }
    }
  ns_parse_advance (p);
  if (parenthesized)
    {
      if (p->tok.kind != TOK_RPAREN)
        {
          ns_parse_fail_expected (p, "')'");
          return 0;
        }
      ns_parse_advance (p);
    }
  *n = negative ? -(int) value : (int) value;
  return 1;
}

/* "relu takes 1 argument, got 2", "heaviside takes 1 or 2 arguments, got 3". */
static void
report_argument_count (parser *p, const char *name, int min_args, int max_args, int count,
                       size_t at)
{
  if (max_args == INT_MAX)
    ns_parse_set_error (p, NS_EPARSE, at, "%s takes at least %d arguments, got %d", name,
                        min_args, count);
  else if (min_args == max_args)
    ns_parse_set_error (p, NS_EPARSE, at, "%s takes %d argument%s, got %d", name, min_args,
                        min_args == 1 ? "" : "s", count);
  else
    ns_parse_set_error (p, NS_EPARSE, at, "%s takes %d %s %d arguments, got %d", name,
                        min_args, max_args == min_args + 1 ? "or" : "to", max_args, count);
}

/* Parses the arguments of a call to OP, named by token NAME, with the
   lookahead at '('.  The first arity arguments are functions; the next
   ones are parameters, constant expressions evaluated here; omitted
   optional parameters take their defaults from the table. */
static ns_function *
parse_call (parser *p, ns_op op, token name)
{
  const ns_op_info *info = ns_op_get (op);
  if (info == NULL || info->name == NULL || info->arity < 0 || info->arity > 2 || info->nparams < 0
      || info->nparams > 2 || info->nparams_required > info->nparams)
    {
      /* The table promises at most two of each; anything else is a table
         this parser was not written for. */
      ns_parse_fail_at_token (p, NS_EPARSE, &name, "cannot call ",
                              ": unsupported operator table row");
      return NULL;
    }
  const int min_args = info->arity + info->nparams_required;
  /* max and min take any number of arguments from two on. */
  const int variadic = (op == NS_OP_MAX || op == NS_OP_MIN) && info->nparams == 0;
  const int max_args = variadic ? INT_MAX : info->arity + info->nparams;
  ns_function *args[2] = { NULL, NULL };
  double params[2] = { 0.0, 0.0 };
  int count = 0;
  size_t surplus_at = PARSE_NO_OFFSET;

  if (!ns_parse_enter (p, p->tok.start))
    return NULL;
  ns_parse_advance (p);
  if (p->tok.kind != TOK_RPAREN)
    for (;;)
      {
        size_t arg_at = p->tok.start;
        if (variadic && count >= 2)
          {
            /* max(a, b, c) = max(max(a, b), c): max and min are
               associative, so the left fold is the n-ary function. */
            args[0] = ns_parse_build (p, op, args[0], args[1], NULL, name.start);
            args[1] = NULL;
            if (args[0] == NULL || (args[1] = ns_parse_expr (p)) == NULL)
              goto fail;
          }
        else if (count < info->arity)
          {
            if ((args[count] = ns_parse_expr (p)) == NULL)
              goto fail;
          }
        else if (op == NS_OP_HEAVISIDE && count == info->arity && ns_parse_token_is (p, "nan"))
          {
            /* heaviside(x, nan): undefined at the jump (SymPy's
               Heaviside(x, nan)); the only place nan is a number. */
            ns_parse_advance (p);
            params[0] = NAN;
          }
        else if (count < max_args)
          {
            size_t outer_x = p->first_x;
            p->first_x = PARSE_NO_OFFSET;
            ns_function *c = ns_parse_expr (p);
            size_t x_at = p->first_x;
            p->first_x = outer_x;
            if (c == NULL)
              goto fail;
            if (x_at != PARSE_NO_OFFSET)
              {
                ns_fn_free (c);
                ns_parse_set_error (p, NS_EPARSE, x_at, "argument %d of %s is a parameter "
                                    "and must not depend on x", count + 1, info->name);
                goto fail;
              }
            ns_result r;
            ns_status s = ns_fn_eval (c, 0.0, &r);
            ns_fn_free (c);
            if (s != NS_OK || !isfinite (r.val))
              {
                ns_parse_set_error (p, NS_EPARSE, arg_at,
                                    "argument %d of %s is not a finite number (%s)", count + 1,
                                    info->name, s != NS_OK ? ns_strerror (s) : "infinite");
                goto fail;
              }
            params[count - info->arity] = r.val;
          }
        else
          {
            /* Read surplus arguments anyway, so the message can say how
               many there were. */
            if (surplus_at == PARSE_NO_OFFSET)
              surplus_at = arg_at;
            ns_function *extra = ns_parse_expr (p);
            if (extra == NULL)
              goto fail;
            ns_fn_free (extra);
          }
        count++;
        if (p->tok.kind == TOK_COMMA)
          {
            ns_parse_advance (p);
            continue;
          }
        if (p->tok.kind == TOK_RPAREN)
          break;
        ns_parse_fail_expected (p, "',' or ')'");
        goto fail;
      }
  if (count < min_args || count > max_args)
    {
      report_argument_count (p, info->name, min_args, max_args, count,
                             count > max_args ? surplus_at : p->tok.start);
      goto fail;
    }
  ns_parse_advance (p);
  ns_parse_leave (p);
  for (int i = count - info->arity; i < info->nparams; i++)
    params[i] = info->param_default[i];
  return ns_parse_build (p, op, args[0], args[1], params, name.start);

fail:
  ns_parse_leave (p);
  ns_fn_free (args[0]);
  ns_fn_free (args[1]);
  return NULL;
}

/* Whether the mantissa of the number token S (LEN bytes) has only zero
   digits, so that the value 0 is the number itself, not an underflow. */
static int
digits_all_zero (const char *s, size_t len)
{
  for (size_t i = 0; i < len && s[i] != 'e' && s[i] != 'E'; i++)
    if (s[i] >= '1' && s[i] <= '9')
      return 0;
  return 1;
}

/* primary := number | 'x' | 'pi' | name '(' args ')' | '(' expr ')' */
ns_function *
ns_parse_primary (parser *p)
{
  token t = p->tok;
  switch (t.kind)
    {
    case TOK_NUMBER:
      {
        double v = ns_parse_number_value (p->text + t.start, t.len);
        /* Beyond the doubles at either end is an error: 1e999 would be
           infinite and 1e-400, from nonzero digits, 0 (subnormal values
           such as 1e-310 are kept). */
        if (!isfinite (v) || (v == 0 && !digits_all_zero (p->text + t.start, t.len)))
          {
            ns_parse_fail_at_token (p, NS_EPARSE, &t, "number ", " out of range");
            return NULL;
          }
        ns_parse_advance (p);
        return ns_parse_build (p, NS_OP_CONST, NULL, NULL, &v, t.start);
      }
    case TOK_NAME:
      {
        if (p->vars != NULL)
          {
            int is_var = 0;
            ns_function *v = ns_parse_vars_lookup (p, &t, &is_var);
            if (is_var)
              {
                if (p->first_x == PARSE_NO_OFFSET)
                  p->first_x = t.start;
                if (v != NULL)
                  ns_parse_advance (p);
                return v;
              }
          }
        if (ns_parse_token_is (p, "x"))
          {
            if (p->first_x == PARSE_NO_OFFSET)
              p->first_x = t.start;
            ns_parse_advance (p);
            return ns_parse_build (p, NS_OP_X, NULL, NULL, NULL, t.start);
          }
        if (p->sum_bound && ns_parse_token_is (p, "k"))
          {
            /* The index of a sum the distribution grammar is reading. */
            const double k = p->sum_k;
            ns_parse_advance (p);
            return ns_parse_build (p, NS_OP_CONST, NULL, NULL, &k, t.start);
          }
        if (ns_parse_token_is (p, "pi"))
          {
            const double pi = PARSE_PI;
            ns_parse_advance (p);
            return ns_parse_build (p, NS_OP_CONST, NULL, NULL, &pi, t.start);
          }
        ns_op op = ns_op_lookup (p->text + t.start, t.len);
        /* H(a), the textbook heaviside that ns_dist_snprint_readable writes
           with NS_DIST_PRINT_MATH, in distribution text only. */
        if (op == NS_OP_COUNT && p->dist_names && ns_parse_token_is_word (p, &t, "H"))
          op = NS_OP_HEAVISIDE;
        ns_parse_advance (p);
        if ((op == NS_OP_COUNT || ns_op_get (op) == NULL) && p->dist_names
            && (ns_parse_token_is_word (p, &t, "delta") || ns_parse_token_is_word (p, &t, "pv")
                || ns_parse_token_is_word (p, &t, "\xce\xb4")
                || ns_parse_token_is_word (p, &t, "D")))
          {
            /* Only lib/distribution/dist_parse.c sets dist_names, and it reads these
               names itself wherever they may stand. */
            ns_parse_fail_at_token (p, NS_EPARSE, &t, "",
                                    " may only be multiplied by a function or added, "
                                    "not used inside an argument");
            return NULL;
          }
        if (op == NS_OP_COUNT || ns_op_get (op) == NULL)
          {
            ns_parse_fail_at_token (p, NS_EPARSE, &t, p->tok.kind == TOK_LPAREN
                                    ? "unknown function " : "unknown name ", "");
            return NULL;
          }
        if (p->tok.kind != TOK_LPAREN)
          {
            ns_parse_fail_expected (p, "'('");
            return NULL;
          }
        return parse_call (p, op, t);
      }
    case TOK_LPAREN:
      {
        /* A '(' right after a sign shares the sign's level (see
           parse_unary); any other '(' is a level of its own. */
        int counted = !p->sign_before_paren;
        p->sign_before_paren = 0;
        if (counted && !ns_parse_enter (p, t.start))
          return NULL;
        ns_parse_advance (p);
        ns_function *e = ns_parse_expr (p);
        if (e != NULL && p->tok.kind != TOK_RPAREN)
          {
            ns_parse_fail_expected (p, "')'");
            ns_fn_free (e);
            e = NULL;
          }
        if (counted)
          ns_parse_leave (p);
        if (e != NULL)
          ns_parse_advance (p);
        return e;
      }
    default:
      ns_parse_fail_expected (p, "expression");
      return NULL;
    }
}

/* Whether F reads x (or a variable) anywhere. */
static int
reads_variable (const ns_function *f)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  if (info->arity == 0)
    return ns_fn_op (f) != NS_OP_CONST;
  for (int i = 0; i < info->arity; i++)
    if (reads_variable (ns_fn_arg (f, i)))
      return 1;
  return 0;
}

/* Whether the exponent ahead is a real number that is not an integer
   literal: a number with a '.' or an 'e' and a fractional value ("2.5",
   "-0.5"), or a parenthesized constant other than a signed integer
   literal ("(1/3)", "(0.25)").  Looks ahead without consuming. */
static int
real_exponent_ahead (parser *p)
{
  const token save = p->tok;
  int real = 0;
  if (p->tok.kind == TOK_LPAREN)
    {
      ns_parse_advance (p);
      if (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
        ns_parse_advance (p);
      int literal = p->tok.kind == TOK_NUMBER;
      for (size_t i = 0; literal && i < p->tok.len; i++)
        literal = is_digit (p->text[p->tok.start + i]);
      if (literal)
        ns_parse_advance (p);
      /* "(-2)" and the unfinished "(-2" stay with the integer rule. */
      real = !literal || (p->tok.kind != TOK_RPAREN && p->tok.kind != TOK_END);
    }
  else
    {
      if (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
        ns_parse_advance (p);
      if (p->tok.kind == TOK_NUMBER)
        {
          double v = ns_parse_number_value (p->text + p->tok.start, p->tok.len);
          real = isfinite (v) && v != floor (v);
        }
    }
  p->tok = save;
  return real;
}

/* A real exponent (real_exponent_ahead): its value into *V, 0 after an
   error.  A parenthesized one is a constant expression. */
static int
parse_real_exponent (parser *p, double *v)
{
  const size_t at = p->tok.start;
  if (p->tok.kind != TOK_LPAREN)
    {
      /* A signed number literal, as real_exponent_ahead found it. */
      int negative = p->tok.kind == TOK_MINUS;
      if (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
        ns_parse_advance (p);
      double w = ns_parse_number_value (p->text + p->tok.start, p->tok.len);
      ns_parse_advance (p);
      *v = negative ? -w : w;
      return 1;
    }
  ns_function *e = ns_parse_primary (p);
  if (e == NULL)
    return 0;
  ns_result r;
  int ok = !reads_variable (e) && ns_fn_eval (e, 0.0, &r) == NS_OK && isfinite (r.val);
  ns_fn_free (e);
  if (!ok)
    {
      ns_parse_set_error (p, NS_EPARSE, at, "the exponent must be a constant number");
      return 0;
    }
  *v = r.val;
  return 1;
}

/* The optional "'^' exponent" after BASE (taken; NULL passes through). */
ns_function *
ns_parse_power_suffix (parser *p, ns_function *base)
{
  if (base == NULL || p->tok.kind != TOK_CARET)
    return base;
  size_t at = p->tok.start;
  ns_parse_advance (p);
  int n;
  if (real_exponent_ahead (p))
    {
      /* relu(x - 1.5)^2.5, abs(x)^(1/3): a real power (the double nearest
         the exponent), or an integer one when the constant is one. */
      double v;
      if (!parse_real_exponent (p, &v))
        {
          ns_fn_free (base);
          return NULL;
        }
      if (p->tok.kind == TOK_CARET)
        {
          ns_parse_set_error (p, NS_EPARSE, p->tok.start,
                              "chained '^' is ambiguous; use parentheses, as in (x^2)^3");
          ns_fn_free (base);
          return NULL;
        }
      return ns_parse_build (p, v == floor (v) ? NS_OP_POW : NS_OP_RPOW, base, NULL, &v, at);
    }
  if (!ns_parse_exponent (p, &n))
    {
      ns_fn_free (base);
      return NULL;
    }
  if (p->tok.kind == TOK_CARET)
    {
      /* a^b^c reads as (a^b)^c in some languages and a^(b^c) in others;
         refusing it is clearer than picking one. */
      ns_parse_set_error (p, NS_EPARSE, p->tok.start,
                          "chained '^' is ambiguous; use parentheses, as in (x^2)^3");
      ns_fn_free (base);
      return NULL;
    }
  const double exponent = n;
  return ns_parse_build (p, NS_OP_POW, base, NULL, &exponent, at);
}

/* power := primary ('^' exponent)? */
static ns_function *
parse_power (parser *p)
{
  return ns_parse_power_suffix (p, ns_parse_primary (p));
}

/* unary := ('-' | '+') unary | power.  A chain of signs is read in a loop
   rather than by recursion, so it costs no stack; each sign still counts as
   a level of nesting.  A '(' right after a sign counts with it as one
   level: ns_fn_snprint writes the tree of ---x as -(-(-x)), and that text
   must read back within the same bound as the text it came from.  The
   negations are applied innermost first, which gives the same tree as the
   recursive rule: -x^2 is -(x^2). */
static ns_function *
parse_unary (parser *p)
{
  const size_t chain_at = p->tok.start;
  int levels = 0, negations = 0;
  while (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
    {
      if (!ns_parse_enter (p, p->tok.start))
        {
          p->depth -= levels;
          return NULL;
        }
      levels++;
      negations += p->tok.kind == TOK_MINUS;
      ns_parse_advance (p);
    }
  if (levels > 0)
    p->sign_before_paren = p->tok.kind == TOK_LPAREN;
  ns_function *a = parse_power (p);
  p->depth -= levels;
  for (int i = 0; a != NULL && i < negations; i++)
    a = ns_parse_build (p, NS_OP_NEG, a, NULL, NULL, chain_at);
  return a;
}

/* term := unary (('*' | '/') unary)*, left associative: 2/4/8 = (2/4)/8. */
ns_function *
ns_parse_term (parser *p)
{
  ns_function *left = parse_unary (p);
  while (left != NULL && (p->tok.kind == TOK_STAR || p->tok.kind == TOK_SLASH))
    {
      token t = p->tok;
      ns_parse_advance (p);
      ns_function *right = parse_unary (p);
      if (right == NULL)
        {
          ns_fn_free (left);
          return NULL;
        }
      left = ns_parse_build (p, t.kind == TOK_STAR ? NS_OP_MUL : NS_OP_DIV, left, right, NULL,
                             t.start);
    }
  return left;
}

/* expr := term (('+' | '-') term)*, left associative: 2-3-4 = (2-3)-4. */
ns_function *
ns_parse_expr (parser *p)
{
  ns_function *left = ns_parse_term (p);
  while (left != NULL && (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS))
    {
      token t = p->tok;
      ns_parse_advance (p);
      ns_function *right = ns_parse_term (p);
      if (right == NULL)
        {
          ns_fn_free (left);
          return NULL;
        }
      left = ns_parse_build (p, t.kind == TOK_PLUS ? NS_OP_ADD : NS_OP_SUB, left, right, NULL,
                             t.start);
    }
  return left;
}

ns_status
ns_fn_parse (const char *text, ns_function **out, ns_parse_error *err)
{
  if (out != NULL)
    *out = NULL;
  if (!ns_parse_arguments_ok (text, out != NULL, err))
    return NS_EINVAL;

  parser p;
  ns_function *f = NULL;
  if (ns_parse_begin (&p, text))
    {
      f = ns_parse_expr (&p);
      if (f != NULL && !ns_parse_at_end (&p))
        {
          ns_fn_free (f);
          f = NULL;
        }
      if (f == NULL && p.status == NS_OK)
        /* Not reached: every failure sets an error. */
        ns_parse_set_error (&p, NS_ENOMEM, 0, "out of memory");
    }
  if (err != NULL && p.status != NS_OK)
    *err = p.error;
  *out = f;
  return p.status;
}
