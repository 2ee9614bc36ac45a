/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/subdiff.c: Fréchet, limiting, Clarke and convex subdifferentials of a
   function of one variable at a point, read off the one-sided germs: the
   one-sided limits f(x-), f(x+) compared with f(x), and the one-sided
   slopes f'(x-), f'(x+).  The convexity certificate is in
   lib/subdiff/convexity.c, the subgradient-inequality check in lib/subdiff/subgrad_check.c. */
#include <config.h>
#include <math.h>
#include <nonsmooth/subdiff.h>

const char *
ns_subdiff_kind_name (ns_subdiff_kind kind)
{
  switch (kind)
    {
    case NS_SUBDIFF_FRECHET: return "Frechet";
    case NS_SUBDIFF_LIMITING: return "limiting";
    case NS_SUBDIFF_CLARKE: return "Clarke";
    case NS_SUBDIFF_CONVEX: return "convex";
    default: return "unknown";
    }
}

/* What one side of x contributes.  REL compares the one-sided limit with
   f(x): -1 below, 0 equal (within the two rounding bounds), +1 above.
   SLOPE is the one-sided derivative f'(x-) or f'(x+), possibly +-inf; it is
   only read when REL is 0, the only case in which it matters. */
typedef struct side_info {
  int rel;
  double slope;
} side_info;

static ns_status
read_side (const ns_function *f, double x, ns_side side, const ns_result *fx,
           side_info *info)
{
  ns_germ germ;
  ns_status st = ns_fn_germ (f, x, side, 1, &germ);
  if (st == NS_EDOM || st == NS_EINVAL || st == NS_ENOMEM || st == NS_ELIMIT
      || st == NS_EUNDECIDED)
    return st;
  /* Coefficients below nvalid are exact whatever the status says about the
     higher ones; the tail gives the sign of the first infinite one. */
  if (germ.nvalid == 0)
    {
      if (germ.tail == 0)
        return NS_UNDEFINED;
      info->rel = germ.tail;
      info->slope = (double) NAN;
      return NS_OK;
    }
  double diff = germ.c[0] - fx->val;
  /* A jump smaller than the two evaluation error bounds cannot be told
     from rounding; it is taken as no jump (see the manual). */
  if (fabs (diff) <= germ.err0 + fx->err)
    info->rel = 0;
  else
    info->rel = diff > 0 ? 1 : -1;
  double c1;
  if (germ.nvalid >= 2)
    c1 = germ.c[1];
  else if (germ.tail != 0)
    c1 = germ.tail * HUGE_VAL;
  else
    {
      if (info->rel == 0)
        return NS_UNDEFINED;
      c1 = (double) NAN;
    }
  /* The left germ is in t = x - y, so its c[1] is -f'(x-). */
  info->slope = side == NS_RIGHT ? c1 : -c1;
  return NS_OK;
}

/* The regular subdifferential from the two sides.  On the right, the
   quotient (f(x+t) - f(x) - g t)/t tends to +inf when f(x+) > f(x), to -inf
   when f(x+) < f(x), and to f'(x+) - g when they are equal, so the right
   side asks g <= f'(x+) (no condition when f'(x+) = +inf, none possible when
   it is -inf).  Higher germ coefficients never matter: at g = f'(x+) the
   quotient tends to 0 from either side, and liminf >= 0 holds.  The left
   side mirrors it with g >= f'(x-). */
static ns_status
frechet_from_sides (const side_info *left, const side_info *right, ns_set *out)
{
  if (left->rel < 0 || right->rel < 0)
    return ns_set_empty (out);
  double lo = left->rel == 0 ? left->slope : -HUGE_VAL;
  double hi = right->rel == 0 ? right->slope : HUGE_VAL;
  if (lo == HUGE_VAL || hi == -HUGE_VAL || lo > hi)
    return ns_set_empty (out);
  return ns_set_interval (lo, hi, out);
}

/* Adds the limit of the gradients f'(y) as y -> x from one side, when f(y)
   tends to f(x) there and the limit is finite.  An infinite slope is a
   horizon (singular) direction, not a subgradient, so it adds nothing. */
static ns_status
add_side_gradient (const side_info *s, ns_set *set)
{
  if (s->rel != 0 || !isfinite (s->slope))
    return NS_OK;
  ns_set point;
  ns_status st = ns_set_point (s->slope, &point);
  if (st != NS_OK)
    return st;
  return ns_set_union (set, &point, set);
}

ns_status
ns_subdiff (const ns_function *f, double x, ns_subdiff_kind kind, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  ns_set_empty (out);
  if (f == NULL || !isfinite (x) || (int) kind < 0 || kind >= NS_SUBDIFF_KIND_COUNT)
    return NS_EINVAL;

  ns_result fx;
  ns_status st = ns_fn_eval (f, x, &fx);
  if (st == NS_ERANGE)
    return NS_EDOM;
  if (st != NS_OK)
    return st;

  side_info left, right;
  if ((st = read_side (f, x, NS_LEFT, &fx, &left)) != NS_OK
      || (st = read_side (f, x, NS_RIGHT, &fx, &right)) != NS_OK)
    return st;

  ns_set frechet;
  if ((st = frechet_from_sides (&left, &right, &frechet)) != NS_OK)
    return st;

  switch (kind)
    {
    case NS_SUBDIFF_FRECHET:
      *out = frechet;
      return NS_OK;

    case NS_SUBDIFF_LIMITING:
      /* Rockafellar and Wets, Definition 8.3: limits of regular
         subgradients at y -> x with f(y) -> f(x).  Near x, off x, f is
         smooth (breakpoints are isolated), so the regular subgradients
         there are the gradients f'(y), which tend to f'(x-) or f'(x+). */
      *out = frechet;
      if ((st = add_side_gradient (&left, out)) != NS_OK
          || (st = add_side_gradient (&right, out)) != NS_OK)
        {
          ns_set_empty (out);
          return st;
        }
      return NS_OK;

    case NS_SUBDIFF_CLARKE:
      /* Defined for f Lipschitz near x: continuous at x with finite
         one-sided slopes (the slopes then bound f' on a punctured
         neighbourhood).  It is then the convex hull of the limiting
         gradients (Clarke, Theorem 2.5.1), i.e. of f'(x-) and f'(x+). */
      if (left.rel != 0 || right.rel != 0 || !isfinite (left.slope)
          || !isfinite (right.slope))
        return NS_ENOTLIPSCHITZ;
      return ns_set_interval (fmin (left.slope, right.slope),
                              fmax (left.slope, right.slope), out);

    case NS_SUBDIFF_CONVEX:
      {
        /* For a convex function the global subgradients are exactly the
           regular ones.  Without a certificate, the regular set still
           contains every global subgradient (an affine minorant touching
           at x makes the liminf >= 0), so it is returned as an enclosure
           with the status saying so. */
        int certified = 0;
        st = ns_fn_convexity (f, &certified, NULL, 0);
        *out = frechet;
        if (st == NS_OK && certified)
          return NS_OK;
        return st == NS_ENOTCONVEX || st == NS_OK ? NS_ENOTCONVEX : st;
      }

    default:
      return NS_EINVAL;
    }
}
