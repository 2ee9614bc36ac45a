/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_limiting.c: the limiting subdifferential of a function
   of n variables at a point as the maximal pieces of the Fréchet sets
   near it: one point in the relative interior of every face of the
   cells' closures (sums of extreme rays, exact), the Fréchet set of the
   first-order model there (lib/multi/multi_frechet.c), and containment
   between pieces decided as linear forms in the cells' gradients. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "multi/multi_impl.h"
#include "multi/multi_frechet_impl.h"

/* The bound on the work of all the pieces of a limiting set together
   (each piece also within NS_MFN_MAX_WORK).  The Fréchet sets of the
   faces are mostly small: ||x||_1 at 0 in R^6 (729 faces) counts 1.45e7 units and
   takes 0.33 s; in R^7 (2187 faces, 1.26e8 units, 1.4 s) it is
   refused. */
#define MAX_LIMITING_WORK 40000000L

/* The pieces found so far: polytopes with the half-spaces that cut them
   out. */
typedef struct piece_list {
  size_t count, cap;
  ns_polytope **p;
  ns_mfn_hs *h;
  ns_mfn_vertex_rec *v;    /* the systems of each piece's exact vertices */
  /* Other systems of a piece: a piece found again, the same computed
     polytope from other cells (min(|sin x|, |y|) at 0: the segment on
     the wall y > 0 and on the wall y < 0), whose half-spaces and vertex
     systems still serve the containment tests; AOF[a] is its piece. */
  size_t na, acap;
  size_t *aof;
  ns_mfn_hs *ah;
  ns_mfn_vertex_rec *av;
} piece_list;

static void
piece_list_clear (piece_list *l)
{
  for (size_t i = 0; i < l->count; i++)
    {
      ns_polytope_free (l->p[i]);
      ns_mfn_hs_clear (&l->h[i]);
      ns_mfn_vertex_rec_clear (&l->v[i]);
    }
  for (size_t a = 0; a < l->na; a++)
    {
      ns_mfn_hs_clear (&l->ah[a]);
      ns_mfn_vertex_rec_clear (&l->av[a]);
    }
  free (l->p);
  free (l->h);
  free (l->v);
  free (l->aof);
  free (l->ah);
  free (l->av);
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
hs_has_cell (const ns_mfn_hs *h, size_t i, size_t cell)
{
  for (int u = 0; u < h->ncell[i]; u++)
    if (h->cell[i * NS_MFN_HS_CELLS + (size_t) u] == cell)
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
piece_inside_linear (const ns_mfn_hs *ha, const ns_mfn_vertex_rec *ra, const ns_mfn_hs *hb,
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
        assign[0][a] = ha->cell[rows[a] * NS_MFN_HS_CELLS];
      for (int u = 0; u < ha->ncell[rows[0]] && nassign < MAX_ASSIGN; u++)
        {
          size_t c0 = ha->cell[rows[0] * NS_MFN_HS_CELLS + (size_t) u];
          int common = c0 != NS_MFN_NO_CELL, differs = 0;
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
        usable = usable && assign[0][a] != NS_MFN_NO_CELL;
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
                size_t cb = hb->cell[j * NS_MFN_HS_CELLS + (size_t) o];
                if (cb == NS_MFN_NO_CELL)
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
                        ns_mfn_fmpq_set_double (t, cells->grad[ca * (size_t) n + (size_t) c].val);
                        fmpq_mul (t, t, ra_row + c);
                        fmpq_addmul (s, lambda + a, t);
                        fmpq_mul (tmp + c, lambda + a, ra_row + c);
                      }
                    form_add (fc, coefs, &nc, n, ca, tmp, 0);
                  }
                /* - g_cb . r_j, computed. */
                for (int c = 0; c < n; c++)
                  {
                    ns_mfn_fmpq_set_double (t, cells->grad[cb * (size_t) n + (size_t) c].val);
                    fmpq_submul (s, t, rb + c);
                  }
                form_add (fc, coefs, &nc, n, cb, rb, 1);
                double e = 0;
                for (int u = 0; u < nc; u++)
                  for (int c = 0; c < n; c++)
                    if (!fmpq_is_zero (coefs + u * n + c))
                      e += ns_mfn_fmpq_abs_up (coefs + u * n + c)
                        * cells->grad[fc[u] * (size_t) n + (size_t) c].err;
                if (e > 0)
                  {
                    ns_mfn_fmpq_set_double (t, nextafter (e * (1 + 4 * (n + 1) * n * DBL_EPSILON),
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
piece_inside (const ns_polytope *a, const ns_mfn_hs *hb)
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
            ns_mfn_fmpq_set_double (t, a->vertices[v * n + c]);
            fmpq_addmul (s, hb->r + j * n + c, t);
            e += ns_mfn_fmpq_abs_up (hb->r + j * n + c) * a->err[v * n + c];
          }
        ns_mfn_fmpq_set_double (t, e * (1 + 2 * n * DBL_EPSILON));
        fmpq_add (s, s, t);
        inside = fmpq_sgn (s) <= 0;
      }
  fmpq_clear (s);
  fmpq_clear (t);
  return inside;
}

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

/* Whether the new piece P (cut out by H, vertex systems V) lies in piece
   I of L, by any of I's systems. */
static int
new_inside (const piece_list *l, size_t i, const ns_polytope *p, const ns_mfn_hs *h,
            const ns_mfn_vertex_rec *v, const ns_mfn_cells *cells)
{
  if (piece_inside (p, &l->h[i]) || piece_inside_linear (h, v, &l->h[i], cells))
    return 1;
  for (size_t a = 0; a < l->na; a++)
    if (l->aof[a] == i
        && (piece_inside (p, &l->ah[a]) || piece_inside_linear (h, v, &l->ah[a], cells)))
      return 1;
  return 0;
}

/* Whether piece J of L lies in the half-spaces H, by any of J's
   systems. */
static int
old_inside (const piece_list *l, size_t j, const ns_mfn_hs *h, const ns_mfn_cells *cells)
{
  if (piece_inside (l->p[j], h) || piece_inside_linear (&l->h[j], &l->v[j], h, cells))
    return 1;
  for (size_t a = 0; a < l->na; a++)
    if (l->aof[a] == j && piece_inside_linear (&l->ah[a], &l->av[a], h, cells))
      return 1;
  return 0;
}

/* Drops the pieces of L marked in DROP (and their other systems),
   keeping the order of the rest. */
static void
drop_marked (piece_list *l, const char *drop)
{
  size_t *to = malloc ((l->count + 1) * sizeof *to);
  size_t k = 0;
  for (size_t i = 0; i < l->count; i++)
    if (drop[i])
      {
        ns_polytope_free (l->p[i]);
        ns_mfn_hs_clear (&l->h[i]);
        ns_mfn_vertex_rec_clear (&l->v[i]);
      }
    else
      {
        if (to != NULL)
          to[i] = k;
        l->p[k] = l->p[i];
        l->h[k] = l->h[i];
        l->v[k] = l->v[i];
        k++;
      }
  size_t b = 0;
  for (size_t a = 0; a < l->na; a++)
    if (drop[l->aof[a]] || to == NULL)
      {
        /* (Without memory for the renumbering, the other systems go:
           fewer containments found, none wrong.) */
        ns_mfn_hs_clear (&l->ah[a]);
        ns_mfn_vertex_rec_clear (&l->av[a]);
      }
    else
      {
        l->aof[b] = to[l->aof[a]];
        l->ah[b] = l->ah[a];
        l->av[b] = l->av[a];
        b++;
      }
  l->count = k;
  l->na = b;
  free (to);
}

/* Adds the piece P (cut out by H, vertex systems V; all taken) to L
   unless it lies in a piece there; drops the pieces of L that lie in it.
   A piece the same as one in L (piece_same) is kept as another system of
   that one, and the pieces in it dropped.  CELLS are the cells of the
   point, whose gradients the pieces' bounds come from. */
static ns_status
piece_add (piece_list *l, ns_polytope *p, ns_mfn_hs *h, ns_mfn_vertex_rec *v,
           const ns_mfn_cells *cells)
{
  size_t same = l->count;
  for (size_t i = 0; i < l->count && same == l->count; i++)
    if (piece_same (p, l->p[i]))
      same = i;
  if (same == l->count)
    for (size_t i = 0; i < l->count; i++)
      if (new_inside (l, i, p, h, v, cells))
        {
          ns_polytope_free (p);
          ns_mfn_hs_clear (h);
          ns_mfn_vertex_rec_clear (v);
          return NS_OK;
        }
  char *drop = calloc (l->count + 1, 1);
  if (drop == NULL)
    {
      ns_polytope_free (p);
      ns_mfn_hs_clear (h);
      ns_mfn_vertex_rec_clear (v);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i < l->count; i++)
    drop[i] = i != same && old_inside (l, i, h, cells);
  if (same < l->count)
    {
      /* Another system of piece SAME (renumbered once the others go). */
      ns_polytope_free (p);
      if (l->na == l->acap)
        {
          size_t cap = l->acap == 0 ? 8 : 2 * l->acap;
          size_t *na = realloc (l->aof, cap * sizeof *na);
          if (na != NULL)
            l->aof = na;
          ns_mfn_hs *nh = realloc (l->ah, cap * sizeof *nh);
          if (nh != NULL)
            l->ah = nh;
          ns_mfn_vertex_rec *nv = realloc (l->av, cap * sizeof *nv);
          if (nv != NULL)
            l->av = nv;
          if (na == NULL || nh == NULL || nv == NULL)
            {
              /* Only fewer containments: drop the system. */
              ns_mfn_hs_clear (h);
              ns_mfn_vertex_rec_clear (v);
              drop_marked (l, drop);
              free (drop);
              return NS_OK;
            }
          l->acap = cap;
        }
      l->aof[l->na] = same;
      l->ah[l->na] = *h;
      l->av[l->na] = *v;
      l->na++;
      drop_marked (l, drop);
      free (drop);
      return NS_OK;
    }
  drop_marked (l, drop);
  free (drop);
  if (l->count == l->cap)
    {
      size_t cap = l->cap == 0 ? 8 : 2 * l->cap;
      ns_polytope **np = realloc (l->p, cap * sizeof *np);
      if (np != NULL)
        l->p = np;
      ns_mfn_hs *nh = realloc (l->h, cap * sizeof *nh);
      if (nh != NULL)
        l->h = nh;
      ns_mfn_vertex_rec *nv = realloc (l->v, cap * sizeof *nv);
      if (nv != NULL)
        l->v = nv;
      if (np == NULL || nh == NULL || nv == NULL)
        {
          ns_polytope_free (p);
          ns_mfn_hs_clear (h);
          ns_mfn_vertex_rec_clear (v);
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
              ns_mfn_fmpq_set_double (t, w[j * n + c].val);
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
  ns_mfn_hs h = NS_MFN_HS_INIT (cells->n);
  ns_mfn_vertex_rec v = NS_MFN_VERTEX_REC_INIT (cells->n);
  ns_polytope *p = NULL;
  /* Each piece has the Fréchet set's own bound; all of them together
     MAX_LIMITING_WORK. */
  long own = 0;
  st = ns_mfn_frechet_build (star, origin, &h, &own, &p, &v);
  *work += own;
  if (st == NS_OK && *work > MAX_LIMITING_WORK)
    st = NS_ELIMIT;
  ns_mfn_cells_free (star);
  free (origin);
  if (st == NS_OK && p->count > 0)
    return piece_add (l, p, &h, &v, cells);
  ns_polytope_free (p);
  ns_mfn_hs_clear (&h);
  ns_mfn_vertex_rec_clear (&v);
  return st;
}

/* The directions visited so far, each once: a set of primitive integer
   vectors (so that the same face reached from several cells is one
   vector), hashed on their entries modulo a word-size prime. */
typedef struct dir_set {
  ns_mfn_hs v;       /* the vectors, as the R of half-spaces with b = 0 */
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
  /* Not there, so ns_mfn_hs_add appends it (its own scan finds no
     match either; the table keeps the scans short only here). */
  ns_status st = NS_OK;
  if (s->v.count == s->v.cap)
    st = ns_mfn_hs_add (&s->v, r, zero, 0, NS_MFN_NO_CELL);
  else
    {
      for (int c = 0; c < n; c++)
        {
          fmpq_init (s->v.r + s->v.count * n + c);
          fmpq_set (s->v.r + s->v.count * n + c, r + c);
        }
      fmpq_init (s->v.b + s->v.count);
      s->v.db[s->v.count] = 0;
      s->v.cell[s->v.count * NS_MFN_HS_CELLS] = NS_MFN_NO_CELL;
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

/* A face is a set of a cell's rows, one bit per active kink. */
_Static_assert (NS_MFN_MAX_ACTIVE <= 64, "the faces' row masks are 64-bit words");

/* The largest number of faces of one cell (NS_ELIMIT past it): a cell
   with s extreme rays in general position has 2^s faces. */
#define MAX_CELL_FACES 65536

/* Adds to L the Fréchet set near a point of the relative interior of
   every face of the closure of cell I not visited before (SEEN).  The
   closed cell is L + cone(a_1, ..., a_s), the extreme rays a_t of its
   pointed part (ns_mfn_cell_rays).  A face is the part of the cell where a set
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
  ns_mfn_hs h = NS_MFN_HS_INIT (n), rays = NS_MFN_HS_INIT (n);
  long own = 0;
  ns_status st = ns_mfn_cell_rays (cells, NULL, i, &h, &rays, &own);
  *work += own;
  ns_mfn_hs_clear (&h);
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
              ns_mfn_fmpq_set_double (t, w[j * n + c].val);
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
        ns_mfn_make_primitive (r, n);
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
  ns_mfn_hs_clear (&rays);
  return st;
}

/* Past the bounds of the faces' route, or where it cannot decide (a cusp
   between tangent zero curves, relu(x+y^2)+relu(2*x+y^2) at 0): for F
   certified convex (finite on R^n) the limiting set is the convex
   subdifferential, one piece (Rockafellar and Wets, Variational
   Analysis, 8.12): ||x||_1 at 0 in R^7 and beyond.  ST, the route's
   refusal, otherwise, nothing written. */
static ns_status
limiting_convex (const ns_mfn *f, const double *x, ns_polytope **pieces, size_t max,
                 size_t *count, ns_status st)
{
  if (st != NS_ELIMIT && st != NS_EUNDECIDED)
    return st;
  int convex = 0;
  ns_polytope *p = NULL;
  if (ns_mfn_convexity (f, &convex, NULL, 0) != NS_OK || !convex
      || ns_mfn_convex_subdiff (f, x, &p) != NS_OK)
    return st;
  *count = 1;
  if (max == 0)
    {
      ns_polytope_free (p);
      return NS_ELIMIT;
    }
  pieces[0] = p;
  return NS_OK;
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
  if (st == NS_OK && cells->ncusp > 0)
    st = NS_EUNDECIDED;   /* the Fréchet sets on a cusp's boundary are no cell's */
  if (st != NS_OK)
    {
      ns_mfn_cells_free (cells);
      return limiting_convex (f, x, pieces, max, count, st);
    }
  piece_list l = { 0, 0, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL };
  long work = 0;
  dir_set seen = { NS_MFN_HS_INIT (n), NULL, 0 };
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
  ns_mfn_hs_clear (&seen.v);
  free (seen.slot);
  ns_mfn_cells_free (cells);
  if (st != NS_OK)
    {
      piece_list_clear (&l);
      return limiting_convex (f, x, pieces, max, count, st);
    }
  for (size_t i = 0; i < l.count; i++)
    {
      if (i < max)
        pieces[i] = l.p[i];
      else
        ns_polytope_free (l.p[i]);
      ns_mfn_hs_clear (&l.h[i]);
      ns_mfn_vertex_rec_clear (&l.v[i]);
    }
  *count = l.count;
  for (size_t a = 0; a < l.na; a++)
    {
      ns_mfn_hs_clear (&l.ah[a]);
      ns_mfn_vertex_rec_clear (&l.av[a]);
    }
  free (l.p);
  free (l.h);
  free (l.v);
  free (l.aof);
  free (l.ah);
  free (l.av);
  return *count > max ? NS_ELIMIT : NS_OK;
}
