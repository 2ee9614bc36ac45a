/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_frechet.c: the Fréchet subdifferential of a function of
   n variables at a point, {g : g . d <= f'(x; d) for every d}, as a
   polytope, and the pieces of it the limiting set builds on
   (lib/multi/multi_limiting.c).  On each closed cell of the switching
   hyperplanes f'(x; .) is the linear map of the cell's selection gradient
   g_s, so the Fréchet set is cut out by g . r <= g_s . r for the rays r
   that generate the cells; its vertices are found by solving n of these
   at a time.  Rays, solutions and feasibility are computed in exact
   rationals (FLINT) from the computed gradients. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>
#include "multi/multi_impl.h"
#include "multi/multi_frechet_impl.h"

/* The work units of one determinant or inverse of size S. */
static long
cube (int s)
{
  return s < 1 ? 1 : (long) s * s * s;
}

/* Q = D exactly (D finite). */
void
ns_mfn_fmpq_set_double (fmpq_t q, double d)
{
  int e = 0;
  double m = frexp (d, &e);
  /* d = m 2^e with |m| in [1/2, 1): m 2^53 is an integer. */
  fmpz_set_d (fmpq_numref (q), ldexp (m, 53));
  fmpz_one (fmpq_denref (q));
  e -= 53;
  if (e >= 0)
    fmpz_mul_2exp (fmpq_numref (q), fmpq_numref (q), (ulong) e);
  else
    fmpz_mul_2exp (fmpq_denref (q), fmpq_denref (q), (ulong) -e);
  fmpq_canonicalise (q);
}

/* An upper bound on |Q| as a double. */
double
ns_mfn_fmpq_abs_up (const fmpq_t q)
{
  double v = fabs (fmpq_get_d (q));
  return v == 0 && !fmpq_is_zero (q) ? DBL_MIN
    : nextafter (v * (1 + 2 * DBL_EPSILON), HUGE_VAL);
}


void
ns_mfn_hs_clear (ns_mfn_hs *h)
{
  for (size_t i = 0; i < h->count * (size_t) h->n; i++)
    fmpq_clear (h->r + i);
  for (size_t i = 0; i < h->count; i++)
    fmpq_clear (h->b + i);
  free (h->r);
  free (h->b);
  free (h->db);
  free (h->cell);
  free (h->ncell);
}

/* Adds g . R <= B (bound DB, B = g_CELL . R computed), unless a
   half-space with the same R is there (then the smaller B is kept, and
   CELL joins its cells).  R is a primitive integer vector, so equal
   directions are equal vectors. */
ns_status
ns_mfn_hs_add (ns_mfn_hs *h, const fmpq *r, const fmpq_t b, double db, size_t cell)
{
  int n = h->n;
  for (size_t i = 0; i < h->count; i++)
    {
      int same = 1;
      for (int j = 0; j < n && same; j++)
        same = fmpq_equal (h->r + i * n + j, r + j);
      if (same)
        {
          size_t *cl = h->cell + i * NS_MFN_HS_CELLS;
          int known = 0;
          for (int u = 0; u < h->ncell[i]; u++)
            known = known || cl[u] == cell;
          if (fmpq_cmp (b, h->b + i) < 0)
            {
              fmpq_set (h->b + i, b);
              h->db[i] = db;
              /* The first cell gives B exactly. */
              if (!known && h->ncell[i] < NS_MFN_HS_CELLS)
                cl[h->ncell[i]++] = cl[0];
              cl[0] = cell;
            }
          else
            {
              if (fmpq_equal (b, h->b + i))
                h->db[i] = fmax (h->db[i], db);
              if (!known && h->ncell[i] < NS_MFN_HS_CELLS)
                cl[h->ncell[i]++] = cell;
            }
          return NS_OK;
        }
    }
  if (h->count == h->cap)
    {
      size_t cap = h->cap == 0 ? 16 : 2 * h->cap;
      fmpq *nr = realloc (h->r, cap * (size_t) n * sizeof *nr);
      if (nr == NULL)
        return NS_ENOMEM;
      h->r = nr;
      fmpq *nb = realloc (h->b, cap * sizeof *nb);
      if (nb == NULL)
        return NS_ENOMEM;
      h->b = nb;
      double *nd = realloc (h->db, cap * sizeof *nd);
      if (nd == NULL)
        return NS_ENOMEM;
      h->db = nd;
      size_t *nc = realloc (h->cell, cap * NS_MFN_HS_CELLS * sizeof *nc);
      if (nc == NULL)
        return NS_ENOMEM;
      h->cell = nc;
      int *nn = realloc (h->ncell, cap * sizeof *nn);
      if (nn == NULL)
        return NS_ENOMEM;
      h->ncell = nn;
      h->cap = cap;
    }
  for (int j = 0; j < n; j++)
    {
      fmpq_init (h->r + h->count * n + j);
      fmpq_set (h->r + h->count * n + j, r + j);
    }
  fmpq_init (h->b + h->count);
  fmpq_set (h->b + h->count, b);
  h->db[h->count] = db;
  h->cell[h->count * NS_MFN_HS_CELLS] = cell;
  h->ncell[h->count] = 1;
  h->count++;
  return NS_OK;
}

/* Scales the nonzero rational vector R (N entries) to the primitive
   integer vector of its direction, so that equal directions compare
   equal: clear the denominators, divide by the content. */
void
ns_mfn_make_primitive (fmpq *r, int n)
{
  fmpz_t den, g;
  fmpz_init (den);
  fmpz_init (g);
  fmpz_one (den);
  for (int c = 0; c < n; c++)
    fmpz_lcm (den, den, fmpq_denref (r + c));
  for (int c = 0; c < n; c++)
    fmpq_mul_fmpz (r + c, r + c, den);
  for (int c = 0; c < n; c++)
    fmpz_gcd (g, g, fmpq_numref (r + c));
  if (!fmpz_is_zero (g))
    for (int c = 0; c < n; c++)
      fmpq_div_fmpz (r + c, r + c, g);
  fmpz_clear (den);
  fmpz_clear (g);
}

/* Advances the K-subset IDX of {0, ..., M-1} in lexicographic order;
   0 after the last. */
static int
next_subset (int *idx, int k, int m)
{
  int i = k - 1;
  while (i >= 0 && idx[i] == m - k + i)
    i--;
  if (i < 0)
    return 0;
  idx[i]++;
  for (int j = i + 1; j < k; j++)
    idx[j] = idx[j - 1] + 1;
  return 1;
}

/* Adds the ray R (primitive) of cell I to H as g . r <= g_s . r (GS the
   exact selection gradient), and to RAYS when not NULL.  ORIGIN[I] is
   the cell's index among the cells of the point (NULL: I itself). */
static ns_status
add_ray (const ns_mfn_cells *cells, const size_t *origin, size_t i, const fmpq *gs,
         const fmpq *r, ns_mfn_hs *h, ns_mfn_hs *rays)
{
  int n = cells->n;
  fmpq_t b;
  fmpq_init (b);
  /* b = g_s . r, whose error from the gradient's bounds is at most
     sum_c err_c |r_c|. */
  double db = 0;
  for (int c = 0; c < n; c++)
    {
      fmpq_addmul (b, gs + c, r + c);
      db += cells->grad[i * (size_t) n + (size_t) c].err * ns_mfn_fmpq_abs_up (r + c);
    }
  ns_status st = ns_mfn_hs_add (h, r, b, db * (1 + 2 * n * DBL_EPSILON),
                                 origin == NULL ? i : origin[i]);
  if (st == NS_OK && rays != NULL)
    {
      fmpq_zero (b);
      st = ns_mfn_hs_add (rays, r, b, 0, NS_MFN_NO_CELL);
    }
  fmpq_clear (b);
  return st;
}

/* The rays of cell I of CELLS into H: the constraints g . r <= g_s . r.
   The closed cell is L + C', L the lineality space (the null space of the
   cell's rows) and C' its pointed part in the orthogonal complement; it
   is generated by +-(a basis of L) and the extreme rays of C', each the
   null vector of the basis of L and n - 1 - dim L of the cell's rows,
   kept with the sign that puts it in the cell.  Also into RAYS when not
   NULL.  *WORK counts the work. */
ns_status
ns_mfn_cell_rays (const ns_mfn_cells *cells, const size_t *origin, size_t i, ns_mfn_hs *h,
           ns_mfn_hs *rays, long *work)
{
  int n = cells->n, k = 0;
  ns_status st = NS_OK;
  /* The cell's nonzero rows, exact and scaled to integers. */
  fmpq_mat_t rows, minor;
  fmpq_mat_init (rows, cells->nactive + n, n);
  for (int j = 0; j < cells->nactive; j++)
    {
      const ns_result *w = cells->normal + (i * (size_t) cells->nactive + (size_t) j) * (size_t) n;
      int zero = 1;
      for (int t = 0; t < n; t++)
        zero = zero && w[t].val == 0;
      if (zero)
        continue;
      for (int t = 0; t < n; t++)
        ns_mfn_fmpq_set_double (fmpq_mat_entry (rows, k, t), w[t].val);
      ns_mfn_make_primitive (fmpq_mat_entry (rows, k, 0), n);
      k++;
    }
  /* The lineality space: an integer basis of the rows' null space. */
  fmpz_mat_t zm, null;
  fmpz_mat_init (zm, k > 0 ? k : 1, n);
  fmpz_mat_init (null, n, n);
  int ell = n;
  if (k > 0)
    {
      for (int j = 0; j < k; j++)
        for (int t = 0; t < n; t++)
          fmpz_set (fmpz_mat_entry (zm, j, t), fmpq_numref (fmpq_mat_entry (rows, j, t)));
      *work += cube (n);
      ell = (int) fmpz_mat_nullspace (null, zm);
    }
  else
    for (int t = 0; t < n; t++)
      fmpz_one (fmpz_mat_entry (null, t, t));
  fmpq *r = _fmpq_vec_init (n), *gs = _fmpq_vec_init (n);
  fmpq_t s;
  fmpq_init (s);
  for (int t = 0; t < n; t++)
    ns_mfn_fmpq_set_double (gs + t, cells->grad[i * (size_t) n + (size_t) t].val);
  /* +- each basis vector of L; and the basis as fixed rows after the
     cell's rows. */
  for (int l = 0; l < ell && st == NS_OK; l++)
    {
      for (int t = 0; t < n; t++)
        {
          fmpz_set (fmpq_numref (r + t), fmpz_mat_entry (null, t, l));
          fmpz_one (fmpq_denref (r + t));
          fmpq_set (fmpq_mat_entry (rows, k + l, t), r + t);
        }
      ns_mfn_make_primitive (r, n);
      for (int pass = 0; pass < 2 && st == NS_OK; pass++)
        {
          st = add_ray (cells, origin, i, gs, r, h, rays);
          for (int t = 0; t < n; t++)
            fmpq_neg (r + t, r + t);
        }
    }
  /* The extreme rays of C': choose n - 1 - ell of the k rows. */
  int q = n - 1 - ell;
  fmpq_mat_init (minor, n - 1, n - 1);
  int idx[NS_MULTI_MAX_VARS], sel[NS_MULTI_MAX_VARS];
  for (int j = 0; j < q; j++)
    idx[j] = j;
  int more = ell < n && q <= k;
  while (more && st == NS_OK)
    {
      if ((*work += n * cube (n - 1)) > NS_MFN_MAX_WORK)
        {
          st = NS_ELIMIT;
          break;
        }
      for (int j = 0; j < n - 1; j++)
        sel[j] = j < q ? idx[j] : k + (j - q);
      /* The generalised cross product: r_c = (-1)^c det(rows without
         column c), a null vector of the n - 1 rows (0 when they are
         dependent). */
      int zero = 1;
      for (int c = 0; c < n; c++)
        {
          for (int a = 0; a < n - 1; a++)
            for (int col = 0, cc = 0; col < n; col++)
              if (col != c)
                fmpq_set (fmpq_mat_entry (minor, a, cc++), fmpq_mat_entry (rows, sel[a], col));
          if (n == 1)
            fmpq_one (r + c);
          else
            fmpq_mat_det (r + c, minor);
          if (c % 2 == 1)
            fmpq_neg (r + c, r + c);
          zero = zero && fmpq_is_zero (r + c);
        }
      if (!zero)
        {
          ns_mfn_make_primitive (r, n);
          /* r, then -r: the one in the closed cell (rows . r >= 0). */
          for (int pass = 0; pass < 2 && st == NS_OK; pass++)
            {
              int inside = 1;
              for (int j = 0; j < k && inside; j++)
                {
                  fmpq_zero (s);
                  for (int c = 0; c < n; c++)
                    fmpq_addmul (s, fmpq_mat_entry (rows, j, c), r + c);
                  inside = fmpq_sgn (s) >= 0;
                }
              if (inside)
                st = add_ray (cells, origin, i, gs, r, h, rays);
              for (int c = 0; c < n; c++)
                fmpq_neg (r + c, r + c);
            }
        }
      more = q > 0 && next_subset (idx, q, k);
    }
  fmpq_clear (s);
  _fmpq_vec_clear (r, n);
  _fmpq_vec_clear (gs, n);
  fmpq_mat_clear (rows);
  fmpq_mat_clear (minor);
  fmpz_mat_clear (zm);
  fmpz_mat_clear (null);
  return st;
}


void
ns_mfn_vertex_rec_clear (ns_mfn_vertex_rec *v)
{
  for (size_t i = 0; i < v->count * (size_t) v->n * (size_t) v->n; i++)
    fmpq_clear (v->ainv + i);
  free (v->rows);
  free (v->ainv);
  v->count = v->cap = 0;
  v->rows = NULL;
  v->ainv = NULL;
}

/* Appends the system ROWS with inverse AINV to V. */
static ns_status
vertex_rec_add (ns_mfn_vertex_rec *v, const int *rows, const fmpq_mat_t ainv)
{
  int n = v->n;
  if (v->count == v->cap)
    {
      size_t cap = v->cap == 0 ? 8 : 2 * v->cap;
      int *nr = realloc (v->rows, cap * (size_t) n * sizeof *nr);
      if (nr == NULL)
        return NS_ENOMEM;
      v->rows = nr;
      fmpq *na = realloc (v->ainv, cap * (size_t) n * (size_t) n * sizeof *na);
      if (na == NULL)
        return NS_ENOMEM;
      v->ainv = na;
      v->cap = cap;
    }
  fmpq *a = v->ainv + v->count * (size_t) n * (size_t) n;
  for (int j = 0; j < n; j++)
    {
      v->rows[v->count * (size_t) n + (size_t) j] = rows[j];
      for (int c = 0; c < n; c++)
        {
          fmpq_init (a + j * n + c);
          fmpq_set (a + j * n + c, fmpq_mat_entry (ainv, j, c));
        }
    }
  v->count++;
  return NS_OK;
}

/* The vertices of {g : r . g <= b for every half-space of H}: the
   solutions of n of the equations at a time that satisfy all of them,
   exactly, without repeats, into the new polytope *OUT with each
   coordinate's bound: the rounding to double plus |R_S^-1| times the
   bounds of the right-hand sides.  Their systems into REC when not
   NULL. */
static ns_status
vertices_of (const ns_mfn_hs *h, long *work, ns_polytope **out, ns_mfn_vertex_rec *rec)
{
  int n = h->n, m = (int) h->count;
  ns_status st = NS_OK;
  size_t nv = 0, cap = 0;
  fmpq *v = NULL;        /* nv * n exact vertices */
  double *verr = NULL;   /* nv * n bounds */
  fmpq_mat_t a, ainv, rhs, sol;
  fmpq_mat_init (a, n, n);
  fmpq_mat_init (ainv, n, n);
  fmpq_mat_init (rhs, n, 1);
  fmpq_mat_init (sol, n, 1);
  fmpq_t s;
  fmpq_init (s);
  /* Opposite half-spaces r . g <= b and -r . g <= -b are an equation
     (a cell with a line in it, relu(x1 + ... + x10) at its kink: the set
     lies in a subspace).  NEQ independent equations are in every vertex's
     system, and only n - NEQ of the other half-spaces are chosen, which
     keeps the subsets few where the set is thin. */
  int *fixed = malloc ((size_t) (n + 1) * sizeof *fixed);
  int *other = malloc ((size_t) (m + 1) * sizeof *other);
  int *pair = calloc ((size_t) m + 1, sizeof *pair);
  int neq = 0, nother = 0;
  if (fixed == NULL || other == NULL || pair == NULL)
    st = NS_ENOMEM;
  for (int i = 0; i < m && st == NS_OK; i++)
    for (int j = i + 1; j < m && !pair[i]; j++)
      {
        int opposite = !pair[j];
        for (int c = 0; c < n && opposite; c++)
          {
            fmpq_neg (s, h->r + (size_t) j * n + c);
            opposite = fmpq_equal (s, h->r + (size_t) i * n + c);
          }
        fmpq_neg (s, h->b + j);
        if (opposite && fmpq_equal (s, h->b + i))
          pair[i] = pair[j] = 1;
      }
  if (st == NS_OK)
    {
      /* The independent ones among the equations, by exact rank. */
      fmpq_mat_t e, er;
      fmpq_mat_init (e, n + 1, n);
      fmpq_mat_init (er, n + 1, n);
      for (int i = 0; i < m && neq < n; i++)
        if (pair[i])
          {
            for (int c = 0; c < n; c++)
              fmpq_set (fmpq_mat_entry (e, neq, c), h->r + (size_t) i * n + c);
            *work += cube (n);
            if (fmpq_mat_rref (er, e) > neq)
              fixed[neq++] = i;
            else
              for (int c = 0; c < n; c++)
                fmpq_zero (fmpq_mat_entry (e, neq, c));
          }
      fmpq_mat_clear (e);
      fmpq_mat_clear (er);
      for (int i = 0; i < m; i++)
        if (!pair[i])
          other[nother++] = i;
    }
  int k = n - neq;
  int idx[NS_MULTI_MAX_VARS], rows[NS_MULTI_MAX_VARS];
  for (int j = 0; j < k; j++)
    idx[j] = j;
  int more = st == NS_OK && k <= nother;
  while (more && st == NS_OK)
    {
      if ((*work += cube (n)) > NS_MFN_MAX_WORK)
        {
          st = NS_ELIMIT;
          break;
        }
      for (int j = 0; j < n; j++)
        rows[j] = j < neq ? fixed[j] : other[idx[j - neq]];
      for (int j = 0; j < n; j++)
        {
          for (int c = 0; c < n; c++)
            fmpq_set (fmpq_mat_entry (a, j, c), h->r + (size_t) rows[j] * n + c);
          fmpq_set (fmpq_mat_entry (rhs, j, 0), h->b + rows[j]);
        }
      if (fmpq_mat_inv (ainv, a))
        {
          fmpq_mat_mul (sol, ainv, rhs);
          int feasible = 1;
          for (int j = 0; j < m && feasible; j++)
            {
              fmpq_zero (s);
              for (int c = 0; c < n; c++)
                fmpq_addmul (s, h->r + (size_t) j * n + c, fmpq_mat_entry (sol, c, 0));
              feasible = fmpq_cmp (s, h->b + j) <= 0;
            }
          int repeat = 0;
          for (size_t i = 0; i < nv && feasible && !repeat; i++)
            {
              int same = 1;
              for (int c = 0; c < n && same; c++)
                same = fmpq_equal (v + i * n + c, fmpq_mat_entry (sol, c, 0));
              repeat = same;
            }
          if (feasible && !repeat)
            {
              if (nv == cap)
                {
                  cap = cap == 0 ? 8 : 2 * cap;
                  fmpq *nvv = realloc (v, cap * (size_t) n * sizeof *nvv);
                  double *ne = nvv == NULL ? NULL : realloc (verr, cap * (size_t) n * sizeof *ne);
                  if (nvv != NULL)
                    v = nvv;
                  if (ne != NULL)
                    verr = ne;
                  if (nvv == NULL || ne == NULL)
                    {
                      st = NS_ENOMEM;
                      break;
                    }
                }
              for (int c = 0; c < n; c++)
                {
                  fmpq_init (v + nv * n + c);
                  fmpq_set (v + nv * n + c, fmpq_mat_entry (sol, c, 0));
                  /* A right-hand side off by db_j moves the solution by
                     at most sum_j |ainv_cj| db_j. */
                  double e = 0;
                  for (int j = 0; j < n; j++)
                    e += ns_mfn_fmpq_abs_up (fmpq_mat_entry (ainv, c, j)) * h->db[rows[j]];
                  verr[nv * n + c] = e * (1 + 2 * n * DBL_EPSILON);
                }
              nv++;
              if (rec != NULL)
                st = vertex_rec_add (rec, rows, ainv);
            }
        }
      more = k > 0 && next_subset (idx, k, nother);
    }
  free (fixed);
  free (other);
  free (pair);
  ns_polytope *p = NULL;
  if (st == NS_OK)
    {
      p = ns_polytope_alloc (n, nv, 0);
      if (p == NULL)
        st = NS_ENOMEM;
    }
  if (st == NS_OK)
    {
      for (size_t i = 0; i < nv * (size_t) n; i++)
        {
          /* The double nearest-ish the exact coordinate, and the distance
             between them rounded up. */
          p->vertices[i] = fmpq_get_d (v + i);
          ns_mfn_fmpq_set_double (s, p->vertices[i]);
          fmpq_sub (s, s, v + i);
          p->err[i] = (fmpq_is_zero (s) ? 0 : ns_mfn_fmpq_abs_up (s)) + verr[i];
        }
      /* The affine dimension: the rank of the differences to vertex 0. */
      if (nv > 1)
        {
          fmpq_mat_t d;
          fmpq_mat_init (d, (slong) nv - 1, n);
          for (size_t i = 1; i < nv; i++)
            for (int c = 0; c < n; c++)
              fmpq_sub (fmpq_mat_entry (d, (slong) i - 1, c), v + i * n + c, v + c);
          fmpq_mat_t rr;
          fmpq_mat_init (rr, (slong) nv - 1, n);
          p->dim = (int) fmpq_mat_rref (rr, d);
          fmpq_mat_clear (rr);
          fmpq_mat_clear (d);
        }
      st = ns_polytope_order_plane (p);
      if (st != NS_OK)
        {
          ns_polytope_free (p);
          p = NULL;
        }
    }
  for (size_t i = 0; i < nv * (size_t) n; i++)
    fmpq_clear (v + i);
  free (v);
  free (verr);
  fmpq_clear (s);
  fmpq_mat_clear (a);
  fmpq_mat_clear (ainv);
  fmpq_mat_clear (rhs);
  fmpq_mat_clear (sol);
  *out = p;
  return st;
}

/* The Fréchet polytope of CELLS into *OUT and the half-spaces that cut
   it out into H (to be cleared by the caller), the vertices' systems into
   REC when not NULL (cleared by the caller too).  ORIGIN as add_ray. */
ns_status
ns_mfn_frechet_build (const ns_mfn_cells *cells, const size_t *origin, ns_mfn_hs *h, long *work,
               ns_polytope **out, ns_mfn_vertex_rec *rec)
{
  *out = NULL;
  ns_status st = NS_OK;
  int n = cells->n;
  int rows = 0;
  for (size_t j = 0; j < cells->count * (size_t) cells->nactive * (size_t) n && !rows; j++)
    rows = cells->normal[j].val != 0;
  if (cells->count == 1 && !rows)
    {
      /* One cell and no hyperplane (f smooth near the point, or the
         model in the open cell): f'(x; .) is linear, the set is the one
         gradient, exactly as the rays +-e_i would give it. */
      ns_polytope *p = ns_polytope_alloc (n, 1, 0);
      if (p == NULL)
        return NS_ENOMEM;
      /* Its half-spaces +-g_c <= +-grad_c, for the containment tests of
         the limiting pieces. */
      fmpq *r = _fmpq_vec_init (n);
      fmpq_t b;
      fmpq_init (b);
      for (int c = 0; c < n && st == NS_OK; c++)
        {
          p->vertices[c] = cells->grad[c].val;
          p->err[c] = cells->grad[c].err;
          for (int sign = 1; sign >= -1 && st == NS_OK; sign -= 2)
            {
              fmpq_set_si (r + c, sign, 1);
              ns_mfn_fmpq_set_double (b, sign * cells->grad[c].val);
              st = ns_mfn_hs_add (h, r, b, cells->grad[c].err,
                                   origin == NULL ? 0 : origin[0]);
            }
          fmpq_zero (r + c);
        }
      if (st == NS_OK && rec != NULL)
        {
          /* Its system: the half-spaces +g_c <= grad_c, 2c in H. */
          int sys[NS_MULTI_MAX_VARS];
          fmpq_mat_t id;
          fmpq_mat_init (id, n, n);
          fmpq_mat_one (id);
          for (int c = 0; c < n; c++)
            sys[c] = 2 * c;
          st = vertex_rec_add (rec, sys, id);
          fmpq_mat_clear (id);
        }
      fmpq_clear (b);
      _fmpq_vec_clear (r, n);
      if (st != NS_OK)
        {
          ns_polytope_free (p);
          return st;
        }
      *out = p;
      return NS_OK;
    }
  for (size_t i = 0; i < cells->count && st == NS_OK; i++)
    st = ns_mfn_cell_rays (cells, origin, i, h, NULL, work);
  if (st == NS_OK)
    st = vertices_of (h, work, out, rec);
  if (st != NS_OK)
    {
      ns_polytope_free (*out);
      *out = NULL;
    }
  return st;
}

ns_status
ns_mfn_frechet_cells (const ns_mfn_cells *cells, ns_polytope **out)
{
  ns_mfn_hs h = NS_MFN_HS_INIT (cells->n);
  long work = 0;
  ns_status st = ns_mfn_frechet_build (cells, NULL, &h, &work, out, NULL);
  ns_mfn_hs_clear (&h);
  return st;
}

ns_status
ns_mfn_frechet (const ns_mfn *f, const double *x, ns_polytope **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL || x == NULL)
    return NS_EINVAL;
  for (int i = 0; i < f->n; i++)
    if (!isfinite (x[i]))
      return NS_EINVAL;
  ns_mfn_cells *cells = NULL;
  ns_status st = ns_mfn_cells_at (f, x, &cells);
  if (st == NS_OK)
    st = ns_mfn_frechet_cells (cells, out);
  ns_mfn_cells_free (cells);
  /* Past the bounds of the rays: for f certified convex (finite on R^n,
     so locally Lipschitz and regular) the Fréchet set is the convex
     subdifferential, which is the Clarke polytope, the hull of the
     limiting gradients: ||x||_1 at 0 in R^8 and beyond. */
  int convex = 0;
  if (st == NS_ELIMIT && ns_mfn_convexity (f, &convex, NULL, 0) == NS_OK && convex)
    {
      ns_polytope *p = NULL;
      if (ns_mfn_convex_subdiff (f, x, &p) == NS_OK)
        {
          *out = p;
          st = NS_OK;
        }
    }
  return st;
}

