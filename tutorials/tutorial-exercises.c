/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-exercises.c: the exercises that end each section of
   nonsmooth-tutorial: a question and an explorer command to try.  The
   answers are in the manual (doc/tutorial.texi, node Tutorial exercises)
   and on the projector page (tutorial-html.c); tests/test_exercises.sh runs every command
   printed here and checks the answer, derived by hand, against it. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <limits.h>
#include <stddef.h>
#include "tutorial.h"

/* Commands are shell lines: a student copies them as printed. */
const tutorial_exercise tutorial_exercises[] = {
  { 1, "Which familiar function is r(x) - r(-x)?  Evaluate it at a few points.",
    "nonsmooth eval 'relu(x) - relu(-x)' -2 0.5 3",
    "The identity x: for x > 0 it is x - 0, for x < 0 it is 0 - (-x).  The values are "
    "-2, 0.5 and 3." },
  { 1, "|x| = r(x) + r(-x).  Where is its kink, and by how much does the slope\n"
       "    jump there?",
    "nonsmooth diff 'abs(x)' --range -4:4",
    "At 0 only; the slope jumps from -1 to 1, so [f'](0) = 2 (and [f](0) = 0: no jump "
    "in the value)." },
  { 2, "Find the one-sided derivatives of max(x, x^2) at 0 and at 1 by hand, then\n"
       "    check them.",
    "nonsmooth diff 'max(x, x^2)' --at 0 --at 1",
    "Left of 0, x^2 > x, so f'(0-) = 0; on (0, 1), x > x^2, so f'(0+) = 1 and "
    "f'(1-) = 1; right of 1, x^2 wins, so f'(1+) = 2.  Not differentiable at 0 or 1." },
  { 2, "Is x|x| differentiable at 0?",
    "nonsmooth diff 'x*abs(x)' --at 0",
    "Yes: (f(t) - f(0))/t = |t| tends to 0 from both sides, so f'(0) = 0.  Multiplying "
    "the kink by x smooths it." },
  { 3, "Predict <H', phi> for the standard bump phi(x) = exp(-1/(1 - x^2)).",
    "nonsmooth pair 'heaviside(x)' --bump 0,1",
    "H' = delta, so <H', phi> = phi(0) = exp(-1) = 0.36787944117144233..." },
  { 3, "Predict <r'', phi> for the bump centred at 0.5 with radius 1.",
    "nonsmooth pair 'max(0, x)' --order 2 --bump 0.5,1",
    "r'' = H' = delta, so the pairing is phi(0); 0 is at t = -1/2 in the bump's scaled "
    "variable, so phi(0) = exp(-1/(1 - 1/4)) = exp(-4/3) = 0.26359713811572677..." },
  { 3, "Why is <|x|', phi> = 0 for the standard bump?",
    "nonsmooth pair 'abs(x)' --bump 0,1",
    "|x|' = sign(x) is odd and phi is even, so the integral of sign(x) phi(x) is 0." },
  { 4, "Is 0 a minimizer of |x - 1| + 2|x|?  Compute its subdifferential at 0.",
    "nonsmooth subdiff 'abs(x - 1) + 2*abs(x)' --at 0",
    "By the sum rule (both terms convex): -1 + 2[-1, 1] = [-3, 1], which contains 0, so "
    "0 is a minimizer and min f = f(0) = 1." },
  { 4, "Which subdifferentials of -|x| at 0 are empty, and which are not?",
    "nonsmooth subdiff '-abs(x)' --at 0 --kind all",
    "No line through (0, 0) stays below -|x| near 0, so the Frechet set is empty; the "
    "limits of the "
    "slopes -1 and 1 make the limiting set {-1, 1}; the Clarke set is their convex "
    "hull [-1, 1]; -|x| is not convex." },
  { 4, "Run the subgradient method on |x| from 1 with the constant step 0.3.\n"
       "    Does f decrease at every step?",
    "nonsmooth minimize 'abs(x)' --x0 1 --step const:0.3 --steps 6",
    "No.  The iterates are 1, 0.7, 0.4, 0.1, -0.2, 0.1, -0.2: f rises from 0.1 to 0.2 "
    "at k = 4 and the method cycles; the best value stays 0.1 (up to rounding) from "
    "k = 3 on.  A constant step does not converge to the minimum." },
  { 5, "f(x) = relu(x) - relu(-x) is x.  Which frameworks' derivatives at 0 are\n"
       "    outside its Clarke set {1}?",
    "nonsmooth ad 'relu(x) - relu(-x)' --at 0 --policy all",
    "With relu'(0) = c, the chain rule gives c - (-1)c = 2c.  PyTorch, TensorFlow and "
    "JAX take c = 0 and return 0, outside {1}; SymPy's c = 1/2 gives 1, inside." },
  { 6, "Sign has a jump of 2 at 0.  What is its distributional derivative?",
    "nonsmooth diff 'sign(x)' --range -1:1",
    "T' = 2 delta: the jump formula gives [f](0) delta_0 with [f](0) = 1 - (-1) = 2, and "
    "sign' = 0 elsewhere.  Pointwise, sign'(0) does not exist; with a jump there is no "
    "Clarke set either." },
  { 7, "Predict f'(0; d) and Clarke's f^o(0; d) for min(x, y) along d = (1, -2).",
    "nonsmooth diff 'min(x, y)' --at 0,0 --dir 1,-2",
    "min(t, -2t) = -2t, so f'(0; d) = -2.  The Clarke set is the segment from (1, 0) to "
    "(0, 1), and f^o(0; d) = max(1*1 + 0*(-2), 0*1 + 1*(-2)) = 1: a concave kink looks "
    "up to Clarke." },
  { 7, "Is relu(x)*relu(y) differentiable at (0, 0), both units at their kinks?",
    "nonsmooth diff 'relu(x)*relu(y)' --at 0,0",
    "Yes, with gradient (0, 0): |f(h)| <= |h1| |h2| <= |h|^2, which is o(|h|).  All four "
    "quadrants' gradients (0, 0), (y, 0), (0, x), (y, x) tend to 0 at the origin." },
};
const size_t tutorial_exercise_count = sizeof tutorial_exercises / sizeof *tutorial_exercises;

/* The page that ends SECTION: its exercises, each with its command.
   Returns 0 when the reader quit, 1 otherwise (also when there is none). */
int
exercises_page (tutorial *t, int section)
{
  int n = 0;
  for (size_t i = 0; i < tutorial_exercise_count; i++)
    n += tutorial_exercises[i].section == section;
  if (n == 0)
    return 1;
  page (t, section, n == 1 ? "Exercise" : "Exercises");
  say (t, "Try it with the explorer, nonsmooth (tutorials/nonsmooth in the build tree).\n"
          "The exercises use their own functions, whatever --function chose.\n\n");
  int k = 0;
  for (size_t i = 0; i < tutorial_exercise_count; i++)
    if (tutorial_exercises[i].section == section)
      {
        say (t, "%2d. ", ++k);
        say (t, "%s\n", tutorial_exercises[i].task);
        say (t, "      $ %s\n\n", tutorial_exercises[i].command);
      }
  say (t, "Answers: in the manual (info nonsmooth, node Tutorial exercises) and\n"
          "on the projector page (nonsmooth-tutorial --html DIR).\n");
  return page_end (t);
}
