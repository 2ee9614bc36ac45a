/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_parse.c: the parser.  core: values of parsed functions against
   closed forms, tree shape (precedence, associativity), round trips through
   ns_fn_snprint, locale independence; limits: a table of bad inputs with
   their status, column and message, and the length and depth bounds;
   random: mutated and random strings, and random expressions whose value
   the test computes itself. */
#include <config.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* The references below are computed with the C library's exp, log, sin...
   in the same order as the expression, and the function model may round
   differently by a few ulps on top of the error it reports; 8 ulps of the
   reference covers that, and is far below any precedence mistake. */
#define REF_ROUNDING (8 * DBL_EPSILON)

/* pi as a decimal literal; M_PI is not C11. */
#define TEST_PI 3.14159265358979323846

/* ------------------------------------------------------------------ helpers */

/* Parses TEXT, failing the test with the parser's message if it does not. */
static ns_function *
parse_ok (const char *text)
{
  ns_function *f = NULL;
  ns_parse_error err;
  ns_status s = ns_fn_parse (text, &f, &err);
  ck_assert_msg (s == NS_OK && f != NULL, "\"%s\": status %d, column %d: %s", text,
                 (int) s, err.column, err.text);
  ck_assert_int_eq (err.column, 0);
  ck_assert_str_eq (err.text, "");
  return f;
}

/* F as text in memory the caller frees; checks ns_fn_snprint's length
   contract on the way (the first call only measures). */
static char *
print_fn (const ns_function *f)
{
  size_t n = ns_fn_snprint (NULL, 0, f);
  char *buf = malloc (n + 1);
  ck_assert_ptr_nonnull (buf);
  ck_assert_uint_eq (ns_fn_snprint (buf, n + 1, f), n);
  ck_assert_uint_eq (strlen (buf), n);
  return buf;
}

/* Number of UTF-8 characters in S, counted as the parser counts columns
   (every byte that is not a continuation byte 10xxxxxx). */
static int
char_count (const char *s)
{
  int n = 0;
  for (; *s; s++)
    if (((unsigned char) *s & 0xC0) != 0x80)
      n++;
  return n;
}

/* S with non-printable bytes escaped, for failure messages. */
static const char *
escaped (const char *s, char *buf, size_t size)
{
  size_t k = 0;
  for (; *s && k + 5 < size; s++)
    {
      unsigned char c = (unsigned char) *s;
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"')
        buf[k++] = (char) c;
      else
        k += (size_t) snprintf (buf + k, size - k, "\\x%02X", (unsigned) c);
    }
  buf[k] = '\0';
  return buf;
}

/* ------------------------------------------------------------------ core */

typedef struct value_case
{
  const char *text;
  double x;
  double ref;     /* closed form, computed by hand or with libm */
} value_case;

static const value_case value_cases[] = {
  /* atoms and numbers */
  { "x", 2.385, 2.385 },
  { "pi", 0.0, TEST_PI },
  { "2", 7.0, 2.0 },
  { "2.5e-3", 0.0, 0.0025 },
  { ".5", 0.0, 0.5 },
  { "5.", 0.0, 5.0 },
  { "1E2", 0.0, 100.0 },
  { "0.1", 0.0, 0.1 },
  { "1e-310", 0.0, 1e-310 },           /* a subnormal is read as C reads it */
  { "0.000e-400", 0.0, 0.0 },          /* zero digits: 0, not an underflow */
  { "123456789012345678901234567890", 0.0, 123456789012345678901234567890.0 },
  { " \t x \n + \r 1 ", 1.0, 2.0 },
  /* precedence and associativity */
  { "2-3-4", 0.0, -5.0 },              /* (2-3)-4, not 2-(3-4) = 3 */
  { "2/4/8", 0.0, 0.0625 },            /* (2/4)/8, not 2/(4/8) = 4 */
  { "2+3*4", 0.0, 14.0 },
  { "2*3+4", 0.0, 10.0 },
  { "(2+3)*4", 0.0, 20.0 },
  { "2*3/4", 0.0, 1.5 },
  { "-x^2", 3.0, -9.0 },               /* -(x^2) */
  { "-2^2", 0.0, -4.0 },
  { "(-x)^2", 3.0, 9.0 },
  { "2^-1", 0.0, 0.5 },
  { "x^-1", 4.0, 0.25 },
  { "x^(-2)", 2.0, 0.25 },
  { "x^(+3)", 2.0, 8.0 },
  { "x^+3", -2.0, -8.0 },
  { "x^0", 2.0, 1.0 },
  { "2*x^3", 2.0, 16.0 },
  { "x^2*3", 2.0, 12.0 },
  { "--x", 1.5, 1.5 },
  { "-+-x", 1.5, 1.5 },
  { "+x", 1.5, 1.5 },
  { "2*-x", 1.5, -3.0 },
  { "2--x", 1.5, 3.5 },
  { "1-x*2", 3.0, -5.0 },
  { "((((x))))", 0.75, 0.75 },
  /* every primitive */
  { "exp(x)", 1.5, 4.4816890703380648226 },    /* e^1.5 */
  { "log(x)", 2.0, 0.69314718055994530942 },   /* ln 2 */
  { "sqrt(x)", 2.0, 1.41421356237309504880 },
  { "sin(x)", 0.5, 0.47942553860420300027 },
  { "cos(x)", 0.5, 0.87758256189037271612 },
  { "sin(pi/6)", 0.0, 0.5 },
  { "relu(x)", -2.0, 0.0 },
  { "relu(x)", 2.385, 2.385 },
  { "relu(x)", 0.0, 0.0 },                     /* declared convention relu(0) = 0 */
  { "abs(x-1)+2*abs(x)", -1.0, 4.0 },
  { "abs(x-1)+2*abs(x)", 0.5, 1.5 },
  { "heaviside(x)", 0.0, 0.5 },                /* default H(0) = 1/2 */
  { "heaviside(x)", -1e-300, 0.0 },
  { "heaviside(x)", 3.0, 1.0 },
  { "heaviside(x-1, 0)", 1.0, 0.0 },
  { "heaviside(x, 1)", 0.0, 1.0 },
  { "heaviside(x, 1/4)", 0.0, 0.25 },          /* a parameter is a constant expression */
  { "sign(x)", -3.0, -1.0 },
  { "sign(x)", 0.0, 0.0 },
  { "sign(x)", 1e-300, 1.0 },
  { "max(0,x)", -1.0, 0.0 },
  { "max(0,x)", 2.0, 2.0 },
  { "max(x, x^2)", 0.5, 0.5 },
  { "min(x, x^2)", 0.5, 0.25 },
  { "min(1-x, 2)", -4.0, 2.0 },
  { "clamp(x, -1, 1)", 5.0, 1.0 },
  { "clamp(x, -1, 1)", -5.0, -1.0 },
  { "clamp(x, -1, 1)", 0.25, 0.25 },
  { "clamp(x, -2*pi, 2^3)", -10.0, -2 * TEST_PI },
  { "leaky_relu(x, 0.1)", -2.0, -0.2 },
  { "leaky_relu(x)", -2.0, -0.02 },            /* default slope 0.01 */
  { "leaky_relu(x)", 3.0, 3.0 },
  { "floor(x)", -0.5, -1.0 },
  { "floor(x)", 2.0, 2.0 },
  { "floor(x/2)", 5.0, 2.0 },
  { "relu(relu(x))", 2.0, 2.0 },
  { "max(abs(x), floor(x) + 1/2)", 1.25, 1.5 },
  /* n-ary max and min: the largest and smallest of the values by hand,
     x - 3 = -0.75, 1 - x = -1.25, x^2 = 5.0625 at x = 2.25. */
  { "max(x - 3, 1 - x, x^2)", 2.25, 5.0625 },
  { "min(x - 3, 1 - x, x^2)", 2.25, -1.25 },
  { "max(x - 3, 1 - x, x^2, 6)", 2.25, 6.0 },
  { "min(1, 2, 3, 4, x)", 0.5, 0.5 },
  { "max(-x, 0, x, 2*x - 1)", 3.0, 5.0 },
};

START_TEST (test_values_match_closed_forms)
{
  const value_case *c = &value_cases[_i];
  ns_function *f = parse_ok (c->text);
  ns_result r;
  ns_status s = ns_fn_eval (f, c->x, &r);
  ck_assert_msg (s == NS_OK, "\"%s\" at %g: %s", c->text, c->x, ns_strerror (s));
  ck_assert_msg (fabs (r.val - c->ref) <= r.err + REF_ROUNDING * fabs (c->ref),
                 "\"%s\" at %.17g: got %.17g (err %g), expected %.17g", c->text, c->x,
                 r.val, r.err, c->ref);
  ns_fn_free (f);
}
END_TEST

/* The shape of the tree, read through the public introspection calls, is a
   second, independent check of precedence and associativity. */
START_TEST (test_tree_shape)
{
  ns_function *f = parse_ok ("2-3-4");
  ck_assert_int_eq (ns_fn_op (f), NS_OP_SUB);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 0)), NS_OP_SUB);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 1)), NS_OP_CONST);
  ck_assert (ns_fn_param (ns_fn_arg (f, 1), 0) == 4.0);
  ns_fn_free (f);

  f = parse_ok ("-x^2");
  ck_assert_int_eq (ns_fn_op (f), NS_OP_NEG);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 0)), NS_OP_POW);
  ck_assert (ns_fn_param (ns_fn_arg (f, 0), 0) == 2.0);
  ns_fn_free (f);

  f = parse_ok ("heaviside(x)");
  ck_assert_int_eq (ns_fn_op (f), NS_OP_HEAVISIDE);
  ck_assert (ns_fn_param (f, 0) == ns_op_get (NS_OP_HEAVISIDE)->param_default[0]);
  ns_fn_free (f);

  f = parse_ok ("clamp(x, -1, 2)");
  ck_assert_int_eq (ns_fn_op (f), NS_OP_CLAMP);
  ck_assert (ns_fn_param (f, 0) == -1.0 && ns_fn_param (f, 1) == 2.0);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 0)), NS_OP_X);
  ns_fn_free (f);

  f = parse_ok ("max(0, x)");
  ck_assert_int_eq (ns_fn_op (f), NS_OP_MAX);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 0)), NS_OP_CONST);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 1)), NS_OP_X);
  ns_fn_free (f);
}
END_TEST

/* Every name in the operator table parses as a call with the smallest
   argument count it accepts: the parser has no list of its own. */
START_TEST (test_every_table_name_parses)
{
  for (int op = 0; op < NS_OP_COUNT; op++)
    {
      const ns_op_info *info = ns_op_get ((ns_op) op);
      ck_assert_ptr_nonnull (info);
      /* Operators are not names, and the name x is the variable, not a call. */
      if (op == NS_OP_X || info->name == NULL
          || ns_op_lookup (info->name, strlen (info->name)) != (ns_op) op)
        continue;
      char text[128];
      size_t k = (size_t) snprintf (text, sizeof text, "%s(", info->name);
      int nargs = info->arity + info->nparams_required;
      for (int i = 0; i < nargs; i++)
        /* Function arguments are x; parameters 0, 1, ... keep clamp's lo <= hi. */
        k += (size_t) snprintf (text + k, sizeof text - k, "%s%s", i ? ", " : "",
                                i < info->arity ? "x" : (i == info->arity ? "0" : "1"));
      snprintf (text + k, sizeof text - k, ")");
      ns_function *f = parse_ok (text);
      ck_assert_int_eq (ns_fn_op (f), op);
      ns_fn_free (f);
    }
}
END_TEST

START_TEST (test_error_cleared_on_success_and_null_allowed)
{
  ns_parse_error err;
  err.column = 17;
  strcpy (err.text, "stale");
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("relu(x)", &f, &err), NS_OK);
  ck_assert_int_eq (err.column, 0);
  ck_assert_str_eq (err.text, "");
  ns_fn_free (f);

  ck_assert_int_eq (ns_fn_parse ("relu(x)", &f, NULL), NS_OK);
  ck_assert_ptr_nonnull (f);
  ns_fn_free (f);
  f = (ns_function *) &err;   /* any non-NULL value: must be reset on failure */
  ck_assert_int_eq (ns_fn_parse ("relu(", &f, NULL), NS_EPARSE);
  ck_assert_ptr_null (f);
}
END_TEST

START_TEST (test_null_arguments)
{
  ns_parse_error err;
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (NULL, &f, &err), NS_EINVAL);
  ck_assert_ptr_null (f);
  ck_assert_str_eq (err.text, "text is NULL");
  ck_assert_int_eq (ns_fn_parse ("x", NULL, &err), NS_EINVAL);
  ck_assert_str_eq (err.text, "out is NULL");
  ck_assert_int_eq (ns_fn_parse (NULL, NULL, NULL), NS_EINVAL);
}
END_TEST

/* Expressions for round trips and as seeds of the mutation test. */
static const char *const sample_texts[] = {
  "x", "pi", "2.385", "-x", "-x^2", "2-3-4", "2/4/8", "2^-1", "x^(-2)", "(x-1)^3",
  "max(0,x)", "min(x, 1-x)", "abs(x-1)+2*abs(x)", "relu(x^3 - x)", "relu(relu(x))",
  "heaviside(x)", "heaviside(x-1, 0)", "heaviside(x, 1)", "sign(x)*x^2",
  "clamp(x, -1, 1)", "clamp(2*x, -pi, 0.5)", "leaky_relu(x)", "leaky_relu(x, 0.1)",
  "floor(x)", "floor(3*x) - 3*x", "sqrt(abs(x))", "log(abs(x) + 1)",
  "exp(-x^2)*sin(x)", "cos(x) / (1 + x^2)", "max(x, x^2) - min(x, x^2)",
  "1e-3*x + 1e3", "0.1 + 0.2*x", "-(-(-x))", "x*x*x - 2*x + 1/3",
  "max(abs(x), floor(x) + 1/2)", "relu(x - 1/3) - relu(-x + 2/7)",
  "x - -x", "x + -2", "x - -x/2", "-x - -x^2", "x - -0", "1 - -(x - 1)", "x - -2*x*x",
};

/* Points at which round trips are compared: the kinks of the samples
   (0, +-1, 1/3, 2/7, 1/2, integers, +-pi) and high-entropy values. */
static const double sample_points[] = {
  0.0, -0.0, 1.0, -1.0, 1.0 / 3, 2.0 / 7, 0.5, -0.5, 2.0, -2.0, 3.0, TEST_PI, -TEST_PI,
  2.385, -2.385, 1e-9, -1e-9, 0.1, 7.25, -13.0, 1e3, -1e3,
};

/* Parse -> print -> parse: the second print equals the first, and both
   trees give the same value (within their error bounds) and the same
   status everywhere, including at the kinks. */
static void
check_round_trip (const char *text, const char *context)
{
  ns_function *f = NULL;
  ns_parse_error err;
  ck_assert_int_eq (ns_fn_parse (text, &f, &err), NS_OK);
  char *p1 = print_fn (f);
  ns_function *g = NULL;
  ns_status s = ns_fn_parse (p1, &g, &err);
  ck_assert_msg (s == NS_OK, "%s: \"%s\" printed as \"%s\", which fails: column %d: %s",
                 context, text, p1, err.column, err.text);
  char *p2 = print_fn (g);
  ck_assert_msg (strcmp (p1, p2) == 0, "%s: \"%s\" printed as \"%s\", then as \"%s\"",
                 context, text, p1, p2);
  for (size_t i = 0; i < sizeof sample_points / sizeof sample_points[0]; i++)
    {
      double x = sample_points[i];
      ns_result a, b;
      ns_status sa = ns_fn_eval (f, x, &a), sb = ns_fn_eval (g, x, &b);
      ck_assert_msg (sa == sb, "%s: \"%s\" vs \"%s\" at %g: status %d vs %d", context,
                     text, p1, x, (int) sa, (int) sb);
      if (sa != NS_OK)
        continue;
      ck_assert_msg (!isnan (a.val) && !isnan (b.val), "%s: NaN for \"%s\" at %g",
                     context, text, x);
      ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err,
                     "%s: \"%s\" = %.17g but \"%s\" = %.17g at %g", context, text, a.val,
                     p1, b.val, x);
    }
  free (p1);
  free (p2);
  ns_fn_free (f);
  ns_fn_free (g);
}

START_TEST (test_round_trip)
{
  check_round_trip (sample_texts[_i], "round trip");
}
END_TEST

/* A subtraction or sum whose right operand prints with a leading minus
   never prints as "a - -b": a negation or a negative constant flips the
   sign (the same value: negation is exact), a product or quotient that
   begins with one is parenthesized. */
START_TEST (test_no_double_minus)
{
  static const struct { const char *in, *out; } cases[] = {
    { "x - -x", "x + x" },         { "x + -x", "x - x" },
    { "x - -2", "x + 2" },         { "x + -2", "x - 2" },
    { "x - -x/2", "x - (-x/2)" },  { "x + -2*x", "x + (-2*x)" },
    { "1 - -(x - 1)", "1 + (x - 1)" }, { "x - -x^2", "x + x^2" },
    { "x*-x", "x*-x" },            { "-x - 1", "-x - 1" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      ns_function *f = NULL;
      ck_assert_int_eq (ns_fn_parse (cases[i].in, &f, NULL), NS_OK);
      char *p = print_fn (f);
      ck_assert_msg (strcmp (p, cases[i].out) == 0, "\"%s\" printed as \"%s\", not \"%s\"",
                     cases[i].in, p, cases[i].out);
      free (p);
      ns_fn_free (f);
    }
}
END_TEST

/* The library never calls setlocale, but a program may have chosen a
   locale whose decimal point is a comma; "2.5" must still read as 2.5 and
   printed functions must still read back.  The test tries a few such
   locales and checks the C locale when none is installed. */
/* Restores the C locale after each core test, even one that failed half
   way under CK_FORK=no, so one failure cannot change the next test. */
static void
restore_c_locale (void)
{
  setlocale (LC_NUMERIC, "C");
}

START_TEST (test_numbers_ignore_the_locale)
{
  static const char *const comma_locales[] = {
    "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8", "nl_NL.UTF-8",
  };
  char *saved = NULL;
  const char *now = setlocale (LC_NUMERIC, NULL);
  if (now != NULL)
    saved = strcpy (malloc (strlen (now) + 1), now);
  for (size_t i = 0; i < sizeof comma_locales / sizeof comma_locales[0]; i++)
    if (setlocale (LC_NUMERIC, comma_locales[i]) != NULL)
      break;
  ns_function *f = parse_ok ("2.5 + 0.125e1*x");
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (f, 2.0, &r), NS_OK);
  ck_assert (r.val == 5.0);   /* 2.5 + 1.25*2, all exact in binary */
  ns_fn_free (f);
  for (size_t i = 0; i < sizeof sample_texts / sizeof sample_texts[0]; i++)
    check_round_trip (sample_texts[i], "comma locale");
  setlocale (LC_NUMERIC, saved ? saved : "C");
  free (saved);
}
END_TEST

/* ------------------------------------------------------------------ limits */

typedef struct bad_case
{
  const char *text;
  ns_status status;
  int column;
  const char *message;
} bad_case;

/* Every message the parser writes, with where it points. */
static const bad_case bad_cases[] = {
  { "", NS_EPARSE, 1, "expected expression near end of input" },
  { "   ", NS_EPARSE, 4, "expected expression near end of input" },
  { "x +", NS_EPARSE, 4, "expected expression near end of input" },
  { "x * )", NS_EPARSE, 5, "expected expression near ')'" },
  { "(x, 1)", NS_EPARSE, 3, "expected ')' near ','" },
  { "(x", NS_EPARSE, 3, "expected ')' near end of input" },
  { "x)", NS_EPARSE, 2, "unmatched ')'" },
  { "2x", NS_EPARSE, 2, "expected operator near 'x'" },
  { "2exp(x)", NS_EPARSE, 2, "expected operator near 'exp'" },
  { "2 3", NS_EPARSE, 3, "expected operator near '3'" },
  { "1.2.3", NS_EPARSE, 4, "expected operator near '.3'" },
  { "1e", NS_EPARSE, 2, "expected operator near 'e'" },
  { "x, 1", NS_EPARSE, 2, "expected operator near ','" },
  { "x(1)", NS_EPARSE, 2, "expected operator near '('" },
  { "foo(x)", NS_EPARSE, 1, "unknown function 'foo'" },
  { "x + abcdefghijklmnopqrstuvwxyz(x)", NS_EPARSE, 5,
    "unknown function 'abcdefghijklmnopqrstuvwx...'" },
  { "inf", NS_EPARSE, 1, "unknown name 'inf'" },
  { "-nan", NS_EPARSE, 2, "unknown name 'nan'" },
  { "X", NS_EPARSE, 1, "unknown name 'X'" },
  { "relu", NS_EPARSE, 5, "expected '(' near end of input" },
  { "relu x", NS_EPARSE, 6, "expected '(' near 'x'" },
  { "relu(x", NS_EPARSE, 7, "expected ',' or ')' near end of input" },
  { "max(x 1)", NS_EPARSE, 7, "expected ',' or ')' near '1'" },
  { "relu(x, 1)", NS_EPARSE, 9, "relu takes 1 argument, got 2" },
  { "relu(x, 1, 2, 3)", NS_EPARSE, 9, "relu takes 1 argument, got 4" },
  { "relu()", NS_EPARSE, 6, "relu takes 1 argument, got 0" },
  { "max(x)", NS_EPARSE, 6, "max takes at least 2 arguments, got 1" },
  { "min()", NS_EPARSE, 5, "min takes at least 2 arguments, got 0" },
  { "max(x, 1, )", NS_EPARSE, 11, "expected expression near ')'" },
  { "heaviside(x, 0, 1)", NS_EPARSE, 17, "heaviside takes 1 or 2 arguments, got 3" },
  { "clamp(x, 1)", NS_EPARSE, 11, "clamp takes 3 arguments, got 2" },
  { "relu(x,)", NS_EPARSE, 8, "expected expression near ')'" },
  { "clamp(x, x, 1)", NS_EPARSE, 10,
    "argument 2 of clamp is a parameter and must not depend on x" },
  { "clamp(x, -1, relu(x))", NS_EPARSE, 19,
    "argument 3 of clamp is a parameter and must not depend on x" },
  { "heaviside(x, 1/0)", NS_EPARSE, 14,
    "argument 2 of heaviside is not a finite number (argument outside the domain of the function)" },
  { "clamp(x, 1, -1)", NS_EPARSE, 1,
    "invalid parameters for clamp: 1, -1 (needs lo <= hi, lo < +inf, hi > -inf)" },
  /* A limit is named in the message (NS_FN_MAX_POW). */
  { "x^1025", NS_EPARSE, 2,
    "invalid parameter for ^: 1025 (an integer exponent, at most 1024 in absolute value)" },
  { "x^-1025", NS_EPARSE, 2,
    "invalid parameter for ^: -1025 (an integer exponent, at most 1024 in absolute value)" },
  { "1e999", NS_EPARSE, 1, "number '1e999' out of range" },
  { "x + 1e308*10 + 2e308", NS_EPARSE, 16, "number '2e308' out of range" },
  /* Underflow to 0 is refused as overflow is: both are beyond the doubles. */
  { "1e-400", NS_EPARSE, 1, "number '1e-400' out of range" },
  { "x - 0.001e-321", NS_EPARSE, 5, "number '0.001e-321' out of range" },
  /* x^2.5 is a real power (tests/test_rpow.c); 2e1 is an integer written
     as a decimal. */
  { "x^(x)", NS_EPARSE, 3, "the exponent must be a constant number" },
  { "x^2e1", NS_EPARSE, 3, "exponent must be an integer, got '2e1'" },
  { "x^99999999999", NS_EPARSE, 3,
    "exponent '99999999999' out of range (at most 2147483647 in magnitude)" },
  { "x^2^3", NS_EPARSE, 4, "chained '^' is ambiguous; use parentheses, as in (x^2)^3" },
  { "x^x", NS_EPARSE, 3, "expected integer exponent near 'x'" },
  { "x^", NS_EPARSE, 3, "expected integer exponent near end of input" },
  { "x^--1", NS_EPARSE, 4, "expected integer exponent near '-'" },
  { "x^(-2", NS_EPARSE, 6, "expected ')' near end of input" },
  { "x # 1", NS_EPARSE, 3, "unexpected character '#'" },
  { ".", NS_EPARSE, 1, "unexpected character '.'" },
  { "x + \xC3\xA9", NS_EPARSE, 5, "unexpected character '\xC3\xA9'" },      /* é */
  { "\xC3\xA4 + x", NS_EPARSE, 1, "unexpected character '\xC3\xA4'" },      /* ä */
  { "(\xE2\x88\x9A)", NS_EPARSE, 2, "unexpected character '\xE2\x88\x9A'" }, /* √ */
  { "relu(x) \xE2\x80\x94 #", NS_EPARSE, 9, "unexpected character '\xE2\x80\x94'" },
  { "\xC3\xA4\xC3\xA4\xC3\xA4 x", NS_EPARSE, 1, "unexpected character '\xC3\xA4'" },
  { "x\x01", NS_EPARSE, 2, "unexpected byte 0x01" },
  { "x + \x80", NS_EPARSE, 5, "unexpected byte 0x80" },
  { "x + \xC3", NS_EPARSE, 5, "unexpected byte 0xC3" },                     /* truncated */
  { "x + \xED\xA0\x80", NS_EPARSE, 5, "unexpected byte 0xED" },             /* surrogate */
  { "(x, \xE2\x88\x9A)", NS_EPARSE, 3, "expected ')' near ','" },           /* first error wins */
};

START_TEST (test_bad_inputs)
{
  const bad_case *c = &bad_cases[_i];
  ns_function *f = NULL;
  ns_parse_error err;
  char esc[256];
  ns_status s = ns_fn_parse (c->text, &f, &err);
  ck_assert_msg (s == c->status, "\"%s\": status %d, expected %d (%s)",
                 escaped (c->text, esc, sizeof esc), (int) s, (int) c->status, err.text);
  ck_assert_ptr_null (f);
  ck_assert_msg (err.column == c->column, "\"%s\": column %d, expected %d (%s)",
                 escaped (c->text, esc, sizeof esc), err.column, c->column, err.text);
  ck_assert_str_eq (err.text, c->message);
}
END_TEST

/* TEXT made of N copies of A, then MIDDLE, then N copies of B. */
static char *
repeated (const char *a, size_t n, const char *middle, const char *b)
{
  size_t la = strlen (a), lm = strlen (middle), lb = strlen (b);
  char *s = malloc (n * (la + lb) + lm + 1);
  ck_assert_ptr_nonnull (s);
  char *q = s;
  for (size_t i = 0; i < n; i++, q += la)
    memcpy (q, a, la);
  memcpy (q, middle, lm);
  q += lm;
  for (size_t i = 0; i < n; i++, q += lb)
    memcpy (q, b, lb);
  *q = '\0';
  return s;
}

static void
check_limit (const char *text, int column, const char *message)
{
  ns_function *f = NULL;
  ns_parse_error err;
  clock_t t0 = clock ();
  ns_status s = ns_fn_parse (text, &f, &err);
  double seconds = (double) (clock () - t0) / CLOCKS_PER_SEC;
  ck_assert_msg (s == NS_ELIMIT, "status %d (%s)", (int) s, err.text);
  ck_assert_ptr_null (f);
  if (column > 0)
    ck_assert_int_eq (err.column, column);
  ck_assert_str_eq (err.text, message);
  /* The parser reads at most NS_PARSE_MAX_LENGTH + 1 bytes; a second is
     generous even under a sanitizer and catches anything quadratic. */
  ck_assert_msg (seconds < 1.0, "took %g s", seconds);
}

START_TEST (test_length_and_depth_limits)
{
  /* 10^5 parentheses: rejected by length before any parsing. */
  char *s = repeated ("(", 100000, "x", ")");
  check_limit (s, NS_PARSE_MAX_LENGTH + 1, "input longer than 4096 bytes");
  free (s);

  /* A million bytes of valid text, and one byte over the limit. */
  s = repeated ("x+", 500000, "x", "");
  check_limit (s, NS_PARSE_MAX_LENGTH + 1, "input longer than 4096 bytes");
  free (s);
  s = repeated (" ", NS_PARSE_MAX_LENGTH, "x", "");
  check_limit (s, NS_PARSE_MAX_LENGTH + 1, "input longer than 4096 bytes");
  free (s);
  /* Counted in characters: 2049 two-byte characters pass the byte limit
     at character 2049. */
  s = repeated ("\xC3\xA9", 2049, "", "");
  check_limit (s, 2049, "input longer than 4096 bytes");
  free (s);

  /* Exactly at the limits: accepted. */
  s = repeated (" ", NS_PARSE_MAX_LENGTH - 1, "x", "");
  ns_function *f = parse_ok (s);
  ns_fn_free (f);
  free (s);
  s = repeated ("(", NS_PARSE_MAX_DEPTH, "x", ")");
  f = parse_ok (s);
  ns_fn_free (f);
  free (s);

  /* One level deeper: parentheses, a unary chain, calls, and a mix. */
  s = repeated ("(", NS_PARSE_MAX_DEPTH + 1, "x", ")");
  check_limit (s, NS_PARSE_MAX_DEPTH + 1, "nesting deeper than 200 near '('");
  free (s);
  s = repeated ("-", 1000, "x", "");
  check_limit (s, NS_PARSE_MAX_DEPTH + 1, "nesting deeper than 200 near '-'");
  free (s);
  s = repeated ("relu(", NS_PARSE_MAX_DEPTH + 1, "x", ")");
  check_limit (s, 5 * NS_PARSE_MAX_DEPTH + 5, "nesting deeper than 200 near '('");
  free (s);
  /* A sign and the '(' right after it count as one level, so the printed
     form -(-(-x)) of ---x fits the same bound (see test_deep_round_trips). */
  s = repeated ("-(", NS_PARSE_MAX_DEPTH, "x", ")");
  f = parse_ok (s);
  ns_fn_free (f);
  free (s);
  s = repeated ("-(", NS_PARSE_MAX_DEPTH + 1, "x", ")");
  check_limit (s, 2 * NS_PARSE_MAX_DEPTH + 1, "nesting deeper than 200 near '-'");
  free (s);
  /* (-(-(...: the first '(' is a level, each sign another, and each '('
     after a sign shares its level: 1 + 199 levels parse, 1 + 200 do not. */
  s = repeated ("(-", NS_PARSE_MAX_DEPTH - 1, "x", ")");
  f = parse_ok (s);
  ns_fn_free (f);
  free (s);
  s = repeated ("(-", NS_PARSE_MAX_DEPTH, "x", ")");
  check_limit (s, 2 * NS_PARSE_MAX_DEPTH, "nesting deeper than 200 near '-'");
  free (s);

  /* A flat chain within the text limits but beyond the function model's
     depth: the model's NS_ELIMIT is passed on with a message. */
  s = repeated ("x+", 1500, "x", "");
  f = NULL;
  ns_parse_error err;
  ck_assert_int_eq (ns_fn_parse (s, &f, &err), NS_ELIMIT);
  ck_assert_ptr_null (f);
  ck_assert_int_gt (err.column, 1);
  ck_assert_int_le (err.column, (int) strlen (s));
  ck_assert_msg (strstr (err.text, "too deep or too large for the function model") != NULL,
                 "%s", err.text);
  free (s);
}
END_TEST

/* Texts at the edge of the depth bound still read back after printing:
   the printer writes nested signs as -(-(...)), nested differences with
   parentheses, and a flat chain without them. */
START_TEST (test_deep_round_trips)
{
  char *s = repeated ("-", NS_PARSE_MAX_DEPTH, "x", "");
  check_round_trip (s, "200 signs");
  free (s);
  s = repeated ("(", NS_PARSE_MAX_DEPTH, "x", ")");
  check_round_trip (s, "200 parentheses");
  free (s);
  s = repeated ("x-(", NS_PARSE_MAX_DEPTH - 1, "x", ")");
  check_round_trip (s, "199 nested differences");
  free (s);
  s = repeated ("relu(x-", NS_PARSE_MAX_DEPTH / 4, "x", ")");
  check_round_trip (s, "50 nested relu");
  free (s);
  s = repeated ("x+", 900, "x", "");
  check_round_trip (s, "901 terms");
  free (s);
}
END_TEST

/* ------------------------------------------------------------------ random */

/* xorshift64*: a fixed, portable generator (Vigna 2016), so a failure
   reproduces from the printed seed on any platform. */
static uint64_t
rng_next (uint64_t *state)
{
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * UINT64_C (2685821657736338717);
}

static size_t
rng_below (uint64_t *state, size_t n)
{
  return (size_t) (rng_next (state) % n);
}

/* Pieces inserted by the mutator: operators, digits, letters, parentheses,
   commas, spaces, names, and UTF-8 sequences, valid and broken. */
static const char *const fuzz_pieces[] = {
  "+", "-", "*", "/", "^", "(", ")", ",", " ", "\t", ".", "e", "E", "0", "1", "2", "9",
  "x", "pi", "relu(", "max(", "clamp(", "heaviside(", "1e308", "1e999", "^-", "^(",
  "a", "z", "_", "#", "\xC3\xA9", "\xE2\x88\x9A", "\xF0\x9F\x98\x80", "\x80", "\xC3",
  "\xFF", "\x01", "((((((", "))))", "------", "-(-(-(", "2.5e-3",
};

/* One iteration: parse TEXT; it either parses, prints and re-parses to
   the same print, or fails with a column inside the text and a message. */
static void
check_any_input (const char *text, uint64_t seed, int iteration)
{
  ns_function *f = NULL;
  ns_parse_error err;
  char esc[4 * NS_PARSE_MAX_LENGTH + 8];
  ns_status s = ns_fn_parse (text, &f, &err);
  if (s == NS_OK)
    {
      ck_assert_ptr_nonnull (f);
      char *p1 = print_fn (f);
      ns_function *g = NULL;
      ns_status s2 = ns_fn_parse (p1, &g, &err);
      ck_assert_msg (s2 == NS_OK, "seed %llu iteration %d: \"%s\" printed as \"%s\": %s",
                     (unsigned long long) seed, iteration,
                     escaped (text, esc, sizeof esc), p1, err.text);
      char *p2 = print_fn (g);
      ck_assert_msg (strcmp (p1, p2) == 0,
                     "seed %llu iteration %d: \"%s\" printed as \"%s\", then \"%s\"",
                     (unsigned long long) seed, iteration,
                     escaped (text, esc, sizeof esc), p1, p2);
      free (p1);
      free (p2);
      ns_fn_free (g);
      ns_fn_free (f);
      return;
    }
  int n = char_count (text);
  ck_assert_msg ((s == NS_EPARSE || s == NS_ELIMIT) && f == NULL
                 && err.column >= 1 && err.column <= n + 1 && err.text[0] != '\0',
                 "seed %llu iteration %d: \"%s\": status %d, column %d of %d, \"%s\"",
                 (unsigned long long) seed, iteration, escaped (text, esc, sizeof esc),
                 (int) s, err.column, n, err.text);
}

START_TEST (test_mutated_and_random_strings)
{
  const uint64_t seed = UINT64_C (0x6e6f6e736d6f6f74) + (uint64_t) _i;   /* "nonsmoot" */
  uint64_t state = seed;
  const int iterations = ns_test_iterations (4000);
  const size_t nsamples = sizeof sample_texts / sizeof sample_texts[0];
  const size_t npieces = sizeof fuzz_pieces / sizeof fuzz_pieces[0];
  char buf[NS_PARSE_MAX_LENGTH + 64];
  for (int it = 0; it < iterations; it++)
    {
      size_t len;
      if (it % 4 == 3)
        {
          /* A random concatenation of pieces. */
          len = 0;
          size_t pieces = 1 + rng_below (&state, 24);
          for (size_t k = 0; k < pieces; k++)
            {
              const char *piece = fuzz_pieces[rng_below (&state, npieces)];
              size_t lp = strlen (piece);
              memcpy (buf + len, piece, lp);
              len += lp;
            }
        }
      else
        {
          /* A sample with a few insertions, deletions and replacements. */
          const char *base = sample_texts[rng_below (&state, nsamples)];
          len = strlen (base);
          memcpy (buf, base, len);
          size_t edits = 1 + rng_below (&state, 4);
          for (size_t k = 0; k < edits; k++)
            {
              const char *piece = fuzz_pieces[rng_below (&state, npieces)];
              size_t lp = strlen (piece);
              size_t at = rng_below (&state, len + 1);
              size_t kind = rng_below (&state, 3);
              if (kind == 0 && len > 0 && at < len)         /* delete one byte */
                {
                  memmove (buf + at, buf + at + 1, len - at - 1);
                  len--;
                }
              else if (len + lp < sizeof buf - 1)           /* insert or replace */
                {
                  if (kind == 2 && at < len)
                    {
                      memmove (buf + at, buf + at + 1, len - at - 1);
                      len--;
                    }
                  memmove (buf + at + lp, buf + at, len - at);
                  memcpy (buf + at, piece, lp);
                  len += lp;
                }
            }
        }
      buf[len] = '\0';
      check_any_input (buf, seed, it);
    }
}
END_TEST

/* A random expression written as text, with its value at X computed by the
   test itself in the same order of operations as the tree the parser
   should build: a second, independent route to every value. */
typedef struct gen
{
  uint64_t *state;
  double x;
  char *buf;
  size_t len, size;
  int divided_by_zero;   /* the model reports NS_EDOM, whatever C would give */
} gen;

static void
gen_put (gen *g, const char *s)
{
  size_t n = strlen (s);
  if (g->len + n < g->size)
    {
      memcpy (g->buf + g->len, s, n + 1);
      g->len += n;
    }
}

static double
gen_expr (gen *g, int depth)
{
  size_t choice = depth <= 0 ? rng_below (g->state, 2) : rng_below (g->state, 11);
  char num[32];
  double a, b;
  if (rng_below (g->state, 4) == 0)
    gen_put (g, " ");
  switch (choice)
    {
    case 0:
      gen_put (g, "x");
      return g->x;
    case 1:
      {
        int k = (int) rng_below (g->state, 20);
        snprintf (num, sizeof num, "%d.%d", k / 4, (k % 4) * 25);   /* exact in binary */
        gen_put (g, num);
        return k / 4 + (k % 4) * 0.25;
      }
    case 2: case 3: case 4: case 5:
      {
        static const char *const ops[] = { "+", "-", "*", "/" };
        size_t o = choice - 2;
        gen_put (g, "(");
        a = gen_expr (g, depth - 1);
        gen_put (g, ops[o]);
        b = gen_expr (g, depth - 1);
        gen_put (g, ")");
        if (o == 3 && b == 0.0)
          g->divided_by_zero = 1;
        return o == 0 ? a + b : o == 1 ? a - b : o == 2 ? a * b : a / b;
      }
    case 6:
      gen_put (g, "-(");
      a = gen_expr (g, depth - 1);
      gen_put (g, ")");
      return -a;
    case 7:
      gen_put (g, "relu(");
      a = gen_expr (g, depth - 1);
      gen_put (g, ")");
      return a > 0 ? a : 0.0;
    case 8:
      gen_put (g, "abs(");
      a = gen_expr (g, depth - 1);
      gen_put (g, ")");
      return fabs (a);
    case 9:
      gen_put (g, "max(");
      a = gen_expr (g, depth - 1);
      gen_put (g, ",");
      b = gen_expr (g, depth - 1);
      gen_put (g, ")");
      return a > b ? a : b;
    default:
      gen_put (g, "(");
      a = gen_expr (g, depth - 1);
      gen_put (g, ")^2");
      return a * a;
    }
}

START_TEST (test_random_expressions_evaluate_as_written)
{
  const uint64_t seed = UINT64_C (0x72656c75) + (uint64_t) _i;   /* "relu" */
  uint64_t state = seed;
  const int iterations = ns_test_iterations (1000);
  char text[2048];
  for (int it = 0; it < iterations; it++)
    {
      static const double xs[] = { 0.0, 1.0, -1.0, 0.5, 2.385, -7.25 };
      double x = xs[rng_below (&state, sizeof xs / sizeof xs[0])];
      gen g = { &state, x, text, 0, sizeof text, 0 };
      text[0] = '\0';
      double ref = gen_expr (&g, 5);
      ns_function *f = NULL;
      ns_parse_error err;
      ns_status s = ns_fn_parse (text, &f, &err);
      ck_assert_msg (s == NS_OK, "seed %llu iteration %d: \"%s\": %s",
                     (unsigned long long) seed, it, text, err.text);
      ns_result r;
      s = ns_fn_eval (f, x, &r);
      if (!g.divided_by_zero)
        ck_assert_msg (s == NS_OK && fabs (r.val - ref) <= r.err + REF_ROUNDING * fabs (ref),
                       "seed %llu iteration %d: \"%s\" at %g: %.17g (err %g, status %d), "
                       "expected %.17g", (unsigned long long) seed, it, text, x, r.val,
                       r.err, (int) s, ref);
      else
        ck_assert_msg (s != NS_OK, "seed %llu iteration %d: \"%s\" at %g: %.17g, expected "
                       "a domain error", (unsigned long long) seed, it, text, x,
                       r.val);
      ns_fn_free (f);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("parse");

  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_values_match_closed_forms, 0,
                       (int) (sizeof value_cases / sizeof value_cases[0]));
  tcase_add_test (core, test_tree_shape);
  tcase_add_test (core, test_every_table_name_parses);
  tcase_add_test (core, test_error_cleared_on_success_and_null_allowed);
  tcase_add_test (core, test_null_arguments);
  tcase_add_loop_test (core, test_round_trip, 0,
                       (int) (sizeof sample_texts / sizeof sample_texts[0]));
  tcase_add_test (core, test_no_double_minus);
  tcase_add_test (core, test_numbers_ignore_the_locale);
  tcase_add_checked_fixture (core, NULL, restore_c_locale);
  suite_add_tcase (s, core);

  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_bad_inputs, 0,
                       (int) (sizeof bad_cases / sizeof bad_cases[0]));
  tcase_add_test (limits, test_length_and_depth_limits);
  tcase_add_test (limits, test_deep_round_trips);
  suite_add_tcase (s, limits);

  TCase *rnd = tcase_create ("random");
  tcase_set_timeout (rnd, 120);
  tcase_add_loop_test (rnd, test_mutated_and_random_strings, 0, 4);
  tcase_add_loop_test (rnd, test_random_expressions_evaluate_as_written, 0, 2);
  suite_add_tcase (s, rnd);
  return s;
}
