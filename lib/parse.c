/* lib/parse.c: text -> ns_function.  A one-token lexer and a recursive-descent
   parser that builds trees only through the public function-model API
   (ns_op_lookup, ns_op_get, ns_fn_make, ns_fn_eval, ns_fn_free), so a new row
   in the operator table needs no change here.  Owns the error messages and
   the limits NS_PARSE_MAX_LENGTH and NS_PARSE_MAX_DEPTH. */
#include <config.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nonsmooth/parse.h"

/* pi to more digits than a double holds; M_PI is not C11. */
#define PARSE_PI 3.14159265358979323846264338327950288

/* Longest token text quoted in a message, in bytes; longer ones end in "...".
   Keeps the longest message well inside ns_parse_error.text. */
#define PARSE_QUOTE_MAX 24

/* "No offset recorded" for parser.first_x. */
#define PARSE_NO_OFFSET SIZE_MAX

/* Decimal exponents beyond this magnitude are saturated while scanning: any
   exponent this large already overflows or underflows every double, and
   saturating keeps the scan free of integer overflow. */
#define PARSE_EXPONENT_SATURATION 100000L

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
  ns_status status;       /* NS_OK until the first error */
  ns_parse_error error;   /* the first error; later ones are dropped */
} parser;

/* ------------------------------------------------------------------ text */

/* The 1-based column of byte OFF: one more than the number of UTF-8
   characters before it.  A character is counted at its first byte, so
   continuation bytes (10xxxxxx) are skipped; a stray continuation byte is
   thus part of the character before it, and a column never exceeds the
   character count plus one. */
static int
column_of (const char *text, size_t off)
{
  int column = 1;
  for (size_t i = 0; i < off; i++)
    if (((unsigned char) text[i] & 0xC0) != 0x80)
      column++;
  return column;
}

/* Length of the well-formed UTF-8 sequence at S (at most AVAIL bytes), or 0
   when it is not one (overlong forms, surrogates and values past U+10FFFF
   included), following the table of Unicode 15, section 3.9. */
static size_t
utf8_sequence_length (const unsigned char *s, size_t avail)
{
  unsigned char lo = 0x80, hi = 0xBF;
  size_t n;
  if (s[0] >= 0xC2 && s[0] <= 0xDF)
    n = 2;
  else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    {
      n = 3;
      if (s[0] == 0xE0)
        lo = 0xA0;
      else if (s[0] == 0xED)
        hi = 0x9F;
    }
  else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    {
      n = 4;
      if (s[0] == 0xF0)
        lo = 0x90;
      else if (s[0] == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;
  if (avail < n || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < n; i++)
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
  return n;
}

/* Whitespace is the ASCII set, tested without <ctype.h>, whose answers
   depend on the locale. */
static int
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static int
is_name_start (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* ------------------------------------------------------------------ errors */

static void set_error (parser *p, ns_status status, size_t off, const char *fmt, ...)
  PARSE_PRINTF (4, 5);

/* Records the first error only: later errors are consequences of it. */
static void
set_error (parser *p, ns_status status, size_t off, const char *fmt, ...)
{
  if (p->status != NS_OK)
    return;
  p->status = status;
  p->error.column = column_of (p->text, off);
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (p->error.text, sizeof p->error.text, fmt, ap);
  va_end (ap);
}

/* Writes how token T looks in a message: "end of input", or its text in
   quotes, shortened to PARSE_QUOTE_MAX bytes.  Only TOK_BAD tokens hold
   non-ASCII bytes, and they are one character long, so shortening never
   splits a UTF-8 sequence. */
static void
describe_token (const parser *p, const token *t, char *buf, size_t size)
{
  const char *s = p->text + t->start;
  unsigned char c = (unsigned char) s[0];
  if (t->kind == TOK_END)
    snprintf (buf, size, "end of input");
  else if (t->kind == TOK_BAD && t->len == 1 && (c < 0x21 || c > 0x7E))
    snprintf (buf, size, "byte 0x%02X", (unsigned) c);
  else if (t->len > PARSE_QUOTE_MAX)
    snprintf (buf, size, "'%.*s...'", PARSE_QUOTE_MAX, s);
  else
    snprintf (buf, size, "'%.*s'", (int) t->len, s);
}

/* Reports an error at token T whose message is BEFORE, the quoted token,
   then AFTER.  The quoting buffer lives here rather than in the recursive
   grammar functions, whose frames are multiplied by the nesting depth. */
static void
fail_at_token (parser *p, ns_status status, const token *t, const char *before,
               const char *after)
{
  char quoted[48];
  describe_token (p, t, quoted, sizeof quoted);
  set_error (p, status, t->start, "%s%s%s", before, quoted, after);
}

/* Reports that WHAT was expected at the lookahead token; a character that
   starts no token is reported as such, since that is the real problem. */
static void
fail_expected (parser *p, const char *what)
{
  char near[48];
  describe_token (p, &p->tok, near, sizeof near);
  if (p->tok.kind == TOK_BAD)
    {
      unsigned char c = (unsigned char) p->text[p->tok.start];
      if (p->tok.len == 1 && (c < 0x21 || c > 0x7E))
        set_error (p, NS_EPARSE, p->tok.start, "unexpected byte 0x%02X", (unsigned) c);
      else
        set_error (p, NS_EPARSE, p->tok.start, "unexpected character %s", near);
    }
  else
    set_error (p, NS_EPARSE, p->tok.start, "expected %s near %s", what, near);
}

/* ------------------------------------------------------------------ lexer */

/* Length of the number at S (AVAIL bytes; S starts with a digit, or with '.'
   and a digit): digits, an optional '.' and digits, then an exponent only
   when 'e' or 'E' is followed by digits (with an optional sign), so "2exp(x)"
   reads as "2" followed by a name and is reported as a missing operator. */
static size_t
scan_number (const char *s, size_t avail)
{
  size_t i = 0;
  while (i < avail && is_digit (s[i]))
    i++;
  if (i < avail && s[i] == '.')
    {
      i++;
      while (i < avail && is_digit (s[i]))
        i++;
    }
  if (i < avail && (s[i] == 'e' || s[i] == 'E'))
    {
      size_t j = i + 1;
      if (j < avail && (s[j] == '+' || s[j] == '-'))
        j++;
      if (j < avail && is_digit (s[j]))
        {
          while (j < avail && is_digit (s[j]))
            j++;
          i = j;
        }
    }
  return i;
}

/* Moves to the next token. */
static void
advance (parser *p)
{
  size_t i = p->tok.start + p->tok.len;
  while (i < p->length && is_space (p->text[i]))
    i++;
  p->tok.start = i;
  p->tok.len = 1;
  if (i == p->length)
    {
      p->tok.kind = TOK_END;
      p->tok.len = 0;
      return;
    }
  const char *s = p->text + i;
  size_t avail = p->length - i;
  if (is_digit (s[0]) || (s[0] == '.' && avail > 1 && is_digit (s[1])))
    {
      p->tok.kind = TOK_NUMBER;
      p->tok.len = scan_number (s, avail);
      return;
    }
  if (is_name_start (s[0]))
    {
      size_t n = 1;
      while (n < avail && (is_name_start (s[n]) || is_digit (s[n])))
        n++;
      p->tok.kind = TOK_NAME;
      p->tok.len = n;
      return;
    }
  switch (s[0])
    {
    case '+': p->tok.kind = TOK_PLUS; return;
    case '-': p->tok.kind = TOK_MINUS; return;
    case '*': p->tok.kind = TOK_STAR; return;
    case '/': p->tok.kind = TOK_SLASH; return;
    case '^': p->tok.kind = TOK_CARET; return;
    case '(': p->tok.kind = TOK_LPAREN; return;
    case ')': p->tok.kind = TOK_RPAREN; return;
    case ',': p->tok.kind = TOK_COMMA; return;
    default: break;
    }
  /* A whole UTF-8 character, so the message can quote it; a byte that
     starts no well-formed sequence stands alone. */
  size_t n = utf8_sequence_length ((const unsigned char *) s, avail);
  p->tok.kind = TOK_BAD;
  p->tok.len = n > 0 ? n : 1;
}

static int
token_is (const parser *p, const char *word)
{
  size_t n = strlen (word);
  return p->tok.kind == TOK_NAME && p->tok.len == n
         && memcmp (p->text + p->tok.start, word, n) == 0;
}

/* The value of a number token, converted independently of the C locale
   (whose decimal point may be a comma): the digits are copied without the
   '.', the exponent is lowered by the number of fraction digits, and strtod
   reads "DDDDe-N", which has no radix character and so reads the same in
   every locale, correctly rounded.  Returns +-inf on overflow; underflow
   gives the nearest double (0 or subnormal), as for a literal in C. */
static double
number_value (const char *s, size_t len)
{
  char buf[NS_PARSE_MAX_LENGTH + 32];
  size_t n = 0, i = 0;
  long fraction_digits = 0;
  int in_fraction = 0;
  for (; i < len && s[i] != 'e' && s[i] != 'E'; i++)
    {
      if (s[i] == '.')
        {
          in_fraction = 1;
          continue;
        }
      buf[n++] = s[i];
      fraction_digits += in_fraction;
    }
  long exponent = 0;
  int negative = 0;
  if (i < len)
    {
      i++;
      if (s[i] == '+' || s[i] == '-')
        negative = s[i++] == '-';
      for (; i < len; i++)
        if (exponent < PARSE_EXPONENT_SATURATION)
          exponent = 10 * exponent + (s[i] - '0');
    }
  exponent = (negative ? -exponent : exponent) - fraction_digits;
  snprintf (buf + n, sizeof buf - n, "e%ld", exponent);
  return strtod (buf, NULL);
}

/* ------------------------------------------------------------------ building */

/* ns_fn_make with the parser's error reporting.  Ownership of A and B (as
   many as the primitive's arity) passes to ns_fn_make, which releases them
   when it fails.  AT is the offset blamed in a message. */
static ns_function *
build (parser *p, ns_op op, ns_function *a, ns_function *b, const double *params,
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
    set_error (p, NS_ENOMEM, at, "out of memory");
  else if (s == NS_ELIMIT)
    set_error (p, NS_ELIMIT, at,
               "expression too deep or too large for the function model "
               "(depth %d, size %d) at '%s'", NS_FN_MAX_DEPTH, NS_FN_MAX_SIZE, name);
  else if (info && info->nparams == 2 && params)
    set_error (p, NS_EPARSE, at, "invalid parameters for %s: %g, %g", name,
               params[0], params[1]);
  else if (info && info->nparams == 1 && params)
    set_error (p, NS_EPARSE, at, "invalid parameter for %s: %g", name, params[0]);
  else
    set_error (p, NS_EPARSE, at, "cannot build '%s': %s", name, ns_strerror (s));
  return NULL;
}

/* Counts one level of nesting (a parenthesis or a unary operator), or
   reports NS_ELIMIT: the bound keeps the recursion, and so the C stack,
   shallow whatever the input. */
static int
enter (parser *p, size_t at)
{
  if (p->depth >= NS_PARSE_MAX_DEPTH)
    {
      char near[48];
      describe_token (p, &p->tok, near, sizeof near);
      set_error (p, NS_ELIMIT, at, "nesting deeper than %d near %s",
                 NS_PARSE_MAX_DEPTH, near);
      return 0;
    }
  p->depth++;
  return 1;
}

static void
leave (parser *p)
{
  p->depth--;
}

/* ------------------------------------------------------------------ grammar */

static ns_function *parse_expr (parser *p);

/* exponent := ['+'|'-'] integer | '(' ['+'|'-'] integer ')'.  Only an
   integer literal is accepted, so the power is a polynomial power the
   function model can expand exactly; its magnitude must fit an int. */
static int
parse_exponent (parser *p, int *n)
{
  int parenthesized = p->tok.kind == TOK_LPAREN;
  if (parenthesized)
    advance (p);
  int negative = 0;
  if (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
    {
      negative = p->tok.kind == TOK_MINUS;
      advance (p);
    }
  if (p->tok.kind != TOK_NUMBER)
    {
      fail_expected (p, "integer exponent");
      return 0;
    }
  char quoted[48];
  describe_token (p, &p->tok, quoted, sizeof quoted);
  const char *s = p->text + p->tok.start;
  long value = 0;
  for (size_t i = 0; i < p->tok.len; i++)
    {
      if (!is_digit (s[i]))
        {
          set_error (p, NS_EPARSE, p->tok.start,
                     "exponent must be an integer, got %s", quoted);
          return 0;
        }
      value = 10 * value + (s[i] - '0');
      if (value > INT_MAX)
        {
          set_error (p, NS_EPARSE, p->tok.start,
                     "exponent %s out of range (at most %d in magnitude)", quoted,
                     INT_MAX);
          return 0;
        }
    }
  advance (p);
  if (parenthesized)
    {
      if (p->tok.kind != TOK_RPAREN)
        {
          fail_expected (p, "')'");
          return 0;
        }
      advance (p);
    }
  *n = negative ? -(int) value : (int) value;
  return 1;
}

/* "relu takes 1 argument, got 2", "heaviside takes 1 or 2 arguments, got 3". */
static void
report_argument_count (parser *p, const char *name, int min_args, int max_args, int count,
                       size_t at)
{
  if (min_args == max_args)
    set_error (p, NS_EPARSE, at, "%s takes %d argument%s, got %d", name, min_args,
               min_args == 1 ? "" : "s", count);
  else
    set_error (p, NS_EPARSE, at, "%s takes %d %s %d arguments, got %d", name, min_args,
               max_args == min_args + 1 ? "or" : "to", max_args, count);
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
      fail_at_token (p, NS_EPARSE, &name, "cannot call ", ": unsupported operator table row");
      return NULL;
    }
  const int min_args = info->arity + info->nparams_required;
  const int max_args = info->arity + info->nparams;
  ns_function *args[2] = { NULL, NULL };
  double params[2] = { 0.0, 0.0 };
  int count = 0;
  size_t surplus_at = PARSE_NO_OFFSET;

  if (!enter (p, p->tok.start))
    return NULL;
  advance (p);
  if (p->tok.kind != TOK_RPAREN)
    for (;;)
      {
        size_t arg_at = p->tok.start;
        if (count < info->arity)
          {
            if ((args[count] = parse_expr (p)) == NULL)
              goto fail;
          }
        else if (count < max_args)
          {
            size_t outer_x = p->first_x;
            p->first_x = PARSE_NO_OFFSET;
            ns_function *c = parse_expr (p);
            size_t x_at = p->first_x;
            p->first_x = outer_x;
            if (c == NULL)
              goto fail;
            if (x_at != PARSE_NO_OFFSET)
              {
                ns_fn_free (c);
                set_error (p, NS_EPARSE, x_at,
                           "argument %d of %s is a parameter and must not depend on x",
                           count + 1, info->name);
                goto fail;
              }
            ns_result r;
            ns_status s = ns_fn_eval (c, 0.0, &r);
            ns_fn_free (c);
            if (s != NS_OK || !isfinite (r.val))
              {
                set_error (p, NS_EPARSE, arg_at,
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
            ns_function *extra = parse_expr (p);
            if (extra == NULL)
              goto fail;
            ns_fn_free (extra);
          }
        count++;
        if (p->tok.kind == TOK_COMMA)
          {
            advance (p);
            continue;
          }
        if (p->tok.kind == TOK_RPAREN)
          break;
        fail_expected (p, "',' or ')'");
        goto fail;
      }
  if (count < min_args || count > max_args)
    {
      report_argument_count (p, info->name, min_args, max_args, count,
                             count > max_args ? surplus_at : p->tok.start);
      goto fail;
    }
  advance (p);
  leave (p);
  for (int i = count - info->arity; i < info->nparams; i++)
    params[i] = info->param_default[i];
  return build (p, op, args[0], args[1], params, name.start);

fail:
  leave (p);
  ns_fn_free (args[0]);
  ns_fn_free (args[1]);
  return NULL;
}

/* primary := number | 'x' | 'pi' | name '(' args ')' | '(' expr ')' */
static ns_function *
parse_primary (parser *p)
{
  token t = p->tok;
  switch (t.kind)
    {
    case TOK_NUMBER:
      {
        double v = number_value (p->text + t.start, t.len);
        if (!isfinite (v))
          {
            fail_at_token (p, NS_EPARSE, &t, "number ", " out of range");
            return NULL;
          }
        advance (p);
        return build (p, NS_OP_CONST, NULL, NULL, &v, t.start);
      }
    case TOK_NAME:
      {
        if (token_is (p, "x"))
          {
            if (p->first_x == PARSE_NO_OFFSET)
              p->first_x = t.start;
            advance (p);
            return build (p, NS_OP_X, NULL, NULL, NULL, t.start);
          }
        if (token_is (p, "pi"))
          {
            const double pi = PARSE_PI;
            advance (p);
            return build (p, NS_OP_CONST, NULL, NULL, &pi, t.start);
          }
        ns_op op = ns_op_lookup (p->text + t.start, t.len);
        advance (p);
        if (op == NS_OP_COUNT || ns_op_get (op) == NULL)
          {
            fail_at_token (p, NS_EPARSE, &t,
                           p->tok.kind == TOK_LPAREN ? "unknown function " : "unknown name ",
                           "");
            return NULL;
          }
        if (p->tok.kind != TOK_LPAREN)
          {
            fail_expected (p, "'('");
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
        if (counted && !enter (p, t.start))
          return NULL;
        advance (p);
        ns_function *e = parse_expr (p);
        if (e != NULL && p->tok.kind != TOK_RPAREN)
          {
            fail_expected (p, "')'");
            ns_fn_free (e);
            e = NULL;
          }
        if (counted)
          leave (p);
        if (e != NULL)
          advance (p);
        return e;
      }
    default:
      fail_expected (p, "expression");
      return NULL;
    }
}

/* power := primary ('^' exponent)? */
static ns_function *
parse_power (parser *p)
{
  ns_function *base = parse_primary (p);
  if (base == NULL || p->tok.kind != TOK_CARET)
    return base;
  size_t at = p->tok.start;
  advance (p);
  int n;
  if (!parse_exponent (p, &n))
    {
      ns_fn_free (base);
      return NULL;
    }
  if (p->tok.kind == TOK_CARET)
    {
      /* a^b^c reads as (a^b)^c in some languages and a^(b^c) in others;
         refusing it is clearer than picking one. */
      set_error (p, NS_EPARSE, p->tok.start,
                 "chained '^' is ambiguous; use parentheses, as in (x^2)^3");
      ns_fn_free (base);
      return NULL;
    }
  const double exponent = n;
  return build (p, NS_OP_POW, base, NULL, &exponent, at);
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
      if (!enter (p, p->tok.start))
        {
          p->depth -= levels;
          return NULL;
        }
      levels++;
      negations += p->tok.kind == TOK_MINUS;
      advance (p);
    }
  if (levels > 0)
    p->sign_before_paren = p->tok.kind == TOK_LPAREN;
  ns_function *a = parse_power (p);
  p->depth -= levels;
  for (int i = 0; a != NULL && i < negations; i++)
    a = build (p, NS_OP_NEG, a, NULL, NULL, chain_at);
  return a;
}

/* term := unary (('*' | '/') unary)*, left associative: 2/4/8 = (2/4)/8. */
static ns_function *
parse_term (parser *p)
{
  ns_function *left = parse_unary (p);
  while (left != NULL && (p->tok.kind == TOK_STAR || p->tok.kind == TOK_SLASH))
    {
      token t = p->tok;
      advance (p);
      ns_function *right = parse_unary (p);
      if (right == NULL)
        {
          ns_fn_free (left);
          return NULL;
        }
      left = build (p, t.kind == TOK_STAR ? NS_OP_MUL : NS_OP_DIV, left, right, NULL,
                    t.start);
    }
  return left;
}

/* expr := term (('+' | '-') term)*, left associative: 2-3-4 = (2-3)-4. */
static ns_function *
parse_expr (parser *p)
{
  ns_function *left = parse_term (p);
  while (left != NULL && (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS))
    {
      token t = p->tok;
      advance (p);
      ns_function *right = parse_term (p);
      if (right == NULL)
        {
          ns_fn_free (left);
          return NULL;
        }
      left = build (p, t.kind == TOK_PLUS ? NS_OP_ADD : NS_OP_SUB, left, right, NULL,
                    t.start);
    }
  return left;
}

/* ------------------------------------------------------------------ entry */

ns_status
ns_fn_parse (const char *text, ns_function **out, ns_parse_error *err)
{
  if (out != NULL)
    *out = NULL;
  if (err != NULL)
    {
      err->column = 0;
      err->text[0] = '\0';
    }
  if (text == NULL || out == NULL)
    {
      if (err != NULL)
        snprintf (err->text, sizeof err->text, "%s is NULL", text == NULL ? "text" : "out");
      return NS_EINVAL;
    }

  parser p;
  memset (&p, 0, sizeof p);
  p.text = text;
  p.first_x = PARSE_NO_OFFSET;
  p.status = NS_OK;

  /* Never read past the limit, so a huge or unterminated-looking input
     costs at most NS_PARSE_MAX_LENGTH + 1 bytes of scanning. */
  size_t length = 0;
  while (length <= NS_PARSE_MAX_LENGTH && text[length] != '\0')
    length++;
  if (length > NS_PARSE_MAX_LENGTH)
    {
      set_error (&p, NS_ELIMIT, NS_PARSE_MAX_LENGTH,
                 "input longer than %d bytes", NS_PARSE_MAX_LENGTH);
      if (err != NULL)
        *err = p.error;
      return p.status;
    }
  p.length = length;
  p.tok.start = 0;
  p.tok.len = 0;
  advance (&p);

  ns_function *f = parse_expr (&p);
  if (f != NULL && p.tok.kind != TOK_END)
    {
      if (p.tok.kind == TOK_RPAREN)
        set_error (&p, NS_EPARSE, p.tok.start, "unmatched ')'");
      else
        fail_expected (&p, "operator");
      ns_fn_free (f);
      f = NULL;
    }
  if (f == NULL && p.status == NS_OK)
    set_error (&p, NS_ENOMEM, 0, "out of memory");  /* not reached: every failure sets an error */
  if (err != NULL && p.status != NS_OK)
    *err = p.error;
  *out = f;
  return p.status;
}
