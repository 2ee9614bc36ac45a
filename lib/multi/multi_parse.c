/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_parse.c: text -> function of several variables.  The
   grammar is ns_fn_parse's; the parser asks ns_parse_vars_lookup about
   each name first, which reads x, y, z or x1 ... xn as shared leaves. */
#include <stdlib.h>
#include <string.h>
#include "multi/multi_impl.h"
#include "parse/parse_impl.h"

/* The 1-based variable index the name [S, S + LEN) spells, with its style
   (1 for x, y, z; 2 for x1 ...), or 0 when it is no variable name.  An
   index too large for an int is returned as NS_MULTI_MAX_VARS + 1. */
static int
variable_index (const char *s, size_t len, int *style)
{
  if (len == 1 && (s[0] == 'x' || s[0] == 'y' || s[0] == 'z'))
    {
      *style = 1;
      return s[0] - 'x' + 1;
    }
  /* x1, x2, ...: no leading zero, so every variable has one spelling. */
  if (len < 2 || s[0] != 'x' || s[1] < '1' || s[1] > '9')
    return 0;
  long v = 0;
  for (size_t i = 1; i < len; i++)
    {
      if (!is_digit (s[i]))
        return 0;
      if (v <= NS_MULTI_MAX_VARS)
        v = 10 * v + (s[i] - '0');
    }
  *style = 2;
  return v > NS_MULTI_MAX_VARS ? NS_MULTI_MAX_VARS + 1 : (int) v;
}

ns_function *
ns_parse_vars_lookup (parser *p, const token *t, int *is_var)
{
  struct ns_parse_vars *v = p->vars;
  int style = 0;
  int i = variable_index (p->text + t->start, t->len, &style);
  *is_var = i > 0;
  if (i == 0)
    return NULL;
  if (v->style != 0 && v->style != style)
    {
      ns_parse_fail_at_token (p, NS_EPARSE, t, "variable ",
                              " mixes the names x, y, z with x1, x2, ...");
      return NULL;
    }
  int limit = v->n > 0 ? v->n : NS_MULTI_MAX_VARS;
  if (i > limit)
    {
      char what[64];
      snprintf (what, sizeof what, " beyond the %d variable%s", limit,
                limit == 1 ? "" : "s");
      ns_parse_fail_at_token (p, NS_EPARSE, t, "variable ", what);
      return NULL;
    }
  v->style = style;
  if (v->leaf[i - 1] == NULL && (v->leaf[i - 1] = ns_fn_x ()) == NULL)
    {
      ns_parse_set_error (p, NS_ENOMEM, t->start, "out of memory");
      return NULL;
    }
  if (i > v->used)
    v->used = i;
  return ns_fn_ref (v->leaf[i - 1]);
}

ns_status
ns_mfn_parse (const char *text, int n, ns_mfn **out, ns_parse_error *err)
{
  if (out != NULL)
    *out = NULL;
  if (!ns_parse_arguments_ok (text, out != NULL, err))
    return NS_EINVAL;
  if (n < 0 || n > NS_MULTI_MAX_VARS)
    {
      if (err != NULL)
        snprintf (err->text, sizeof err->text, "number of variables %d outside 0 ... %d",
                  n, NS_MULTI_MAX_VARS);
      return NS_EINVAL;
    }
  struct ns_parse_vars vars;
  memset (&vars, 0, sizeof vars);
  vars.n = n;
  parser p;
  ns_function *f = NULL;
  if (ns_parse_begin (&p, text))
    {
      p.vars = &vars;
      f = ns_parse_expr (&p);
      if (f != NULL && !ns_parse_at_end (&p))
        {
          ns_fn_free (f);
          f = NULL;
        }
      if (f == NULL && p.status == NS_OK)
        ns_parse_set_error (&p, NS_ENOMEM, 0, "out of memory");
    }
  ns_mfn *m = NULL;
  if (p.status == NS_OK)
    {
      m = calloc (1, sizeof *m);
      if (m == NULL)
        ns_parse_set_error (&p, NS_ENOMEM, 0, "out of memory");
    }
  if (m != NULL)
    {
      m->n = n > 0 ? n : (vars.used > 0 ? vars.used : 1);
      m->tree = f;
      /* Every variable gets a leaf, used or not, so that an NS_OP_X node
         is always recognised by its address. */
      for (int i = 0; i < m->n && p.status == NS_OK; i++)
        {
          m->leaf[i] = vars.leaf[i] != NULL ? ns_fn_ref (vars.leaf[i]) : ns_fn_x ();
          if (m->leaf[i] == NULL)
            ns_parse_set_error (&p, NS_ENOMEM, 0, "out of memory");
        }
      if (p.status != NS_OK)
        {
          ns_mfn_free (m);
          m = NULL;
        }
      f = NULL;
    }
  ns_fn_free (f);
  for (int i = 0; i < NS_MULTI_MAX_VARS; i++)
    ns_fn_free (vars.leaf[i]);
  if (err != NULL && p.status != NS_OK)
    *err = p.error;
  *out = m;
  return p.status;
}
