/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson8-several-variables.c: in the plane a kink is a line
   and the subdifferential a polygon.  |x| + |y| and min(x, y) at 0: the
   one-sided directional derivative f'(0; d), Clarke's f°(0; d) and the
   Clarke set (the hull of the gradients of the pieces meeting at 0). */
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

static void
show (const char *text)
{
  ns_mfn *f = NULL;
  ns_mfn_parse (text, 2, &f, NULL);
  const double zero[2] = { 0, 0 };
  const double d[][2] = { { 1, 1 }, { 1, -2 }, { -1, 0 } };

  printf ("f(x, y) = %s at 0\n", text);
  for (int i = 0; i < 3; i++)
    {
      ns_result one_sided, clarke;
      ns_mfn_dirderiv (f, zero, d[i], &one_sided);
      ns_mfn_clarke_dirderiv (f, zero, d[i], &clarke);
      printf ("  d = (%2g, %2g):  f'(0; d) = %2g   f°(0; d) = %2g\n", d[i][0], d[i][1],
              one_sided.val, clarke.val);
    }

  ns_result v[2 * 8];
  size_t n = 0;
  ns_mfn_clarke (f, zero, v, 8, &n);
  printf ("  Clarke set: the hull of");
  for (size_t k = 0; k < n; k++)
    printf (" (%g, %g)", v[2 * k].val + 0.0, v[2 * k + 1].val + 0.0);
  printf ("\n\n");
  ns_mfn_free (f);
}

int
main (void)
{
  show ("abs(x) + abs(y)");   /* convex: f' = f°, the square's support */
  show ("min(x, y)");         /* concave kink: f' <= f°, strictly along (1, -2) */
  return 0;
}
