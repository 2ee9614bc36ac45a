/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_frechet.c: the Fréchet subdifferential of a function of
   n variables at a point, {g : g . d <= f'(x; d) for every d}, as a
   polytope, and the limiting subdifferential as the maximal pieces of
   the Fréchet sets near the point.  On each closed cell of the switching
   hyperplanes f'(x; .) is the linear map of the cell's selection gradient
   g_s, so the Fréchet set is cut out by g . r <= g_s . r for the rays r
   that generate the cells; its vertices are found by solving n of these
   at a time.  Rays, solutions and feasibility are computed in exact
   rationals (FLINT) from the computed gradients. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>
#include "multi/multi_impl.h"

/* A bound on the work (NS_ELIMIT past it): a determinant or an inverse
   of size s counts s^3 units, about as many rational operations; 5e6
   units take about a second.  ||x||_1 at 0 is found in R^7 (128
   vertices) and refused in R^8. */
#define MAX_WORK 5000000L

/* The bound on the work of all the pieces of a limiting set together
   (each piece also within MAX_WORK).  The Fréchet sets of the faces are
   mostly small: ||x||_1 at 0 in R^6 (729 faces) counts 1.45e7 units and
   takes 0.33 s; in R^7 (2187 faces, 1.26e8 units, 1.4 s) it is
   refused. */
#define MAX_LIMITING_WORK 40000000L

/* The work units of one determinant or inverse of size S. */
static long
cube (int s)
{
  return s < 1 ? 1 : (long) s * s * s;
}

/* Q = D exactly (D finite). */
static void
fmpq_set_double (fmpq_t q, double d)
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
static double
fmpq_abs_up (const fmpq_t q)
{
  double v = fabs (fmpq_get_d (q));
  return v == 0 && !fmpq_is_zero (q) ? DBL_MIN
    : nextafter (v * (1 + 2 * DBL_EPSILON), HUGE_VAL);
}

/* The half-spaces g . r <= b found so far: N entries of R per row. */
typedef struct halfspaces {
  int n;
  size_t count, cap;
  fmpq *r;          /* count * n */
  fmpq *b;          /* count */
  double *db;       /* count: a bound on the error of b from the gradient bounds */
  /* count * HS_CELLS: the cells (indices into the cells of the point,
     NO_CELL for none) whose computed gradient g_c gives g_c . r, the
     first one B exactly; NCELL[i] of them.  f is continuous, so on a ray
     r of several closed cells the true g_c . r are one number, f'(.; r):
     each of them is an exact linear form for the true B. */
  size_t *cell;
  int *ncell;
} halfspaces;

#define HS_CELLS 16
#define NO_CELL ((size_t) -1)
#define HALFSPACES_INIT(n) { (n), 0, 0, NULL, NULL, NULL, NULL, NULL }

static void
halfspaces_clear (halfspaces *h)
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
static ns_status
halfspaces_add (halfspaces *h, const fmpq *r, const fmpq_t b, double db, size_t cell)
{
  int n = h->n;
  for (size_t i = 0; i < h->count; i++)
    {
      int same = 1;
      for (int j = 0; j < n && same; j++)
        same = fmpq_equal (h->r + i * n + j, r + j);
      if (same)
        {
          size_t *cl = h->cell + i * HS_CELLS;
          int known = 0;
          for (int u = 0; u < h->ncell[i]; u++)
            known = known || cl[u] == cell;
          if (fmpq_cmp (b, h->b + i) < 0)
            {
              fmpq_set (h->b + i, b);
              h->db[i] = db;
              /* The first cell gives B exactly. */
              if (!known && h->ncell[i] < HS_CELLS)
                cl[h->ncell[i]++] = cl[0];
              cl[0] = cell;
            }
          else
            {
              if (fmpq_equal (b, h->b + i))
                h->db[i] = fmax (h->db[i], db);
              if (!known && h->ncell[i] < HS_CELLS)
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
      size_t *nc = realloc (h->cell, cap * HS_CELLS * sizeof *nc);
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
  h->cell[h->count * HS_CELLS] = cell;
  h->ncell[h->count] = 1;
  h->count++;
  return NS_OK;
}

/* Scales the nonzero rational vector R (N entries) to the primitive
   integer vector of its direction, so that equal directions compare
   equal: clear the denominators, divide by the content. */
static void
make_primitive (fmpq *r, int n)
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
         const fmpq *r, halfspaces *h, halfspaces *rays)
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
      db += cells->grad[i * (size_t) n + (size_t) c].err * fmpq_abs_up (r + c);
    }
  ns_status st = halfspaces_add (h, r, b, db * (1 + 2 * n * DBL_EPSILON),
                                 origin == NULL ? i : origin[i]);
  if (st == NS_OK && rays != NULL)
    {
      fmpq_zero (b);
      st = halfspaces_add (rays, r, b, 0, NO_CELL);
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
static ns_status
cell_rays (const ns_mfn_cells *cells, const size_t *origin, size_t i, halfspaces *h,
           halfspaces *rays, long *work)
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
        fmpq_set_double (fmpq_mat_entry (rows, k, t), w[t].val);
      make_primitive (fmpq_mat_entry (rows, k, 0), n);
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
    fmpq_set_double (gs + t, cells->grad[i * (size_t) n + (size_t) t].val);
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
      make_primitive (r, n);
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
      if ((*work += n * cube (n - 1)) > MAX_WORK)
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
          make_primitive (r, n);
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

/* How each exact vertex of a piece was found: the N half-spaces of its
   system (ROWS, N per vertex) and the inverse of their matrix (AINV,
   N * N per vertex, row-major), so that the vertex is AINV b_ROWS, a
   linear form in the cells' gradients. */
typedef struct vertex_rec {
  int n;
  size_t count, cap;
  int *rows;
  fmpq *ainv;
} vertex_rec;

#define VERTEX_REC_INIT(n) { (n), 0, 0, NULL, NULL }

static void
vertex_rec_clear (vertex_rec *v)
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
vertex_rec_add (vertex_rec *v, const int *rows, const fmpq_mat_t ainv)
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
vertices_of (const halfspaces *h, long *work, ns_polytope **out, vertex_rec *rec)
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
      if ((*work += cube (n)) > MAX_WORK)
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
                    e += fmpq_abs_up (fmpq_mat_entry (ainv, c, j)) * h->db[rows[j]];
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
          fmpq_set_double (s, p->vertices[i]);
          fmpq_sub (s, s, v + i);
          p->err[i] = (fmpq_is_zero (s) ? 0 : fmpq_abs_up (s)) + verr[i];
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
static ns_status
frechet_build (const ns_mfn_cells *cells, const size_t *origin, halfspaces *h, long *work,
               ns_polytope **out, vertex_rec *rec)
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
              fmpq_set_double (b, sign * cells->grad[c].val);
              st = halfspaces_add (h, r, b, cells->grad[c].err,
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
    st = cell_rays (cells, origin, i, h, NULL, work);
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
  halfspaces h = HALFSPACES_INIT (cells->n);
  long work = 0;
  ns_status st = frechet_build (cells, NULL, &h, &work, out, NULL);
  halfspaces_clear (&h);
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
  return st;
}

/* ---- the limiting subdifferential as maximal pieces */

/* The pieces found so far: polytopes with the half-spaces that cut them
   out. */
typedef struct piece_list {
  size_t count, cap;
  ns_polytope **p;
  halfspaces *h;
  vertex_rec *v;    /* the systems of each piece's exact vertices */
} piece_list;

static void
piece_list_clear (piece_list *l)
{
  for (size_t i = 0; i < l->count; i++)
    {
      ns_polytope_free (l->p[i]);
      halfspaces_clear (&l->h[i]);
      vertex_rec_clear (&l->v[i]);
    }
  free (l->p);
  free (l->h);
  free (l->v);
}

/* Adds the exact N-vector COEF to the coefficients of the gradient of
   CELL in the linear form (CELLS[0 .. *NC-1], COEFS N per cell). */
static void
form_add (size_t *cells, fmpq *coefs, int *nc, int n, size_t cell, const fmpq *coef,
          int negate)
{
  int u = 0;
  while (u < *nc && cells[u] != cell)
    u++;
  if (u == *nc)
    {
      cells[u] = cell;
      for (int c = 0; c < n; c++)
        fmpq_zero (coefs + u * n + c);
      (*nc)++;
    }
  for (int c = 0; c < n; c++)
    if (negate)
      fmpq_sub (coefs + u * n + c, coefs + u * n + c, coef + c);
    else
      fmpq_add (coefs + u * n + c, coefs + u * n + c, coef + c);
}

/* Whether CELL is among the cells of half-space I of H. */
static int
hs_has_cell (const halfspaces *h, size_t i, size_t cell)
{
  for (int u = 0; u < h->ncell[i]; u++)
    if (h->cell[i * HS_CELLS + (size_t) u] == cell)
      return 1;
  return 0;
}

/* The most ways of writing one vertex tried by piece_inside_linear. */
#define MAX_ASSIGN 8

/* Whether the piece cut out by HA, whose exact vertices have the
   systems RA, lies in the piece cut out by HB for every reading of the
   cells' gradients within their bounds (CELLS, the cells of the point).
   A vertex is v = A_S^-1 b_S and a half-space of B is r . g <= b', where
   each right-hand side is g_c . r for any cell c of its half-space (f is
   continuous, so these are one true number): r . v - b' is then a linear
   form in the gradients, sum_c w_c . g_c, and its largest value over the
   box of readings is its computed value plus sum_c |w_c| . err_c.  The
   vertex is written with the cells that gave its right-hand sides, and
   with each cell common to all of them (then v = g_c as a form, the
   gradient of that cell); each of B's cells is tried for b'.  Where a
   sub-piece comes from the same gradients as the piece holding it
   (max(x^3, y) at 0: the point (0, 0) and the segment from it to
   (0, 1), both from the bounded gradient of x^3) the weights cancel and
   the test is exact, which the separate bounds of piece_inside cannot
   see. */
static int
piece_inside_linear (const halfspaces *ha, const vertex_rec *ra, const halfspaces *hb,
                     const ns_mfn_cells *cells)
{
  int n = ha->n, inside = 1;
  fmpq *lambda = _fmpq_vec_init (n), *coefs = _fmpq_vec_init ((n + 1) * n),
    *tmp = _fmpq_vec_init (n);
  size_t fc[NS_MULTI_MAX_VARS + 1];
  size_t assign[MAX_ASSIGN][NS_MULTI_MAX_VARS];
  fmpq_t s, t;
  fmpq_init (s);
  fmpq_init (t);
  for (size_t v = 0; v < ra->count && inside; v++)
    {
      const int *rows = ra->rows + v * (size_t) n;
      const fmpq *ainv = ra->ainv + v * (size_t) n * (size_t) n;
      /* The ways to write the vertex: the first cells, then each cell
         every row has. */
      int nassign = 1;
      for (int a = 0; a < n; a++)
        assign[0][a] = ha->cell[rows[a] * HS_CELLS];
      for (int u = 0; u < ha->ncell[rows[0]] && nassign < MAX_ASSIGN; u++)
        {
          size_t c0 = ha->cell[rows[0] * HS_CELLS + (size_t) u];
          int common = c0 != NO_CELL, differs = 0;
          for (int a = 0; a < n && common; a++)
            {
              common = hs_has_cell (ha, (size_t) rows[a], c0);
              differs = differs || assign[0][a] != c0;
            }
          if (common && differs)
            {
              for (int a = 0; a < n; a++)
                assign[nassign][a] = c0;
              nassign++;
            }
        }
      int usable = 1;
      for (int a = 0; a < n; a++)
        usable = usable && assign[0][a] != NO_CELL;
      if (!usable)
        {
          inside = 0;
          break;
        }
      for (size_t j = 0; j < hb->count && inside; j++)
        {
          const fmpq *rb = hb->r + j * (size_t) n;
          /* lambda = r_j^T A_S^-1: r_j . v = lambda . b_S. */
          for (int a = 0; a < n; a++)
            {
              fmpq_zero (lambda + a);
              for (int c = 0; c < n; c++)
                fmpq_addmul (lambda + a, rb + c, ainv + c * n + a);
            }
          int ok = 0;
          for (int k = 0; k < nassign && !ok; k++)
            for (int o = 0; o < hb->ncell[j] && !ok; o++)
              {
                size_t cb = hb->cell[j * HS_CELLS + (size_t) o];
                if (cb == NO_CELL)
                  continue;
                int nc = 0;
                fmpq_zero (s);
                for (int a = 0; a < n; a++)
                  {
                    /* lambda_a (g_ca . r_a), computed exactly. */
                    size_t ca = assign[k][a];
                    const fmpq *ra_row = ha->r + (size_t) rows[a] * n;
                    for (int c = 0; c < n; c++)
                      {
                        fmpq_set_double (t, cells->grad[ca * (size_t) n + (size_t) c].val);
                        fmpq_mul (t, t, ra_row + c);
                        fmpq_addmul (s, lambda + a, t);
                        fmpq_mul (tmp + c, lambda + a, ra_row + c);
                      }
                    form_add (fc, coefs, &nc, n, ca, tmp, 0);
                  }
                /* - g_cb . r_j, computed. */
                for (int c = 0; c < n; c++)
                  {
                    fmpq_set_double (t, cells->grad[cb * (size_t) n + (size_t) c].val);
                    fmpq_submul (s, t, rb + c);
                  }
                form_add (fc, coefs, &nc, n, cb, rb, 1);
                double e = 0;
                for (int u = 0; u < nc; u++)
                  for (int c = 0; c < n; c++)
                    if (!fmpq_is_zero (coefs + u * n + c))
                      e += fmpq_abs_up (coefs + u * n + c)
                        * cells->grad[fc[u] * (size_t) n + (size_t) c].err;
                if (e > 0)
                  {
                    fmpq_set_double (t, nextafter (e * (1 + 4 * (n + 1) * n * DBL_EPSILON),
                                                   HUGE_VAL));
                    fmpq_add (s, s, t);
                  }
                ok = isfinite (e) && fmpq_sgn (s) <= 0;
              }
          inside = ok;
        }
    }
  fmpq_clear (s);
  fmpq_clear (t);
  _fmpq_vec_clear (lambda, n);
  _fmpq_vec_clear (coefs, (n + 1) * n);
  _fmpq_vec_clear (tmp, n);
  return inside;
}

/* Whether every vertex of A, anywhere within its bounds, satisfies every
   half-space of HB within that half-space's own bound: the exact value
   r . v - b for the computed vertex v plus |r| . err + db must be <= 0.
   A vertex on a facet of B counts as inside only when its bounds and the
   facet's are 0, so a piece is dropped only when it is certainly
   contained (keeping a contained piece is redundant, not wrong). */
static int
piece_inside (const ns_polytope *a, const halfspaces *hb)
{
  int n = a->n, inside = 1;
  fmpq_t s, t;
  fmpq_init (s);
  fmpq_init (t);
  for (size_t v = 0; v < a->count && inside; v++)
    for (size_t j = 0; j < hb->count && inside; j++)
      {
        fmpq_neg (s, hb->b + j);
        double e = hb->db[j];
        for (int c = 0; c < n; c++)
          {
            fmpq_set_double (t, a->vertices[v * n + c]);
            fmpq_addmul (s, hb->r + j * n + c, t);
            e += fmpq_abs_up (hb->r + j * n + c) * a->err[v * n + c];
          }
        fmpq_set_double (t, e * (1 + 2 * n * DBL_EPSILON));
        fmpq_add (s, s, t);
        inside = fmpq_sgn (s) <= 0;
      }
  fmpq_clear (s);
  fmpq_clear (t);
  return inside;
}

/* Adds the piece P (cut out by H; both taken) to L unless it lies in a
   piece there; drops the pieces of L that lie in it. */
/* Whether A and B are the same computed polytope: the same vertices
   with the same bounds, in any order.  Where bounds are not 0 containment
   cannot be certified, but two identical enclosures of the same
   selections' set are one piece. */
static int
piece_same (const ns_polytope *a, const ns_polytope *b)
{
  if (a->count != b->count)
    return 0;
  int n = a->n;
  for (size_t v = 0; v < a->count; v++)
    {
      int hit = 0;
      for (size_t w = 0; w < b->count && !hit; w++)
        {
          int same = 1;
          for (int c = 0; c < n && same; c++)
            same = a->vertices[v * n + c] == b->vertices[w * n + c]
              && a->err[v * n + c] == b->err[w * n + c];
          hit = same;
        }
      if (!hit)
        return 0;
    }
  return 1;
}

/* Adds the piece P (cut out by H, vertex systems V; all taken) to L
   unless it lies in a piece there; drops the pieces of L that lie in it.
   CELLS are the cells of the point, whose gradients the pieces' bounds
   come from. */
static ns_status
piece_add (piece_list *l, ns_polytope *p, halfspaces *h, vertex_rec *v,
           const ns_mfn_cells *cells)
{
  for (size_t i = 0; i < l->count; i++)
    if (piece_same (p, l->p[i]) || piece_inside (p, &l->h[i])
        || piece_inside_linear (h, v, &l->h[i], cells))
      {
        ns_polytope_free (p);
        halfspaces_clear (h);
        vertex_rec_clear (v);
        return NS_OK;
      }
  size_t k = 0;
  for (size_t i = 0; i < l->count; i++)
    if (piece_inside (l->p[i], h) || piece_inside_linear (&l->h[i], &l->v[i], h, cells))
      {
        ns_polytope_free (l->p[i]);
        halfspaces_clear (&l->h[i]);
        vertex_rec_clear (&l->v[i]);
      }
    else
      {
        l->p[k] = l->p[i];
        l->h[k] = l->h[i];
        l->v[k] = l->v[i];
        k++;
      }
  l->count = k;
  if (l->count == l->cap)
    {
      size_t cap = l->cap == 0 ? 8 : 2 * l->cap;
      ns_polytope **np = realloc (l->p, cap * sizeof *np);
      if (np != NULL)
        l->p = np;
      halfspaces *nh = realloc (l->h, cap * sizeof *nh);
      if (nh != NULL)
        l->h = nh;
      vertex_rec *nv = realloc (l->v, cap * sizeof *nv);
      if (nv != NULL)
        l->v = nv;
      if (np == NULL || nh == NULL || nv == NULL)
        {
          ns_polytope_free (p);
          halfspaces_clear (h);
          vertex_rec_clear (v);
          return NS_ENOMEM;
        }
      l->cap = cap;
    }
  l->p[l->count] = p;
  l->h[l->count] = *h;
  l->v[l->count] = *v;
  l->count++;
  return NS_OK;
}

/* The first-order model of f near the point X + t R (t > 0 small): the
   cells whose closure holds R, each with only the rows that vanish at R
   (the others zeroed: no constraint near R).  R = 0 keeps every cell and
   row, the model at X itself.  *OUT is a new cells structure. */
static ns_status
star_of (const ns_mfn_cells *cells, const fmpq *r, ns_mfn_cells **out, size_t *origin)
{
  int n = cells->n, k = cells->nactive;
  ns_mfn_cells *st = calloc (1, sizeof *st);
  if (st == NULL)
    return NS_ENOMEM;
  st->n = n;
  st->nactive = k;
  st->sign = malloc (cells->count * (size_t) k + 1);
  st->normal = malloc ((cells->count * (size_t) k * (size_t) n + 1) * sizeof *st->normal);
  st->dir = malloc ((cells->count * (size_t) n + 1) * sizeof *st->dir);
  st->grad = malloc ((cells->count * (size_t) n + 1) * sizeof *st->grad);
  if (st->sign == NULL || st->normal == NULL || st->dir == NULL || st->grad == NULL)
    {
      ns_mfn_cells_free (st);
      return NS_ENOMEM;
    }
  fmpq_t s, t;
  fmpq_init (s);
  fmpq_init (t);
  int tight[NS_MFN_MAX_ACTIVE];
  for (size_t i = 0; i < cells->count; i++)
    {
      int inside = 1;
      const ns_result *w = cells->normal + i * (size_t) k * (size_t) n;
      for (int j = 0; j < k && inside; j++)
        {
          fmpq_zero (s);
          for (int c = 0; c < n; c++)
            {
              fmpq_set_double (t, w[j * n + c].val);
              fmpq_addmul (s, t, r + c);
            }
          inside = fmpq_sgn (s) >= 0;
          tight[j] = fmpq_is_zero (s);
        }
      if (!inside)
        continue;
      size_t o = st->count++;
      origin[o] = i;
      memcpy (st->sign + o * (size_t) k, cells->sign + i * (size_t) k, (size_t) k);
      for (int j = 0; j < k; j++)
        for (int c = 0; c < n; c++)
          {
            ns_result z = { 0, 0 };
            st->normal[(o * (size_t) k + (size_t) j) * (size_t) n + (size_t) c]
              = tight[j] ? w[j * n + c] : z;
          }
      memcpy (st->dir + o * (size_t) n, cells->dir + i * (size_t) n, (size_t) n * sizeof (double));
      memcpy (st->grad + o * (size_t) n, cells->grad + i * (size_t) n,
              (size_t) n * sizeof (ns_result));
    }
  fmpq_clear (s);
  fmpq_clear (t);
  *out = st;
  return NS_OK;
}

/* Adds to L the Fréchet set of the model near X + t R, when it is not
   empty. */
static ns_status
piece_at (const ns_mfn_cells *cells, const fmpq *r, long *work, piece_list *l)
{
  ns_mfn_cells *star = NULL;
  size_t *origin = malloc ((cells->count + 1) * sizeof *origin);
  if (origin == NULL)
    return NS_ENOMEM;
  ns_status st = star_of (cells, r, &star, origin);
  if (st != NS_OK)
    {
      free (origin);
      return st;
    }
  halfspaces h = HALFSPACES_INIT (cells->n);
  vertex_rec v = VERTEX_REC_INIT (cells->n);
  ns_polytope *p = NULL;
  /* Each piece has the Fréchet set's own bound; all of them together
     MAX_LIMITING_WORK. */
  long own = 0;
  st = frechet_build (star, origin, &h, &own, &p, &v);
  *work += own;
  if (st == NS_OK && *work > MAX_LIMITING_WORK)
    st = NS_ELIMIT;
  ns_mfn_cells_free (star);
  free (origin);
  if (st == NS_OK && p->count > 0)
    return piece_add (l, p, &h, &v, cells);
  ns_polytope_free (p);
  halfspaces_clear (&h);
  vertex_rec_clear (&v);
  return st;
}

/* The directions visited so far, each once: a set of primitive integer
   vectors (so that the same face reached from several cells is one
   vector), hashed on their entries modulo a word-size prime. */
typedef struct dir_set {
  halfspaces v;       /* the vectors, as the R of half-spaces with b = 0 */
  size_t *slot;       /* open addressing: index + 1, 0 empty */
  size_t nslot;
} dir_set;

static ulong
dir_hash (const fmpq *r, int n)
{
  ulong h = 1469598103934665603UL;
  for (int c = 0; c < n; c++)
    {
      ulong a = fmpz_fdiv_ui (fmpq_numref (r + c), 4294967291UL);
      h = (h ^ a) * 1099511628211UL;
    }
  return h;
}

/* Adds R to S; *FRESH says whether it was new. */
static ns_status
dir_set_add (dir_set *s, const fmpq *r, int *fresh)
{
  int n = s->v.n;
  *fresh = 0;
  if (2 * (s->v.count + 1) > s->nslot)
    {
      size_t nslot = s->nslot == 0 ? 64 : 2 * s->nslot;
      size_t *ns = calloc (nslot, sizeof *ns);
      if (ns == NULL)
        return NS_ENOMEM;
      for (size_t i = 0; i < s->v.count; i++)
        {
          size_t j = dir_hash (s->v.r + i * (size_t) n, n) % nslot;
          while (ns[j] != 0)
            j = (j + 1) % nslot;
          ns[j] = i + 1;
        }
      free (s->slot);
      s->slot = ns;
      s->nslot = nslot;
    }
  size_t j = dir_hash (r, n) % s->nslot;
  for (; s->slot[j] != 0; j = (j + 1) % s->nslot)
    {
      const fmpq *q = s->v.r + (s->slot[j] - 1) * (size_t) n;
      int same = 1;
      for (int c = 0; c < n && same; c++)
        same = fmpq_equal (q + c, r + c);
      if (same)
        return NS_OK;
    }
  fmpq_t zero;
  fmpq_init (zero);
  size_t before = s->v.count;
  /* Not there, so halfspaces_add appends it (its own scan finds no
     match either; the table keeps the scans short only here). */
  ns_status st = NS_OK;
  if (s->v.count == s->v.cap)
    st = halfspaces_add (&s->v, r, zero, 0, NO_CELL);
  else
    {
      for (int c = 0; c < n; c++)
        {
          fmpq_init (s->v.r + s->v.count * n + c);
          fmpq_set (s->v.r + s->v.count * n + c, r + c);
        }
      fmpq_init (s->v.b + s->v.count);
      s->v.db[s->v.count] = 0;
      s->v.cell[s->v.count * HS_CELLS] = NO_CELL;
      s->v.ncell[s->v.count] = 1;
      s->v.count++;
    }
  fmpq_clear (zero);
  if (st == NS_OK && s->v.count > before)
    {
      s->slot[j] = before + 1;
      *fresh = 1;
    }
  return st;
}

/* The largest number of faces of one cell (NS_ELIMIT past it): a cell
   with s extreme rays in general position has 2^s faces. */
#define MAX_CELL_FACES 65536

/* Adds to L the Fréchet set near a point of the relative interior of
   every face of the closure of cell I not visited before (SEEN).  The
   closed cell is L + cone(a_1, ..., a_s), the extreme rays a_t of its
   pointed part (cell_rays).  A face is the part of the cell where a set
   E of its rows vanishes; its generators are the rays with Z(a_t), the
   rows vanishing at a_t, containing E, so the faces are the sets
   E = Z(a_t1) & ... & Z(a_tm) (all rows for L itself), and the sum of a
   face's rays lies in its relative interior (a positive combination of
   all the generators of a cone is in its relative interior; the
   lineality part may be left out, as L lies in every face).  Every
   stratum of the first-order model is the relative interior of a face
   of some cell when the closed cells meet face to face (true for an
   arrangement of hyperplanes, and for the bent ones of nested kinks,
   whose cells are the regions of a fan), in every n, exactly. */
static ns_status
cell_faces (const ns_mfn_cells *cells, size_t i, long *work, dir_set *seen, piece_list *l)
{
  int n = cells->n, k = cells->nactive;
  halfspaces h = HALFSPACES_INIT (n), rays = HALFSPACES_INIT (n);
  long own = 0;
  ns_status st = cell_rays (cells, NULL, i, &h, &rays, &own);
  *work += own;
  halfspaces_clear (&h);
  uint64_t all = k >= 64 ? ~(uint64_t) 0 : (((uint64_t) 1 << k) - 1);
  uint64_t *z = malloc ((rays.count + 1) * sizeof *z);
  uint64_t *face = malloc ((size_t) MAX_CELL_FACES * sizeof *face);
  size_t nface = 0, nz = 0;
  fmpq *r = _fmpq_vec_init (n);
  fmpq_t s, t;
  fmpq_init (s);
  fmpq_init (t);
  if (st == NS_OK && (z == NULL || face == NULL))
    st = NS_ENOMEM;
  /* Z(a) for each ray: the rows vanishing on it, exactly.  The basis
     vectors of L vanish on every row and are left out. */
  const ns_result *w = cells->normal + i * (size_t) k * (size_t) n;
  for (size_t a = 0; a < rays.count && st == NS_OK; a++)
    {
      uint64_t m = 0;
      for (int j = 0; j < k; j++)
        {
          fmpq_zero (s);
          for (int c = 0; c < n; c++)
            {
              fmpq_set_double (t, w[j * n + c].val);
              fmpq_addmul (s, t, rays.r + a * (size_t) n + c);
            }
          if (fmpq_is_zero (s))
            m |= (uint64_t) 1 << j;
        }
      *work += (long) k * n;
      if (m != all)
        {
          /* Keep the ray at the front, in step with its mask. */
          if (nz != a)
            for (int c = 0; c < n; c++)
              fmpq_swap (rays.r + nz * (size_t) n + c, rays.r + a * (size_t) n + c);
          z[nz++] = m;
        }
    }
  /* The faces: closure of {all} under intersection with each Z(a). */
  if (st == NS_OK)
    face[nface++] = all;
  for (size_t a = 0; a < nz && st == NS_OK; a++)
    {
      size_t before = nface;
      for (size_t q = 0; q < before && st == NS_OK; q++)
        {
          uint64_t m = face[q] & z[a];
          int known = 0;
          for (size_t u = 0; u < nface && !known; u++)
            known = face[u] == m;
          *work += (long) nface / 64 + 1;
          if (known)
            continue;
          if (nface == MAX_CELL_FACES || *work > MAX_LIMITING_WORK)
            st = NS_ELIMIT;
          else
            face[nface++] = m;
        }
    }
  /* One point of each face's relative interior: the sum of its rays. */
  for (size_t q = 0; q < nface && st == NS_OK; q++)
    {
      for (int c = 0; c < n; c++)
        fmpq_zero (r + c);
      for (size_t a = 0; a < nz; a++)
        if ((z[a] & face[q]) == face[q])
          for (int c = 0; c < n; c++)
            fmpq_add (r + c, r + c, rays.r + a * (size_t) n + c);
      *work += (long) nz * n;
      int zero = 1;
      for (int c = 0; c < n; c++)
        zero = zero && fmpq_is_zero (r + c);
      if (!zero)
        make_primitive (r, n);
      int fresh = 0;
      st = dir_set_add (seen, r, &fresh);
      if (st == NS_OK && fresh)
        st = piece_at (cells, r, work, l);
      if (st == NS_OK && *work > MAX_LIMITING_WORK)
        st = NS_ELIMIT;
    }
  fmpq_clear (s);
  fmpq_clear (t);
  _fmpq_vec_clear (r, n);
  free (z);
  free (face);
  halfspaces_clear (&rays);
  return st;
}

ns_status
ns_mfn_limiting (const ns_mfn *f, const double *x, ns_polytope **pieces, size_t max,
                 size_t *count)
{
  if (count != NULL)
    *count = 0;
  if (f == NULL || x == NULL || count == NULL || (pieces == NULL && max > 0))
    return NS_EINVAL;
  for (int i = 0; i < f->n; i++)
    if (!isfinite (x[i]))
      return NS_EINVAL;
  for (size_t i = 0; i < max; i++)
    pieces[i] = NULL;
  int n = f->n;
  ns_mfn_cells *cells = NULL;
  ns_status st = ns_mfn_cells_at (f, x, &cells);
  if (st != NS_OK)
    return st;
  piece_list l = { 0, 0, NULL, NULL, NULL };
  long work = 0;
  dir_set seen = { HALFSPACES_INIT (n), NULL, 0 };
  /* The faces of the cells' closures, each through a point of its
     relative interior (cell_faces), x itself (R = 0) among them.  A
     direction on no proper face would still give a true piece, the
     Fréchet set at a point near x. */
  for (size_t i = 0; i < cells->count && st == NS_OK; i++)
    st = cell_faces (cells, i, &work, &seen, &l);
  if (st == NS_OK)
    {
      /* x itself, when no cell has a pointed part (f smooth near x). */
      fmpq *r = _fmpq_vec_init (n);
      int fresh = 0;
      st = dir_set_add (&seen, r, &fresh);
      if (st == NS_OK && fresh)
        st = piece_at (cells, r, &work, &l);
      _fmpq_vec_clear (r, n);
    }
  halfspaces_clear (&seen.v);
  free (seen.slot);
  ns_mfn_cells_free (cells);
  if (st != NS_OK)
    {
      piece_list_clear (&l);
      return st;
    }
  for (size_t i = 0; i < l.count; i++)
    {
      if (i < max)
        pieces[i] = l.p[i];
      else
        ns_polytope_free (l.p[i]);
      halfspaces_clear (&l.h[i]);
      vertex_rec_clear (&l.v[i]);
    }
  *count = l.count;
  free (l.p);
  free (l.h);
  free (l.v);
  return *count > max ? NS_ELIMIT : NS_OK;
}
