/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/parse/parse_lex.c: the lexer and the error reporting shared by the
   function parser (lib/parse/parse.c) and the distribution parser
   (lib/distribution/dist_parse.c): tokens, locale-independent numbers, UTF-8 columns,
   the first-error-wins messages, and the length limit. */
#include <config.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse/parse_impl.h"

/* Longest token text quoted in a message, in bytes; longer ones end in "...".
   Keeps the longest message well inside ns_parse_error.text. */
#define PARSE_QUOTE_MAX 24

/* Decimal exponents beyond this magnitude are saturated while scanning: any
   exponent this large already overflows or underflows every double, and
   saturating keeps the scan free of integer overflow. */
#define PARSE_EXPONENT_SATURATION 100000L

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
is_name_start (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* ------------------------------------------------------------------ errors */

/* Records the first error only: later errors are consequences of it. */
void
ns_parse_set_error (parser *p, ns_status status, size_t off, const char *fmt, ...)
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
void
ns_parse_describe_token (const parser *p, const token *t, char *buf, size_t size)
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
void
ns_parse_fail_at_token (parser *p, ns_status status, const token *t, const char *before,
                        const char *after)
{
  char quoted[48];
  ns_parse_describe_token (p, t, quoted, sizeof quoted);
  ns_parse_set_error (p, status, t->start, "%s%s%s", before, quoted, after);
}

/* Reports that WHAT was expected at the lookahead token; a character that
   starts no token is reported as such, since that is the real problem. */
void
ns_parse_fail_expected (parser *p, const char *what)
{
  char near[48];
  ns_parse_describe_token (p, &p->tok, near, sizeof near);
  if (p->tok.kind == TOK_BAD)
    {
      unsigned char c = (unsigned char) p->text[p->tok.start];
      if (p->tok.len == 1 && (c < 0x21 || c > 0x7E))
        ns_parse_set_error (p, NS_EPARSE, p->tok.start, "unexpected byte 0x%02X",
                            (unsigned) c);
      else
        ns_parse_set_error (p, NS_EPARSE, p->tok.start, "unexpected character %s", near);
    }
  else
    ns_parse_set_error (p, NS_EPARSE, p->tok.start, "expected %s near %s", what, near);
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
void
ns_parse_advance (parser *p)
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
  /* The characters the readable printers write (lib/distribution/dist_readable.c):
     the minus sign U+2212 is '-', the middle dot '*'; delta and capital sigma start names
     ("\xce\xb4", "\xce\xa3_"), which only the distribution grammar knows. */
  if (avail >= 3 && memcmp (s, "\xe2\x88\x92", 3) == 0)
    {
      p->tok.kind = TOK_MINUS;
      p->tok.len = 3;
      return;
    }
  if (avail >= 2 && memcmp (s, "\xc2\xb7", 2) == 0)   /* the middle dot U+00B7 */
    {
      p->tok.kind = TOK_STAR;
      p->tok.len = 2;
      return;
    }
  if (avail >= 2 && (memcmp (s, "\xce\xb4", 2) == 0 || memcmp (s, "\xce\xa3", 2) == 0))
    {
      size_t n = 2;
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

int
ns_parse_token_is_word (const parser *p, const token *t, const char *word)
{
  size_t n = strlen (word);
  return t->kind == TOK_NAME && t->len == n && memcmp (p->text + t->start, word, n) == 0;
}

int
ns_parse_token_is (const parser *p, const char *word)
{
  return ns_parse_token_is_word (p, &p->tok, word);
}

/* The value of a number token, converted independently of the C locale
   (whose decimal point may be a comma): the digits are copied without the
   '.', the exponent is lowered by the number of fraction digits, and strtod
   reads "DDDDe-N", which has no radix character and so reads the same in
   every locale, correctly rounded.  Returns +-inf on overflow; underflow
   gives the nearest double (0 or subnormal), as for a literal in C, and
   the parser refuses a 0 from nonzero digits. */
double
ns_parse_number_value (const char *s, size_t len)
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

/* ------------------------------------------------------------------ entry */

int
ns_parse_begin (parser *p, const char *text)
{
  memset (p, 0, sizeof *p);
  p->text = text;
  p->first_x = PARSE_NO_OFFSET;
  p->status = NS_OK;

  /* Never read past the limit, so a huge or unterminated-looking input
     costs at most NS_PARSE_MAX_LENGTH + 1 bytes of scanning. */
  size_t length = 0;
  while (length <= NS_PARSE_MAX_LENGTH && text[length] != '\0')
    length++;
  if (length > NS_PARSE_MAX_LENGTH)
    {
      ns_parse_set_error (p, NS_ELIMIT, NS_PARSE_MAX_LENGTH,
                          "input longer than %d bytes", NS_PARSE_MAX_LENGTH);
      return 0;
    }
  p->length = length;
  p->tok.start = 0;
  p->tok.len = 0;
  ns_parse_advance (p);
  return 1;
}

int
ns_parse_at_end (parser *p)
{
  if (p->tok.kind == TOK_END)
    return 1;
  if (p->tok.kind == TOK_RPAREN)
    ns_parse_set_error (p, NS_EPARSE, p->tok.start, "unmatched ')'");
  else
    ns_parse_fail_expected (p, "operator");
  return 0;
}

int
ns_parse_arguments_ok (const char *text, int have_out, ns_parse_error *err)
{
  if (err != NULL)
    {
      err->column = 0;
      err->text[0] = '\0';
    }
  if (text != NULL && have_out)
    return 1;
  if (err != NULL)
    snprintf (err->text, sizeof err->text, "%s is NULL", text == NULL ? "text" : "out");
  return 0;
}
