/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_mlp.c: small multilayer perceptrons read from text, and
   the functions they define: of their inputs (weights fixed) or of their
   weights and biases (input fixed), as ordinary trees of several variables
   whose hidden units are shared subtrees, as a framework's graph holds
   each activation once. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "multi/multi_impl.h"
#include "parse/parse_impl.h"

typedef enum mlp_act { ACT_IDENTITY = 0, ACT_RELU, ACT_LEAKY } mlp_act;

struct ns_mlp {
  int nlayers;                       /* weight layers, 1 ... NS_MLP_MAX_LAYERS */
  int size[NS_MLP_MAX_LAYERS + 1];   /* size[0] inputs, size[nlayers] = 1 */
  mlp_act act[NS_MLP_MAX_LAYERS];
  double slope[NS_MLP_MAX_LAYERS];   /* of a leaky layer */
  size_t nparams;
  /* The parameters in the order of the text: layer by layer, row by row,
     each row its size[l] weights then its bias. */
  double *param;
};

/* ------------------------------------------------------------------ lexer */

typedef enum mtok { MT_END, MT_WORD, MT_NUMBER, MT_BAR, MT_BAD } mtok;

typedef struct mlex {
  const char *text;
  size_t pos;         /* after the current token */
  mtok kind;
  size_t start, len;  /* the current token */
  double value;       /* of a number */
  ns_status status;
  ns_parse_error *err;
} mlex;

/* The 1-based character column of byte offset OFF (UTF-8 continuation
   bytes do not start a character) and its line. */
static void
position_of (const char *text, size_t off, int *column, int *line)
{
  int col = 1, ln = 1;
  for (size_t i = 0; i < off && text[i] != '\0'; i++)
    if (((unsigned char) text[i] & 0xC0) != 0x80)
      col++;
  for (size_t i = 0; i < off && text[i] != '\0'; i++)
    if (text[i] == '\n')
      ln++;
  *column = col;
  *line = ln;
}

/* Records the first error, at the current token. */
static void
fail (mlex *l, ns_status st, const char *what)
{
  if (l->status != NS_OK)
    return;
  l->status = st;
  if (l->err == NULL)
    return;
  int column, line;
  char near[40];
  position_of (l->text, l->start, &column, &line);
  if (l->kind == MT_END)
    snprintf (near, sizeof near, "end of input");
  else
    snprintf (near, sizeof near, "'%.*s'", (int) (l->len < 24 ? l->len : 24),
              l->text + l->start);
  l->err->column = column;
  snprintf (l->err->text, sizeof l->err->text, "%s near %s (line %d)", what, near, line);
}

static int
is_word_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Moves to the next token.  Blanks, newlines, commas and semicolons
   separate tokens; '#' starts a comment that ends with the line. */
static void
next (mlex *l)
{
  const char *s = l->text;
  size_t i = l->pos;
  for (;;)
    {
      while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ','
             || s[i] == ';')
        i++;
      if (s[i] != '#')
        break;
      while (s[i] != '\0' && s[i] != '\n')
        i++;
    }
  l->start = i;
  if (s[i] == '\0')
    l->kind = MT_END;
  else if (s[i] == '|')
    {
      l->kind = MT_BAR;
      i++;
    }
  else if (is_word_char (s[i]))
    {
      l->kind = MT_WORD;
      while (is_word_char (s[i]))
        i++;
    }
  else
    {
      /* A number: [+-] digits [. digits] [e [+-] digits], at least one
         digit before the exponent; read in every locale alike. */
      int negative = 0;
      size_t j = i, digits = 0;
      if (s[j] == '+' || s[j] == '-')
        negative = s[j++] == '-';
      size_t m = j;
      while (is_digit (s[j]))
        j++, digits++;
      if (s[j] == '.')
        for (j++; is_digit (s[j]); j++)
          digits++;
      if (digits > 0 && (s[j] == 'e' || s[j] == 'E'))
        {
          size_t k = j + 1;
          if (s[k] == '+' || s[k] == '-')
            k++;
          if (is_digit (s[k]))
            {
              while (is_digit (s[k]))
                k++;
              j = k;
            }
        }
      if (digits == 0 || is_word_char (s[j]) || s[j] == '.')
        {
          l->kind = MT_BAD;
          l->len = 1;
          l->pos = i + 1;
          return;
        }
      l->kind = MT_NUMBER;
      i = j;
      l->len = i - l->start;
      if (j - m > NS_PARSE_MAX_LENGTH)
        {
          fail (l, NS_EPARSE, "number too long");
          l->value = NAN;
        }
      else
        {
          int nonzero = 0;
          for (size_t k = m; k < j && s[k] != 'e' && s[k] != 'E'; k++)
            nonzero |= s[k] >= '1' && s[k] <= '9';
          l->value = ns_parse_number_value (s + m, j - m);
          if (!isfinite (l->value) || (l->value == 0.0 && nonzero))
            fail (l, NS_EPARSE, "number out of range");
          if (negative)
            l->value = -l->value;
        }
    }
  l->len = i - l->start;
  l->pos = i;
}

static int
is_word (const mlex *l, const char *w)
{
  return l->kind == MT_WORD && strlen (w) == l->len
         && strncmp (l->text + l->start, w, l->len) == 0;
}

/* A number, or an error naming WHAT was expected. */
static int
expect_number (mlex *l, const char *what, double *v)
{
  if (l->status != NS_OK)
    return 0;
  if (l->kind != MT_NUMBER)
    {
      fail (l, NS_EPARSE, what);
      return 0;
    }
  *v = l->value;
  next (l);
  return l->status == NS_OK;
}

/* ------------------------------------------------------------------ parse */

ns_status
ns_mlp_parse (const char *text, ns_mlp **out, ns_parse_error *err)
{
  if (err != NULL)
    {
      err->column = 0;
      err->text[0] = '\0';
    }
  if (out != NULL)
    *out = NULL;
  if (text == NULL || out == NULL)
    {
      if (err != NULL)
        snprintf (err->text, sizeof err->text, "%s is NULL", text == NULL ? "text" : "out");
      return NS_EINVAL;
    }
  ns_mlp *net = calloc (1, sizeof *net);
  if (net == NULL)
    return NS_ENOMEM;
  mlex l = { text, 0, MT_END, 0, 0, 0.0, NS_OK, err };
  next (&l);

  /* sizes N0 N1 ... NL */
  int nsizes = 0;
  if (!is_word (&l, "sizes"))
    fail (&l, NS_EPARSE, "expected 'sizes'");
  else
    next (&l);
  while (l.status == NS_OK && l.kind == MT_NUMBER)
    {
      double v = l.value;
      if (nsizes > NS_MLP_MAX_LAYERS)
        {
          char what[64];
          snprintf (what, sizeof what, "more than %d weight layers", NS_MLP_MAX_LAYERS);
          fail (&l, NS_ELIMIT, what);
        }
      else if (!(v >= 1 && v <= NS_MULTI_MAX_VARS) || v != floor (v))
        fail (&l, NS_EPARSE, "a layer size must be an integer from 1 to 64");
      else
        net->size[nsizes++] = (int) v;
      next (&l);
    }
  if (l.status == NS_OK && nsizes < 2)
    fail (&l, NS_EPARSE, "expected at least two layer sizes (inputs and the output)");
  else if (l.status == NS_OK && net->size[nsizes - 1] != 1)
    fail (&l, NS_EPARSE, "expected an output layer of size 1 (a scalar network)");
  net->nlayers = nsizes - 1;

  if (l.status == NS_OK)
    {
      size_t np = 0;
      for (int k = 0; k < net->nlayers; k++)
        np += (size_t) (net->size[k] + 1) * (size_t) net->size[k + 1];
      net->nparams = np;
      net->param = malloc (np * sizeof *net->param);
      if (net->param == NULL)
        {
          free (net);
          return NS_ENOMEM;
        }
    }

  size_t at = 0;
  for (int k = 0; k < net->nlayers && l.status == NS_OK; k++)
    {
      /* layer relu | identity | leaky SLOPE */
      if (!is_word (&l, "layer"))
        {
          fail (&l, NS_EPARSE, "expected 'layer'");
          break;
        }
      next (&l);
      if (is_word (&l, "relu"))
        net->act[k] = ACT_RELU;
      else if (is_word (&l, "identity"))
        net->act[k] = ACT_IDENTITY;
      else if (is_word (&l, "leaky"))
        net->act[k] = ACT_LEAKY;
      else
        {
          fail (&l, NS_EPARSE, "expected an activation: relu, leaky SLOPE or identity");
          break;
        }
      next (&l);
      if (net->act[k] == ACT_LEAKY
          && !expect_number (&l, "expected the slope of leaky", &net->slope[k]))
        break;
      /* size[k+1] rows: size[k] weights, '|', the bias. */
      for (int r = 0; r < net->size[k + 1] && l.status == NS_OK; r++)
        {
          for (int c = 0; c < net->size[k] && l.status == NS_OK; c++)
            expect_number (&l, "expected a weight", &net->param[at++]);
          if (l.status != NS_OK)
            break;
          if (l.kind != MT_BAR)
            {
              char what[96];
              snprintf (what, sizeof what, "expected '|' after the %d weights of row %d of layer %d",
                        net->size[k], r + 1, k + 1);
              fail (&l, NS_EPARSE, what);
              break;
            }
          next (&l);
          expect_number (&l, "expected a bias after '|'", &net->param[at++]);
        }
    }
  if (l.status == NS_OK && l.kind != MT_END)
    fail (&l, NS_EPARSE, l.kind == MT_NUMBER ? "more weights than the sizes say" : "unexpected text");
  if (l.status != NS_OK)
    {
      ns_mlp_free (net);
      return l.status;
    }
  *out = net;
  return NS_OK;
}

void
ns_mlp_free (ns_mlp *net)
{
  if (net == NULL)
    return;
  free (net->param);
  free (net);
}

/* ------------------------------------------------------------ the trees */

/* The function of the network whose inputs are IN[0 .. size[0]-1] and
   whose parameter i is PARAM[i], both trees (references are taken).
   Each layer's pre-activation is (w1 a1 + w2 a2 + ...) + b, the sum of
   the products of a matrix-vector product left to right, then the bias;
   a unit's output is one node shared by every unit of the next layer. */
static ns_status
build (const ns_mlp *net, ns_function *const *in, ns_function *const *param,
       ns_function **out)
{
  ns_function *prev[NS_MULTI_MAX_VARS], *cur[NS_MULTI_MAX_VARS];
  ns_status st = NS_OK;
  int nprev = net->size[0];
  size_t at = 0;
  *out = NULL;
  for (int i = 0; i < nprev; i++)
    prev[i] = ns_fn_ref (in[i]);
  for (int k = 0; k < net->nlayers && st == NS_OK; k++)
    {
      int ncur = net->size[k + 1];
      for (int r = 0; r < ncur; r++)
        cur[r] = NULL;
      for (int r = 0; r < ncur && st == NS_OK; r++)
        {
          ns_function *s = NULL;
          for (int c = 0; c <= nprev && st == NS_OK; c++)
            {
              ns_function *term, *args[2];
              if (c < nprev)
                {
                  args[0] = ns_fn_ref (param[at++]);
                  args[1] = ns_fn_ref (prev[c]);
                  if ((st = ns_fn_make (NS_OP_MUL, args, NULL, &term)) != NS_OK)
                    break;
                }
              else
                term = ns_fn_ref (param[at++]);
              if (s == NULL)
                s = term;
              else
                {
                  args[0] = s;
                  args[1] = term;
                  s = NULL;
                  st = ns_fn_make (NS_OP_ADD, args, NULL, &s);
                }
            }
          if (st == NS_OK)
            switch (net->act[k])
              {
              case ACT_RELU:
                st = ns_fn_make (NS_OP_RELU, &s, NULL, &cur[r]);
                break;
              case ACT_LEAKY:
                st = ns_fn_make (NS_OP_LEAKY_RELU, &s, &net->slope[k], &cur[r]);
                break;
              default:
                cur[r] = s;
                break;
              }
          else
            ns_fn_free (s);
        }
      for (int i = 0; i < nprev; i++)
        ns_fn_free (prev[i]);
      for (int r = 0; r < ncur; r++)
        prev[r] = cur[r];
      nprev = ncur;
    }
  if (st == NS_OK)
    *out = prev[0];
  else
    for (int i = 0; i < nprev; i++)
      ns_fn_free (prev[i]);
  return st;
}

/* A function of N fresh variables (leaves) whose tree BUILD makes. */
static ns_mfn *
mfn_alloc (int n)
{
  ns_mfn *m = calloc (1, sizeof *m);
  if (m == NULL)
    return NULL;
  m->n = n;
  for (int i = 0; i < n; i++)
    if ((m->leaf[i] = ns_fn_x ()) == NULL)
      {
        ns_mfn_free (m);
        return NULL;
      }
  return m;
}

ns_status
ns_mlp_as_function_of_inputs (const ns_mlp *net, ns_mfn **out)
{
  if (out != NULL)
    *out = NULL;
  if (net == NULL || out == NULL)
    return NS_EINVAL;
  ns_function **param = calloc (net->nparams, sizeof *param);
  ns_mfn *m = mfn_alloc (net->size[0]);
  ns_status st = param != NULL && m != NULL ? NS_OK : NS_ENOMEM;
  for (size_t i = 0; i < net->nparams && st == NS_OK; i++)
    if ((param[i] = ns_fn_const (net->param[i])) == NULL)
      st = NS_ENOMEM;
  if (st == NS_OK)
    st = build (net, m->leaf, param, &m->tree);
  if (param != NULL)
    for (size_t i = 0; i < net->nparams; i++)
      ns_fn_free (param[i]);
  free (param);
  if (st != NS_OK)
    {
      ns_mfn_free (m);
      return st;
    }
  *out = m;
  return NS_OK;
}

ns_status
ns_mlp_as_function_of_weights (const ns_mlp *net, const double *input, ns_mfn **out)
{
  if (out != NULL)
    *out = NULL;
  if (net == NULL || input == NULL || out == NULL)
    return NS_EINVAL;
  for (int i = 0; i < net->size[0]; i++)
    if (!isfinite (input[i]))
      return NS_EINVAL;
  if (net->nparams > NS_MULTI_MAX_VARS)
    return NS_ELIMIT;
  ns_function *in[NS_MULTI_MAX_VARS] = { NULL };
  ns_mfn *m = mfn_alloc ((int) net->nparams);
  ns_status st = m != NULL ? NS_OK : NS_ENOMEM;
  for (int i = 0; i < net->size[0] && st == NS_OK; i++)
    if ((in[i] = ns_fn_const (input[i])) == NULL)
      st = NS_ENOMEM;
  if (st == NS_OK)
    st = build (net, in, m->leaf, &m->tree);
  for (int i = 0; i < net->size[0]; i++)
    ns_fn_free (in[i]);
  if (st != NS_OK)
    {
      ns_mfn_free (m);
      return st;
    }
  *out = m;
  return NS_OK;
}
