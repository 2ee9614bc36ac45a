/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/breakpoints.c: every point of [a, b] where a function or one of its
   derivatives may jump.  Each switching primitive contributes the points
   where its switching quantity g crosses one of its levels, searched
   between the breakpoints of its arguments, where g is smooth: exactly for
   polynomial g of degree <= 2, otherwise by subdividing with interval
   enclosures (value and slope, centred form) until each box is excluded,
   monotone (one crossing, located by Brent's method and finished with
   certified signs to the nearest double), or tiny (a tangential contact,
   located by minimizing |g - level|). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "function/function_impl.h"
#include "function/breakpoints.h"
#include "function/certify.h"
#include "brent.h"

/* Work bounds: boxes examined per crossing search, and Brent iterations. */
#define NS_BP_MAX_BOXES 200000
#define NS_BP_MAX_ITER 200
/* With preallocated scratch: the bisection stack (depth-first, so its
   depth stays below log2(1e10) + 2 halvings per level) and the tiny
   boxes left unresolved near contacts. */
#define NS_BP_STACK_BOXES 128
#define NS_BP_TINY_BOXES 512
/* Candidate doubles one certified isolation of a cluster may return. */
#define NS_BP_CERT_POINTS 32

/* ------------------------------------------------------------------ memory */

/* Takes N doubles from SC's stack, or from malloc when SC has no memory
   (the public entry point). */
static ns_status
scratch_take (ns_bp_scratch *sc, size_t n, double **out)
{
  if (sc->mem == NULL)
    {
      *out = malloc ((n > 0 ? n : 1) * sizeof **out);
      return *out ? NS_OK : NS_ENOMEM;
    }
  if (n > sc->cap - sc->top)
    return NS_ELIMIT;
  *out = sc->mem + sc->top;
  sc->top += n;
  return NS_OK;
}

/* Gives back the last block taken (stack order), N doubles. */
static void
scratch_give (ns_bp_scratch *sc, double *p, size_t n)
{
  if (sc->mem == NULL)
    free (p);
  else if (p != NULL)
    sc->top -= n;
}

size_t
ns_bp_scratch_doubles (size_t max)
{
  /* The point list (max + 1), one knots array (max + 3) and one levels
     array (max + 1) alive at a time, and the two box stacks. */
  return 3 * max + 5 + 2 * (NS_BP_STACK_BOXES + NS_BP_TINY_BOXES);
}

typedef struct point_list {
  double *v;
  size_t n, cap, limit;    /* limit: points allowed before NS_ELIMIT */
  ns_bp_scratch *sc;
} point_list;

static ns_status
list_push (point_list *l, double x)
{
  if (l->n >= l->limit)
    return NS_ELIMIT;
  void *v = l->v;
  ns_status st = ns_grow_for_one (&v, l->n, &l->cap, sizeof *l->v, 16);
  l->v = v;
  if (st != NS_OK)
    return st;
  l->v[l->n++] = x;
  return NS_OK;
}

/* In-place heapsort with qsort's interface: glibc's qsort may call malloc
   for a merge buffer, and a pairing with a workspace must not. */
static void
swap_items (unsigned char *a, unsigned char *b, size_t size)
{
  for (size_t i = 0; i < size; i++)
    {
      unsigned char t = a[i];
      a[i] = b[i];
      b[i] = t;
    }
}

static void
sift_down (unsigned char *v, size_t root, size_t n, size_t size,
           int (*cmp) (const void *, const void *))
{
  for (;;)
    {
      size_t child = 2 * root + 1;
      if (child >= n)
        return;
      if (child + 1 < n && cmp (v + child * size, v + (child + 1) * size) < 0)
        child++;
      if (cmp (v + root * size, v + child * size) >= 0)
        return;
      swap_items (v + root * size, v + child * size, size);
      root = child;
    }
}

static void
heap_sort (void *base, size_t n, size_t size, int (*cmp) (const void *, const void *))
{
  unsigned char *v = base;
  if (n < 2)
    return;
  for (size_t i = n / 2; i-- > 0;)
    sift_down (v, i, n, size, cmp);
  for (size_t end = n - 1; end > 0; end--)
    {
      swap_items (v, v + end * size, size);
      sift_down (v, 0, end, size, cmp);
    }
}

static int
compare_doubles (const void *pa, const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return (a > b) - (a < b);
}

/* Sorts and removes repeats (+0 and -0 are one point). */
static void
list_normalize (point_list *l)
{
  if (l->n == 0)
    return;
  heap_sort (l->v, l->n, sizeof *l->v, compare_doubles);
  size_t k = 1;
  for (size_t i = 1; i < l->n; i++)
    if (l->v[i] != l->v[k - 1])
      l->v[k++] = l->v[i];
  l->n = k;
  for (size_t i = 0; i < l->n; i++)
    if (l->v[i] == 0)
      l->v[i] = 0.0;
}

/* ------------------------------------------------------------------ the switching quantity */

typedef struct switching {
  const ns_function *f;
  ns_switch_kind kind;
  double level;
} switching;

/* h(x) = g(x) - level with its rounding bound. */
static ns_status
h_eval (const switching *s, double x, ns_result *out)
{
  ns_result a, b;
  ns_status st;
  if (s->kind == NS_SWITCH_DIFF)
    {
      if ((st = ns_fn_eval_tree (s->f->arg[0], x, &a)) != NS_OK
          || (st = ns_fn_eval_tree (s->f->arg[1], x, &b)) != NS_OK)
        return st;
      a.val -= b.val;
      a.err += b.err + NS_ULP * fabs (a.val);
    }
  else if ((st = ns_fn_eval_tree (s->f->arg[s->kind == NS_SWITCH_ARG1], x, &a)) != NS_OK)
    return st;
  out->val = a.val - s->level;
  out->err = a.err + NS_ULP * fabs (out->val);
  return NS_OK;
}

static void
g_enclose (const switching *s, double lo, double hi, ns_ivd *out)
{
  if (s->kind == NS_SWITCH_DIFF)
    {
      ns_ivd a, b;
      ns_fn_enclose_tree (s->f->arg[0], lo, hi, &a);
      ns_fn_enclose_tree (s->f->arg[1], lo, hi, &b);
      out->lo = nextafter (a.lo - b.hi, -HUGE_VAL);
      out->hi = nextafter (a.hi - b.lo, HUGE_VAL);
      out->dlo = nextafter (a.dlo - b.dhi, -HUGE_VAL);
      out->dhi = nextafter (a.dhi - b.dlo, HUGE_VAL);
      out->defined = a.defined && b.defined;
      if (isnan (out->lo) || isnan (out->hi))
        out->lo = -HUGE_VAL, out->hi = HUGE_VAL;
      if (isnan (out->dlo) || isnan (out->dhi))
        out->dlo = -HUGE_VAL, out->dhi = HUGE_VAL;
    }
  else
    ns_fn_enclose_tree (s->f->arg[s->kind == NS_SWITCH_ARG1], lo, hi, out);
}

/* Is the switching quantity a constant on the piece around MID (x^3 - x^3,
   where the closed form does not apply)?  Then no level is crossed. */
static int
g_constant_near (const switching *s, double mid)
{
  ns_germ_w a, b;
  if (s->kind == NS_SWITCH_DIFF)
    {
      if (ns_fn_germ_tree (s->f->arg[0], mid, 1, 4, &a) != NS_OK
          || ns_fn_germ_tree (s->f->arg[1], mid, 1, 4, &b) != NS_OK)
        return 0;
      ns_germ_sub (&a, &b, &a);
    }
  else if (ns_fn_germ_tree (s->f->arg[s->kind == NS_SWITCH_ARG1], mid, 1, 4, &a) != NS_OK)
    return 0;
  return a.exact && ns_germ_degree (&a) == 0;
}

/* ------------------------------------------------------------------ locating one crossing */

static int is_switch_point (const switching *s, double x);

/* The switch point in a bracket [lo, hi] where h changes sign, to the
   accuracy h can be evaluated: bisection of the double grid (so a root at
   or near 0 is reached however small it is) until h vanishes or its sign
   is within the rounding bound, or the bracket is two adjacent doubles,
   of which the one with the smaller |h| is taken. */
static double
grid_bisect (const switching *s, double lo, double hi)
{
  ns_result rl, rh, r;
  if (h_eval (s, lo, &rl) != NS_OK || h_eval (s, hi, &rh) != NS_OK)
    return 0.5 * (lo + hi);
  if (fabs (rl.val) <= rl.err || fabs (rh.val) <= rh.err || (rl.val > 0) == (rh.val > 0))
    return fabs (rl.val) <= fabs (rh.val) ? lo : hi;
  while (!ns_bp_grid_adjacent (lo, hi))
    {
      double m = ns_bp_grid_mid (lo, hi);
      if (h_eval (s, m, &r) != NS_OK)
        break;
      if (fabs (r.val) <= r.err)
        return m;
      if ((r.val > 0) == (rl.val > 0))
        lo = m, rl = r;
      else
        hi = m, rh = r;
    }
  return fabs (rl.val) <= fabs (rh.val) ? lo : hi;
}

static double
h_for_brent (double x, void *params)
{
  ns_result r;
  return h_eval (params, x, &r) == NS_OK ? r.val : (double) NAN;
}

/* A crossing of h in [lo, hi], where h(lo) and h(hi) have opposite signs,
   by Brent's method (lib/brent.c: no GSL solver, whose NaN and bracket
   checks report through GSL's process-wide error handler), finished by
   bisection of the double grid. */
static ns_status
brent_crossing (const switching *s, double lo, double hi, double *root)
{
  /* h crosses once in [lo, hi], so where it is within rounding of the
     level is one interval; when 0 is in it, 0 is the switch point (e^x - 1
     rounds to 0 for |x| < 1e-16, and x^3 underflows to 0 for |x| < 1e-108:
     the first such x a bisection meets is no point a germ sees as the
     switch). */
  ns_result r0;
  if (lo <= 0 && hi >= 0 && h_eval (s, 0.0, &r0) == NS_OK && fabs (r0.val) <= r0.err
      && is_switch_point (s, 0.0))
    {
      *root = 0.0;
      return NS_OK;
    }
  switching local = *s;     /* the step wants a non-const parameter pointer */
  ns_brent_root solver;
  int going = ns_brent_root_init (&solver, h_for_brent, &local, lo, hi);
  double a = lo, b = hi;
  /* Brent's method shrinks the bracket to a few ulps (fast for smooth h);
     the last steps, and a root at 0 where a relative width never gets
     small, are left to the grid bisection. */
  for (int iter = 0; going && iter < NS_BP_MAX_ITER; iter++)
    {
      double xa, xb;
      going = ns_brent_root_step (&solver, &xa, &xb);
      if (!(lo <= xa && xa <= xb && xb <= hi))
        break;
      a = xa;
      b = xb;
      if (b - a <= 4 * DBL_EPSILON * fmax (fabs (a), fabs (b)) || ns_bp_grid_adjacent (a, b))
        break;
    }
  *root = grid_bisect (s, a, b);
  if (!isfinite (*root))
    return NS_EDOM;
  /* The double search lands within a few ulps of the crossing, but where
     g's own argument is rounded (cos(5x) at 5x ~ 1e3) not necessarily on
     the nearest double: finish with certified signs at doubles, once per
     crossing, so the point returned is the correctly rounded root. */
  double rounded;
  if (ns_cert_round_root (s->f, s->kind, s->level, lo, hi, *root, &rounded))
    {
      *root = rounded;
      return NS_OK;
    }
  /* Rounding may leave the bisection one double off the root (floor(e^x)
     at log 3: |h| is smaller at the farther double); the double whose
     rounding interval holds the crossing is the switch point. */
  if (!is_switch_point (s, *root))
    {
      double l = nextafter (*root, -HUGE_VAL), r = nextafter (*root, HUGE_VAL);
      if (l >= lo && is_switch_point (s, l))
        *root = l;
      else if (r <= hi && is_switch_point (s, r))
        *root = r;
      else
        /* The crossing is certainly at none of the three doubles: a
           point there would carry no jump, and the switch would be lost. */
        return NS_EUNDECIDED;
    }
  return NS_OK;
}

/* A tangential contact in [lo, hi]: the minimizer of |h| by golden-section
   search; accepted when |h| there is within a few rounding bounds of 0. */
static int
tangential_contact (const switching *s, double lo, double hi, double *root)
{
  const double g = 0.5 * (sqrt (5.0) - 1);
  double a = lo, b = hi;
  ns_result ra, rb;
  /* A cluster end where h vanishes exactly is the contact itself (a box
     boundary that fell on a root); golden section would miss it by ulps. */
  if (h_eval (s, lo, &ra) == NS_OK && ra.val == 0)
    {
      *root = lo;
      return 1;
    }
  if (h_eval (s, hi, &rb) == NS_OK && rb.val == 0)
    {
      *root = hi;
      return 1;
    }
  double c = b - g * (b - a), d = a + g * (b - a);
  if (h_eval (s, c, &ra) != NS_OK || h_eval (s, d, &rb) != NS_OK)
    return 0;
  for (int i = 0; i < 120 && b - a > 2 * DBL_EPSILON * fmax (fabs (a), fabs (b)); i++)
    {
      if (fabs (ra.val) < fabs (rb.val))
        {
          b = d;
          d = c;
          rb = ra;
          c = b - g * (b - a);
          if (h_eval (s, c, &ra) != NS_OK)
            return 0;
        }
      else
        {
          a = c;
          c = d;
          ra = rb;
          d = a + g * (b - a);
          if (h_eval (s, d, &rb) != NS_OK)
            return 0;
        }
    }
  ns_result best = fabs (ra.val) < fabs (rb.val) ? ra : rb;
  double x = fabs (ra.val) < fabs (rb.val) ? c : d;
  if (fabs (best.val) <= 8 * best.err + DBL_MIN)
    {
      *root = x;
      return 1;
    }
  return 0;
}

/* Is x a switch point of s?  Only if q - level vanishes among the reals
   that round to x with a crossing, or exactly at x: the edge of a zone
   where q rounds to the level (1 - cos x for |x| < 1e-8) is not, nor is
   a touching contact of even multiplicity of a kink's argument (a domain
   boundary, sqrt(exp(x) - 1 - x) at 0, is one even when touched). */
static int
is_switch_point (const switching *s, double x)
{
  int l, r;
  ns_cert_kind k = ns_cert_switch (s->f, s->kind, s->level, x, &l, &r);
  if (k == NS_CERT_OFF)
    return 0;
  return !(k == NS_CERT_CONTACT && ns_op_get (s->f->op)->is_kink);
}

/* A cluster of boxes the double search could not resolve, without a sign
   change across it: the zeros in it are isolated with certified balls
   (certify.c), and each double near one that is a switch point is kept.
   When the isolation runs out of work, the old estimate, the minimizer of
   |h| when it is within rounding of 0, is kept instead (a contact located
   to about sqrt(eps)). */
static ns_status
certified_contacts (const switching *s, double lo, double hi, point_list *out)
{
  /* A cluster end where q is exactly the level is the zero the cluster
     is about (a box boundary on a knot of the arguments, sqrt(|x|) at 0):
     kept without the isolation, which the alloc-free pairing cannot pay. */
  if (ns_cert_exact_sign (s->f, s->kind, s->level, lo) == 0)
    return is_switch_point (s, lo) ? list_push (out, lo) : NS_OK;
  if (ns_cert_exact_sign (s->f, s->kind, s->level, hi) == 0)
    return is_switch_point (s, hi) ? list_push (out, hi) : NS_OK;
  double cand[NS_BP_CERT_POINTS];
  int nc = ns_cert_isolate (s->f, s->kind, s->level, lo, hi, cand, NS_BP_CERT_POINTS);
  ns_status st = NS_OK;
  if (nc < 0)
    {
      double root;
      if (tangential_contact (s, lo, hi, &root))
        st = list_push (out, root);
      return st;
    }
  for (int i = 0; i < nc && st == NS_OK; i++)
    if (is_switch_point (s, cand[i]))
      st = list_push (out, cand[i]);
  return st;
}

/* ------------------------------------------------------------------ one piece, one level */

typedef struct box {
  double lo, hi;
} box;

typedef struct box_stack {
  box *v;
  size_t n, cap;
  int fixed;               /* preallocated: full means NS_ELIMIT */
} box_stack;

static ns_status
box_push (box_stack *st, double lo, double hi)
{
  if (st->fixed && st->n >= st->cap)
    return NS_ELIMIT;
  void *v = st->v;
  ns_status status = ns_grow_for_one (&v, st->n, &st->cap, sizeof *st->v, 64);
  st->v = v;
  if (status != NS_OK)
    return status;
  st->v[st->n].lo = lo;
  st->v[st->n].hi = hi;
  st->n++;
  return NS_OK;
}

/* The sign of h at a point when it exceeds the rounding bound, else 0:
   near a tangential contact the computed sign of h is noise. */
static int
clear_sign (const ns_result *r)
{
  return fabs (r->val) > r->err ? (r->val > 0 ? 1 : -1) : 0;
}

static int
compare_boxes (const void *pa, const void *pb)
{
  const box *a = pa, *b = pb;
  return (a->lo > b->lo) - (a->lo < b->lo);
}

/* Does h = g - level possibly vanish on [lo, hi]?  Natural enclosure
   intersected with the centred form h(m) + h'([lo,hi]) [lo-m, hi-m]. */
static int
may_vanish (const switching *s, const ns_ivd *e, double lo, double hi)
{
  double elo = e->lo - s->level, ehi = e->hi - s->level;
  if (elo > 0 || ehi < 0)
    return 0;
  ns_result hm;
  double m = 0.5 * (lo + hi);
  if (e->defined && isfinite (e->dlo) && isfinite (e->dhi)
      && h_eval (s, m, &hm) == NS_OK)
    {
      double w = hi - m, wl = lo - m;
      double spread_hi = fmax (e->dhi * w, e->dlo * wl);
      double spread_lo = fmin (e->dlo * w, e->dhi * wl);
      double clo = hm.val - hm.err + spread_lo, chi = hm.val + hm.err + spread_hi;
      clo -= 4 * NS_ULP * fabs (clo);
      chi += 4 * NS_ULP * fabs (chi);
      if (clo > 0 || chi < 0)
        return 0;
    }
  return 1;
}

static ns_status
search_level (const switching *s, double p, double q, point_list *out)
{
  ns_bp_scratch *sc = out->sc;
  box_stack stack = { NULL, 0, 0, 0 }, tiny = { NULL, 0, 0, 0 };
  double *mem = NULL;
  ns_status st = NS_OK;
  if (sc->mem != NULL)
    {
      st = scratch_take (sc, 2 * (NS_BP_STACK_BOXES + NS_BP_TINY_BOXES), &mem);
      if (st != NS_OK)
        return st;
      stack = (box_stack) { (box *) mem, 0, NS_BP_STACK_BOXES, 1 };
      tiny = (box_stack) { (box *) mem + NS_BP_STACK_BOXES, 0, NS_BP_TINY_BOXES, 1 };
    }
  st = box_push (&stack, p, q);
  size_t examined = 0;
  while (st == NS_OK && stack.n > 0)
    {
      box b = stack.v[--stack.n];
      if (++examined > NS_BP_MAX_BOXES)
        {
          st = NS_ELIMIT;
          break;
        }
      ns_ivd e;
      g_enclose (s, b.lo, b.hi, &e);
      if (!may_vanish (s, &e, b.lo, b.hi))
        continue;
      ns_result hl, hh;
      int ends_ok = h_eval (s, b.lo, &hl) == NS_OK && h_eval (s, b.hi, &hh) == NS_OK;
      int sl = ends_ok ? clear_sign (&hl) : 0, sh = ends_ok ? clear_sign (&hh) : 0;
      if (sl != 0 && sh != 0 && e.defined && (e.dlo > 0 || e.dhi < 0))
        {
          /* Monotone with clear end signs: one crossing or none. */
          double root;
          if (sl != sh)
            {
              st = brent_crossing (s, b.lo, b.hi, &root);
              if (st == NS_OK)
                st = list_push (out, root);
              else if (st == NS_EDOM)
                st = NS_OK;
            }
          continue;
        }
      double mid = 0.5 * (b.lo + b.hi);
      /* Relative to the piece, not to |x|: near x = 0 a relative width
         would subdivide a rounding-level plateau of h down to 1e-300. */
      double minw = 1e-10 * (q - p) + 4 * DBL_EPSILON * fabs (mid);
      /* A box stops at minw where h is within its rounding or cannot be
         told at its midpoint (a plateau, a contact, a domain edge), but
         not where h overflows there: the clusters below would then see an
         end they cannot read and keep nothing, as for e^x - 2 on [-1e3,
         1e300], where minw is 1e290 and the box [-1e3, 5.8e289] holding
         log 2 was dropped.  Such a box is split on, to the doubles'
         resolution if need be, under the same work bound; its halves
         beyond the overflow are excluded by their enclosures at once. */
      int plateau = 1;
      if (b.hi - b.lo <= minw && mid > b.lo && mid < b.hi)
        {
          ns_result hm;
          ns_status sm = h_eval (s, mid, &hm);
          if (sm == NS_EOVERFLOW || (sm == NS_OK && isinf (hm.val)))
            plateau = 0;
        }
      if ((b.hi - b.lo <= minw && plateau) || mid <= b.lo || mid >= b.hi)
        {
          /* Boxes come off the stack left to right, so a tiny box that
             touches the last one extends it: the clusters below merge
             touching boxes anyway, and a rounding-level plateau (1 - cos x
             near 0 spans about 3e-8 / minw boxes) must not exhaust a
             pairing workspace's fixed stack. */
          if (tiny.n > 0 && b.lo <= tiny.v[tiny.n - 1].hi && b.hi >= tiny.v[tiny.n - 1].lo)
            {
              tiny.v[tiny.n - 1].lo = fmin (tiny.v[tiny.n - 1].lo, b.lo);
              tiny.v[tiny.n - 1].hi = fmax (tiny.v[tiny.n - 1].hi, b.hi);
            }
          else
            st = box_push (&tiny, b.lo, b.hi);
        }
      else
        {
          st = box_push (&stack, mid, b.hi);
          if (st == NS_OK)
            st = box_push (&stack, b.lo, mid);
        }
    }
  /* Unresolved tiny boxes form clusters: a sign change across a cluster is
     a crossing; otherwise look for a tangential contact. */
  if (st == NS_OK && tiny.n > 0)
    {
      heap_sort (tiny.v, tiny.n, sizeof *tiny.v, compare_boxes);
      size_t i = 0;
      while (st == NS_OK && i < tiny.n)
        {
          double lo = tiny.v[i].lo, hi = tiny.v[i].hi;
          size_t j = i + 1;
          while (j < tiny.n && tiny.v[j].lo <= hi)
            hi = fmax (hi, tiny.v[j++].hi);
          i = j;
          ns_result hl, hh;
          double root;
          int ends_ok = h_eval (s, lo, &hl) == NS_OK && h_eval (s, hi, &hh) == NS_OK;
          int sl = ends_ok ? clear_sign (&hl) : 0, sh = ends_ok ? clear_sign (&hh) : 0;
          if (sl != 0 && sh != 0 && sl != sh)
            {
              st = brent_crossing (s, lo, hi, &root);
              if (st == NS_OK)
                st = list_push (out, root);
              else if (st == NS_EDOM)
                st = NS_OK;
            }
          else
            st = certified_contacts (s, lo, hi, out);
        }
    }
  if (mem != NULL)
    scratch_give (sc, mem, 2 * (NS_BP_STACK_BOXES + NS_BP_TINY_BOXES));
  else
    {
      free (stack.v);
      free (tiny.v);
    }
  return st;
}

static ns_status search_level (const switching *s, double p, double q, point_list *out);

/* g is a polynomial of degree <= 2 on the piece, with coefficients COEF
   in absolute x: its roots in closed form, to the ulp.  Coefficients that
   were rounded ((x - 0.5)^2 - 0.01: 0.25 - 0.01) move the roots by an ulp
   or more, onto a double whose rounding interval g does not cross, where
   no germ sees the switch: each such root must be a switch point of g
   itself (certified), else the level is searched on g as any other. */
static ns_status
solve_poly_piece (const switching *s, const double coef[3], int exact, double p, double q,
                  point_list *out)
{
  double roots[2];
  int nr = ns_bp_poly_roots (coef, exact, s->level, roots);
  /* One root of a quadratic is a discriminant within the coefficients'
     rounding of 0: with rounded coefficients that is no proof of a
     tangential contact ((x - 1)*(x - 1 - 2^-52) has two switches an ulp
     apart, and the closed form reported one): searched on g itself. */
  if (!exact && nr == 1 && coef[2] != 0)
    return search_level (s, p, q, out);
  if (!exact)
    for (int i = 0; i < nr; i++)
      if (roots[i] >= p && roots[i] <= q && !is_switch_point (s, roots[i]))
        return search_level (s, p, q, out);
  for (int i = 0; i < nr; i++)
    if (roots[i] >= p && roots[i] <= q)
      {
        ns_status st = list_push (out, roots[i]);
        if (st != NS_OK)
          return st;
      }
  return NS_OK;
}

static ns_status
search_piece (const ns_function *f, const ns_op_rules *rules, double p, double q,
              point_list *out)
{
  switching s = { f, rules->switches, 0 };
  /* Domain boundaries of every subtree are among the arguments'
     breakpoints, so the switching quantity is defined on the whole open
     piece or nowhere on it: a piece where it is undefined at the midpoint
     (log(x) left of 0) has no crossing, and searching it would only
     exhaust the box budget. */
  ns_result hm;
  if (p < q && h_eval (&s, 0.5 * (p + q), &hm) == NS_EDOM)
    return NS_OK;
  ns_ivd e;
  g_enclose (&s, p, q, &e);
  size_t room = out->limit > out->n ? out->limit - out->n : 0;
  double *levels;
  ns_status take = scratch_take (out->sc, room > 0 ? room : 1, &levels);
  if (take != NS_OK)
    return take;
  size_t nlev = 0;
  /* NS_ELIMIT from levels still leaves the first nlev levels to search. */
  ns_status lev_st = rules->levels (f, e.lo, e.hi, levels, room, &nlev);
  ns_status st = lev_st == NS_ELIMIT ? NS_OK : lev_st;
  double coef[3];
  int exact = 0;
  int polynomial = st == NS_OK && nlev > 0 && p < q
                   && ns_bp_switching_poly (f, s.kind, 0.5 * (p + q), coef, &exact);
  if (st == NS_OK && nlev > 0 && p < q && !polynomial && g_constant_near (&s, 0.5 * (p + q)))
    nlev = 0;
  for (size_t i = 0; st == NS_OK && i < nlev; i++)
    {
      s.level = levels[i];
      if (p == q)
        {
          ns_result h;
          if (h_eval (&s, p, &h) == NS_OK && fabs (h.val) <= h.err)
            st = list_push (out, p);
        }
      else if (polynomial)
        st = solve_poly_piece (&s, coef, exact, p, q, out);
      else
        st = search_level (&s, p, q, out);
    }
  scratch_give (out->sc, levels, room > 0 ? room : 1);
  return st == NS_OK ? lev_st : st;
}

/* ------------------------------------------------------------------ the tree */

static ns_status
collect (const ns_function *f, double a, double b, point_list *out)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  ns_status st = NS_OK;
  for (int i = 0; i < rules->info.arity && st == NS_OK; i++)
    st = collect (f->arg[i], a, b, out);
  if (st != NS_OK || rules->switches == NS_SWITCH_NONE)
    return st;
  list_normalize (out);
  /* The arguments' breakpoints cut [a, b] into pieces where the switching
     quantity is smooth; copy them since the search appends to the list. */
  size_t nk = out->n;
  double *knots;
  st = scratch_take (out->sc, nk + 2, &knots);
  if (st != NS_OK)
    return st;
  size_t k = 0;
  knots[k++] = a;
  for (size_t i = 0; i < nk; i++)
    if (out->v[i] > a && out->v[i] < b)
      knots[k++] = out->v[i];
  if (b > a)
    knots[k++] = b;
  for (size_t i = 0; st == NS_OK && i + 1 < k; i++)
    st = search_piece (f, rules, knots[i], knots[i + 1], out);
  if (st == NS_OK && k == 1)
    st = search_piece (f, rules, a, a, out);
  scratch_give (out->sc, knots, nk + 2);
  return st;
}

/* The search into PTS with the memory of SC (malloc when SC has none). */
static ns_status
breakpoints_with (const ns_function *f, double a, double b, double *pts,
                  size_t max, size_t *n, ns_bp_scratch *sc)
{
  if (n == NULL)
    return NS_EINVAL;
  *n = 0;
  if (f == NULL || (pts == NULL && max > 0) || !isfinite (a) || !isfinite (b) || a > b)
    return NS_EINVAL;
  /* One extra point tells "more than max" from "exactly max". */
  point_list list = { NULL, 0, 0, max + 1, sc };
  size_t top = sc->top;
  if (sc->mem != NULL)
    {
      ns_status st = scratch_take (sc, max + 1, &list.v);
      if (st != NS_OK)
        return st;
      list.cap = max + 1;
    }
  ns_status st = collect (f, a, b, &list);
  list_normalize (&list);
  size_t kept = 0;
  for (size_t i = 0; i < list.n; i++)
    if (list.v[i] >= a && list.v[i] <= b)
      {
        if (kept < max)
          pts[kept] = list.v[i];
        kept++;
      }
  if (sc->mem == NULL)
    free (list.v);
  sc->top = top;
  if (kept > max)
    {
      *n = max;
      return NS_ELIMIT;
    }
  *n = kept;
  return st;
}

ns_status
ns_fn_breakpoints_scratch (const ns_function *f, double a, double b, double *pts,
                           size_t max, size_t *n, ns_bp_scratch *sc)
{
  if (sc == NULL || sc->mem == NULL)
    {
      if (n)
        *n = 0;
      return NS_EINVAL;
    }
  return breakpoints_with (f, a, b, pts, max, n, sc);
}

ns_status
ns_fn_breakpoints (const ns_function *f, double a, double b, double *pts,
                   size_t max, size_t *n)
{
  ns_bp_scratch heap = { NULL, 0, 0 };
  return breakpoints_with (f, a, b, pts, max, n, &heap);
}
