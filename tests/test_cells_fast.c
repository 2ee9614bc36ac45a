/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_cells_fast.c: the limiting gradients of random hyperplane
   arrangements at 0, against a reference that decides every cell by
   GLPK's exact rational simplex.  The library finds most cells' interior
   directions without a linear program (a mirror image, a move along the
   new row, the least-norm solution of R d = 1, each checked with outward
   rounding) and takes the selection gradients by a sweep over the tree;
   here every sign pattern is decided by an exact LP instead and the
   gradients are summed in integers, so the two routes share nothing but
   the definitions. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glpk.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define MAXN 5
#define MAXK 8

static unsigned
next_rand (unsigned long long *state, unsigned n)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned) (*state >> 33) % n;
}

/* Whether the open cone {d : W_j . d > 0, j < NR} of integer rows (N
   entries each) is nonempty: the largest m with W_j . d >= m, |d_i| <= 1,
   m <= 1 is positive, by GLPK's exact simplex (the rows are small
   integers, read exactly). */
static int
cone_nonempty (int n, int nr, const int *w)
{
  glp_prob *lp = glp_create_prob ();
  glp_set_obj_dir (lp, GLP_MAX);
  glp_add_cols (lp, n + 1);
  for (int i = 1; i <= n; i++)
    glp_set_col_bnds (lp, i, GLP_DB, -1.0, 1.0);
  glp_set_col_bnds (lp, n + 1, GLP_UP, 0.0, 1.0);
  glp_set_obj_coef (lp, n + 1, 1.0);
  glp_add_rows (lp, nr);
  int ind[MAXN + 2];
  double val[MAXN + 2];
  for (int j = 0; j < nr; j++)
    {
      for (int i = 0; i < n; i++)
        {
          ind[i + 1] = i + 1;
          val[i + 1] = w[j * n + i];
        }
      ind[n + 1] = n + 1;
      val[n + 1] = -1;
      glp_set_row_bnds (lp, j + 1, GLP_LO, 0.0, 0.0);
      glp_set_mat_row (lp, j + 1, n + 1, ind, val);
    }
  glp_smcp parm;
  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  int ok = glp_exact (lp, &parm) == 0 && glp_get_status (lp) == GLP_OPT;
  double m = ok ? glp_get_obj_val (lp) : -1;
  glp_delete_prob (lp);
  ck_assert_msg (ok, "the exact simplex failed");
  return m > 0;
}

/* Adds the integer point P (N entries) to SET (*NS points) unless there. */
static void
add_point (int n, const long *p, long *set, size_t *ns)
{
  for (size_t i = 0; i < *ns; i++)
    if (memcmp (set + i * n, p, (size_t) n * sizeof *p) == 0)
      return;
  memcpy (set + *ns * n, p, (size_t) n * sizeof *p);
  (*ns)++;
}

/* The library's limiting gradients of TEXT at 0 equal the set REF (NR
   points): each within its bound of a reference point, the bound small
   (the products by constants are bounded by the germs' enclosures, not
   known exact). */
static void
check_same (const char *text, int n, const long *ref, size_t nr)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  ck_assert_msg (ns_mfn_parse (text, n, &f, &e) == NS_OK, "%s: %s", text, e.text);
  double x[MAXN] = { 0 };
  static ns_result g[MAXN * 512];
  size_t count = 0;
  ns_status st = ns_mfn_limiting_gradients (f, x, g, 512, &count);
  ck_assert_msg (st == NS_OK, "%s: %s", text, ns_strerror (st));
  ck_assert_msg (count == nr, "%s: %zu gradients, expected %zu", text, count, nr);
  for (size_t i = 0; i < count; i++)
    {
      int found = 0;
      for (size_t r = 0; r < nr && !found; r++)
        {
          int same = 1;
          for (int t = 0; t < n; t++)
            same = same && fabs (g[i * n + t].val - (double) ref[r * n + t]) <= g[i * n + t].err
              && g[i * n + t].err <= 1e-12;
          found = same;
        }
      ck_assert_msg (found, "%s: gradient %zu is not in the reference", text, i);
    }
  ns_mfn_free (f);
}

/* For a convex f (a max of linear maps) the Fréchet set is the hull of
   the limiting gradients REF (NR points, the maps that are strict maxima
   on open cones: exactly the hull's vertices), and in R^3 the limiting
   set has that polytope among its pieces.  The cells the Fréchet and limiting sets are
   built from are those in which inner maxima no longer split the
   branches their parent does not take. */
static void
check_convex_sets (const char *text, int n, const long *ref, size_t nr)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  ck_assert (ns_mfn_parse (text, n, &f, &e) == NS_OK);
  double x[MAXN] = { 0 };
  ns_polytope *p = NULL;
  ns_status st = ns_mfn_frechet (f, x, &p);
  if (st == NS_ELIMIT && n > 3)
    {
      /* Past the documented work bound of the Fréchet set (R^4, many
         cells): a refusal, not an answer to check. */
      ns_mfn_free (f);
      return;
    }
  ck_assert_msg (st == NS_OK, "%s: Fréchet %s", text, ns_strerror (st));
  ck_assert_msg (p->count == nr, "%s: %zu Fréchet vertices, expected %zu", text, p->count, nr);
  for (size_t i = 0; i < p->count; i++)
    {
      int found = 0;
      for (size_t r = 0; r < nr && !found; r++)
        {
          int same = 1;
          for (int t = 0; t < n; t++)
            same = same && fabs (p->vertices[i * n + t] - (double) ref[r * n + t])
              <= p->err[i * n + t] && p->err[i * n + t] <= 1e-9;
          found = same;
        }
      ck_assert_msg (found, "%s: Fréchet vertex %zu is not a reference point", text, i);
    }
  ns_polytope_free (p);
  if (n == 3)
    {
      /* The limiting set holds the Fréchet set as a piece (its other
         pieces, Fréchet sets at points near 0, are faces of it). */
      static ns_polytope *pieces[256];
      size_t count = 0, whole = 0;
      st = ns_mfn_limiting (f, x, pieces, 256, &count);
      ck_assert_msg (st == NS_OK, "%s: limiting %s", text, ns_strerror (st));
      for (size_t i = 0; i < count; i++)
        {
          whole += pieces[i]->count == nr;
          ns_polytope_free (pieces[i]);
        }
      ck_assert_msg (whole >= 1, "%s: no limiting piece is the Fréchet set", text);
    }
  ns_mfn_free (f);
}

/* Appends "a1*x1 + ... + an*xn" to OUT. */
static size_t
linear_text (int n, const int *a, char *out, size_t size)
{
  size_t len = 0;
  for (int i = 0; i < n; i++)
    len += (size_t) snprintf (out + len, size - len, "%s(%d)*x%d", i == 0 ? "" : " + ", a[i],
                              i + 1);
  return len;
}

/* sum_j c_j |a_j . x| in R^n: the sign patterns s with a nonempty cone
   {s_j a_j . d > 0} give the gradients sum_j c_j s_j a_j.  Parallel and
   dependent normals are allowed (k up to 6 > n): empty sides are then
   certified, and the least-norm direction fails where rows depend. */
START_TEST (test_random_abs_sums)
{
  unsigned long long state = 17;
  int iters = ns_test_iterations (60);
  for (int it = 0; it < iters; it++)
    {
      int n = 3 + (int) next_rand (&state, 3), k = 1 + (int) next_rand (&state, 6);
      int a[MAXK][MAXN], c[MAXK];
      for (int j = 0; j < k; j++)
        {
          int zero = 1;
          while (zero)
            for (int i = 0; i < n; i++)
              {
                a[j][i] = (int) next_rand (&state, 5) - 2;
                zero = zero && a[j][i] == 0;
              }
          c[j] = 1 + (int) next_rand (&state, 3);
        }
      char text[2048];
      size_t len = (size_t) snprintf (text, sizeof text, "0");
      for (int j = 0; j < k; j++)
        {
          len += (size_t) snprintf (text + len, sizeof text - len, " + %d*abs(", c[j]);
          len += linear_text (n, a[j], text + len, sizeof text - len);
          len += (size_t) snprintf (text + len, sizeof text - len, ")");
        }
      static long ref[MAXN * 512];
      size_t nr = 0;
      for (int s = 0; s < 1 << k; s++)
        {
          int w[MAXK * MAXN];
          long p[MAXN] = { 0 };
          for (int j = 0; j < k; j++)
            {
              int sg = (s >> j & 1) ? -1 : 1;
              for (int i = 0; i < n; i++)
                {
                  w[j * n + i] = sg * a[j][i];
                  p[i] += (long) c[j] * sg * a[j][i];
                }
            }
          if (cone_nonempty (n, k, w))
            add_point (n, p, ref, &nr);
        }
      check_same (text, n, ref, nr);
    }
}
END_TEST

/* A max of the maps A[LO] ... A[HI - 1] as a random binary tree (both
   arguments may hold maxima: the branch not taken is then on either
   side, and merged cells meet merged cells). */
static size_t
tree_text (unsigned long long *state, int n, int a[][MAXN], int lo, int hi, char *out,
           size_t size)
{
  if (hi - lo == 1)
    return linear_text (n, a[lo], out, size);
  int mid = lo + 1 + (int) next_rand (state, (unsigned) (hi - lo - 1));
  size_t len = (size_t) snprintf (out, size, "max(");
  len += tree_text (state, n, a, lo, mid, out + len, size - len);
  len += (size_t) snprintf (out + len, size - len, ", ");
  len += tree_text (state, n, a, mid, hi, out + len, size - len);
  len += (size_t) snprintf (out + len, size - len, ")");
  return len;
}

/* max(...max(a_0 . x, a_1 . x)..., a_{k-1} . x) in R^n with distinct
   a_i: a_i is a limiting gradient when it is the strict maximum on an
   open cone, {(a_i - a_m) . d > 0 for m != i} nonempty.  The nested
   maxima's inner kinks lie in branches the outer ones do not take. */
START_TEST (test_random_nested_max)
{
  unsigned long long state = 1717;
  int iters = ns_test_iterations (60);
  for (int it = 0; it < iters; it++)
    {
      int n = 3 + (int) next_rand (&state, 2), k = 2 + (int) next_rand (&state, 7);
      int a[MAXK][MAXN];
      for (int j = 0; j < k; j++)
        {
          int dup = 1;
          while (dup)
            {
              for (int i = 0; i < n; i++)
                a[j][i] = (int) next_rand (&state, 7) - 3;
              dup = 0;
              for (int m = 0; m < j && !dup; m++)
                dup = memcmp (a[m], a[j], (size_t) n * sizeof (int)) == 0;
            }
        }
      char text[4096];
      size_t len = 0;
      if (it % 2 == 0)
        {
          /* Nested to the left: max(max(max(a0, a1), a2), a3). */
          for (int j = 0; j < k - 1; j++)
            len += (size_t) snprintf (text + len, sizeof text - len, "max(");
          for (int j = 0; j < k; j++)
            {
              if (j > 0)
                len += (size_t) snprintf (text + len, sizeof text - len, ", ");
              len += linear_text (n, a[j], text + len, sizeof text - len);
              if (j > 0)
                len += (size_t) snprintf (text + len, sizeof text - len, ")");
            }
        }
      else
        len = tree_text (&state, n, a, 0, k, text, sizeof text);
      static long ref[MAXN * 512];
      size_t nr = 0;
      for (int i = 0; i < k; i++)
        {
          int w[MAXK * MAXN], nw = 0;
          for (int m = 0; m < k; m++)
            if (m != i)
              {
                for (int t = 0; t < n; t++)
                  w[nw * n + t] = a[i][t] - a[m][t];
                nw++;
              }
          if (cone_nonempty (n, nw, w))
            {
              long p[MAXN];
              for (int t = 0; t < n; t++)
                p[t] = a[i][t];
              add_point (n, p, ref, &nr);
            }
        }
      check_same (text, n, ref, nr);
      check_convex_sets (text, n, ref, nr);
    }
}
END_TEST

/* min(...min(a_0 . x, a_1 . x)..., a_{k-1} . x): the concave case of the
   merge (a min's branch not taken is concave at first order); a_i is a
   limiting gradient when it is the strict minimum on an open cone. */
START_TEST (test_random_nested_min)
{
  unsigned long long state = 171717;
  int iters = ns_test_iterations (60);
  for (int it = 0; it < iters; it++)
    {
      int n = 3 + (int) next_rand (&state, 2), k = 2 + (int) next_rand (&state, 7);
      int a[MAXK][MAXN];
      for (int j = 0; j < k; j++)
        {
          int dup = 1;
          while (dup)
            {
              for (int i = 0; i < n; i++)
                a[j][i] = (int) next_rand (&state, 7) - 3;
              dup = 0;
              for (int m = 0; m < j && !dup; m++)
                dup = memcmp (a[m], a[j], (size_t) n * sizeof (int)) == 0;
            }
        }
      char text[4096];
      size_t len = 0;
      for (int j = 0; j < k - 1; j++)
        len += (size_t) snprintf (text + len, sizeof text - len, "min(");
      for (int j = 0; j < k; j++)
        {
          if (j > 0)
            len += (size_t) snprintf (text + len, sizeof text - len, ", ");
          len += linear_text (n, a[j], text + len, sizeof text - len);
          if (j > 0)
            len += (size_t) snprintf (text + len, sizeof text - len, ")");
        }
      static long ref[MAXN * 512];
      size_t nr = 0;
      for (int i = 0; i < k; i++)
        {
          int w[MAXK * MAXN], nw = 0;
          for (int m = 0; m < k; m++)
            if (m != i)
              {
                for (int t = 0; t < n; t++)
                  w[nw * n + t] = a[m][t] - a[i][t];
                nw++;
              }
          if (cone_nonempty (n, nw, w))
            {
              long p[MAXN];
              for (int t = 0; t < n; t++)
                p[t] = a[i][t];
              add_point (n, p, ref, &nr);
            }
        }
      check_same (text, n, ref, nr);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("cells_fast");
  TCase *tc = tcase_create ("arrangements");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_random_abs_sums);
  tcase_add_test (tc, test_random_nested_max);
  tcase_add_test (tc, test_random_nested_min);
  suite_add_tcase (s, tc);
  return s;
}

#include "check_main.h"
