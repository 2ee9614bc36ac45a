/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-practice.c: sections 5 and 6 of nonsmooth-tutorial.
   In practice: seed 002's Keras table from ns_ad_deriv, the same gradient
   under the other presets in reverse and forward mode, a derivative outside the Clarke set, the
   relu'(0) experiment of `nonsmooth relu0' run live in a classroom
   configuration, and why exact zeros are rare.  Summary: relu, |x| and H at 0
   under each notion, every cell from a library call. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>
#include "relu0-experiment.h"
#include "tutorial.h"

#define CELL 64

/* The presets the gradient table shows, in seed 002's order of interest. */
static const ns_ad_preset shown_presets[] = {
  NS_AD_TENSORFLOW, NS_AD_PYTORCH, NS_AD_JAX, NS_AD_SYMPY, NS_AD_AVERAGE, NS_AD_MIN_NORM,
};
#define NSHOWN (sizeof shown_presets / sizeof *shown_presets)

/* The four rows seed 002 printed (Keras, TensorFlow backend), to compare
   our computed lines with; they are not printed from here. */
static const char *const seed002[] = {
  "x = -1.00, loss = +4.00, (\xe2\x88\x82 loss)/(\xe2\x88\x82 x) = -0.00000000",
  "x = +0.00, loss = +1.00, (\xe2\x88\x82 loss)/(\xe2\x88\x82 x) = -0.00000000",
  "x = +1.00, loss = +0.00, (\xe2\x88\x82 loss)/(\xe2\x88\x82 x) = +0.00000000",
  "x = +2.00, loss = +1.00, (\xe2\x88\x82 loss)/(\xe2\x88\x82 x) = +0.50000000",
};
static const double seed_xs[] = { -1, 0, 1, 2 };

/* Parses TEXT; NULL on failure (the texts here are fixed and valid). */
static ns_function *
parse (const char *text)
{
  ns_function *f = NULL;
  return ns_fn_parse (text, &f, NULL) == NS_OK ? f : NULL;
}

/* "0.5", "0", "undefined", "inf": a derivative as ns_ad_deriv gave it. */
static const char *
ad_text (ns_status s, double d, char *buf, size_t size)
{
  /* A zero prints as 0: these tables are read by people, and "-0" would
     look like a different number (5.2's mode_cell and the Keras lines
     keep the sign, which is their point). */
  if (s == NS_OK || s == NS_ERANGE)
    snprintf (buf, size, "%g", d == 0 ? 0.0 : d);
  else
    snprintf (buf, size, "undefined");
  return buf;
}

/* The derivative of F at X under PRESET in reverse mode (what backward()
   and jax.grad run), as text. */
static const char *
preset_deriv (const ns_function *f, double x, ns_ad_preset preset, char *buf, size_t size)
{
  ns_kink_policy pol;
  double v, d;
  if (NS_KINK_POLICY_INIT (&pol, preset) != NS_OK)
    return "?";
  ns_status s = ns_ad_deriv (f, x, &pol, NS_AD_REVERSE, &v, &d);
  return ad_text (s, d, buf, size);
}

/* ------------------------------------------------------------------ 5.1 */

static int
page_keras (tutorial *t)
{
  page (t, 5, "In practice: seed 002's Keras table");
  say (t, "Seed 002 builds a Keras model that is one ReLU, loss 'mse', target 1,\n"
          "and prints d loss/dx for the batch x = -1, 0, 1, 2.  Averaged over\n"
          "the 4 samples, the loss one sample sees is (relu(x) - 1)^2 / 4.  Its\n"
          "derivative by ns_ad_deriv (tensorflow preset, reverse mode), and the\n"
          "seed's loss column, which is (y - x)^2 = (1 - x)^2 (ns_fn_eval):\n\n");
  ns_function *loss = parse ("(relu(x) - 1)^2 / 4"), *shown = parse ("(1 - x)^2");
  ns_kink_policy tf;
  NS_KINK_POLICY_INIT (&tf, NS_AD_TENSORFLOW);
  int same = loss != NULL && shown != NULL;
  for (size_t i = 0; i < sizeof seed_xs / sizeof *seed_xs && loss && shown; i++)
    {
      ns_result l;
      double v, d;
      ns_status s1 = ns_fn_eval (shown, seed_xs[i], &l);
      ns_status s2 = ns_ad_deriv (loss, seed_xs[i], &tf, NS_AD_REVERSE, &v, &d);
      char line[128];
      snprintf (line, sizeof line, "x = %+.2f, loss = %+.2f, (\xe2\x88\x82 loss)/(\xe2\x88\x82 x) = %+.8f",
                seed_xs[i], l.val, d);
      if (s1 != NS_OK || s2 != NS_OK)
        snprintf (line, sizeof line, "x = %+.2f: %s", seed_xs[i],
                  ns_strerror (s1 != NS_OK ? s1 : s2));
      say (t, "  %s\n", line);
      same &= strcmp (line, seed002[i]) == 0;
    }
  say (t, "\n%s\n", same ? "Character for character the four lines seed 002 printed, signed\n"
                           "zeros included."
                         : "These lines DIFFER from the four lines seed 002 printed.");
  say (t, "\nThe chain rule gives 2 (relu(x) - 1) / 4 * relu'(x).  At x = -1 and 0\n"
          "the first factor is -1/2 and TensorFlow's ReluGrad multiplies it by\n"
          "(features > 0) = 0: -1/2 * 0 = -0.  At x = 1 it is +0 * 1 = +0.  The\n"
          "sign of a zero gradient records which factor was zero.\n");
  say (t, "\nThe seed's loss column is (y - x)^2, not the model's loss: at x = -1\n"
          "the model outputs relu(-1) = 0, so its loss is 1; the seed prints 4.\n");
  ns_fn_free (loss);
  ns_fn_free (shown);
  return page_end (t);
}

/* ------------------------------------------------------------------ 5.2 */

/* d/dx F at X under POL in MODE, as "%+g" ("-0", "+0.5") or "undef". */
static const char *
mode_cell (const ns_function *f, double x, const ns_kink_policy *pol, ns_ad_mode mode,
           char *buf, size_t size)
{
  double v, d;
  ns_status s = ns_ad_deriv (f, x, pol, mode, &v, &d);
  if (s == NS_OK || s == NS_ERANGE)
    snprintf (buf, size, "%+g", d);
  else
    snprintf (buf, size, "undef");
  return buf;
}

static int
page_presets (tutorial *t)
{
  page (t, 5, "In practice: the same gradient, other conventions");
  say (t, "d/dx (relu(x) - 1)^2 / 4 by ns_ad_deriv, per preset, in reverse mode\n"
          "(backward(), jax.grad, GradientTape) and in forward mode (a JVP):\n\n");
  ns_function *loss = parse ("(relu(x) - 1)^2 / 4"), *relu = parse ("relu(x)");
  if (loss == NULL || relu == NULL)
    {
      ns_fn_free (loss);
      ns_fn_free (relu);
      return 0;
    }
  say (t, "  %-10s  %-16s  %-16s  %-7s %-7s %s\n", "", "x = -1", "x = 0", "x = 1", "x = 2",
       "relu'(0)");
  say (t, "  %-10s  %-7s %-7s   %-7s %-7s   %-7s %s\n", "preset", "reverse", "forward",
       "reverse", "forward", "both", "both");
  for (size_t p = 0; p < NSHOWN; p++)
    {
      ns_kink_policy pol;
      char a[CELL], b[CELL], r0[CELL];
      NS_KINK_POLICY_INIT (&pol, shown_presets[p]);
      say (t, "  %-10s", pol.name);
      for (size_t i = 0; i < sizeof seed_xs / sizeof *seed_xs; i++)
        {
          mode_cell (loss, seed_xs[i], &pol, NS_AD_REVERSE, a, sizeof a);
          mode_cell (loss, seed_xs[i], &pol, NS_AD_FORWARD, b, sizeof b);
          if (seed_xs[i] < 0.5)
            say (t, "  %-7s %-7s ", a, b);
          else if (strcmp (a, b) == 0)
            say (t, "  %-6s", a);
          else
            say (t, "  %s|%s", a, b);
        }
      say (t, "  %s\n", preset_deriv (relu, 0, shown_presets[p], r0, sizeof r0));
    }
  ns_fn_free (loss);
  ns_fn_free (relu);
  say (t, "\nOnly x = 0 depends on the convention, through relu'(0).  The signs of\n"
          "the zeros depend on the framework and the mode.  TensorFlow multiplies\n"
          "(ReluGrad: g * (x > 0)): -1/2 * 0 = -0 in both modes.  PyTorch\n"
          "(threshold_backward) and JAX (select(x > 0, g, 0)) write a literal +0\n"
          "where relu is flat: the last step in reverse mode, so +0; the first in\n"
          "forward mode, and that +0 tangent is then multiplied by\n"
          "2 (relu(x) - 1) / 4 = -1/2: -0.  PyTorch 1.13, run by hand, prints\n"
          "exactly these signs (doc/ad.texi).\n");
  return page_end (t);
}

/* ------------------------------------------------------------------ 5.3 */

/* One row per preset: F's derivative at X against the Clarke set, and
   optionally the derivatives of G and H at X.  Returns 1 when every
   preset but "undefined" returned the same number (as doubles, so 0 and
   -0 agree), 0 otherwise, -1 when ns_ad_compare failed. */
static int
say_compare (tutorial *t, const ns_function *f, double x, const ns_function *g,
             const ns_function *h)
{
  ns_set clarke;
  ns_status cs;
  ns_ad_row rows[NS_AD_PRESET_COUNT];
  if (ns_ad_compare (f, x, NS_AD_REVERSE, &clarke, &cs, rows, NS_AD_PRESET_COUNT) != NS_OK)
    {
      say (t, "  (ns_ad_compare failed)\n");
      return -1;
    }
  char set[CELL];
  set_text (t, &clarke, set, sizeof set);
  say (t, "  Clarke set at %g (ns_subdiff): %s%s%s\n\n", x, set, cs == NS_OK ? "" : ", ",
       cs == NS_OK ? "" : ns_strerror (cs));
  say (t, "  %-11s %-10s %s", "preset", "derivative", "in Clarke?");
  if (g != NULL)
    say (t, "   %-10s %s", "max(x, 0)'", "relu'(0)");
  say (t, "\n");
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    {
      ns_kink_policy pol;
      NS_KINK_POLICY_INIT (&pol, rows[i].preset);
      char buf[CELL];
      const char *in = rows[i].in_clarke > 0 ? "yes" : rows[i].in_clarke == 0 ? "NO" : "-";
      say (t, "  %-11s %-10s ", pol.name,
           ad_text (rows[i].status, rows[i].deriv, buf, sizeof buf));
      if (g != NULL)
        {
          say (t, "%-10s   %-10s", in, preset_deriv (g, x, rows[i].preset, buf, sizeof buf));
          say (t, " %s", preset_deriv (h, x, rows[i].preset, buf, sizeof buf));
        }
      else
        say (t, "%s", in);
      say (t, "\n");
    }
  int agree = 1;
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    if (rows[i].preset != NS_AD_UNDEFINED
        && (rows[i].status != NS_OK || rows[0].status != NS_OK
            || rows[i].deriv != rows[0].deriv))
      agree = 0;
  return agree;
}

static int
page_clarke (tutorial *t)
{
  page (t, 5, "In practice: outside the Clarke set");
  ns_function *f = parse ("relu(x) - relu(-x)"), *g = parse ("max(x, 0)"), *h = parse ("relu(x)");
  if (f == NULL || g == NULL || h == NULL)
    {
      ns_fn_free (f);
      ns_fn_free (g);
      ns_fn_free (h);
      return 0;
    }
  say (t, "relu(x) - relu(-x) = x at 0 under each preset (ns_ad_compare), and ReLU\n"
          "spelled max(x, 0) and relu(x), at 0 (ns_ad_deriv):\n\n");
  say_compare (t, f, 0, g, h);
  ns_fn_free (f);
  ns_fn_free (g);
  ns_fn_free (h);
  say (t, "\nPyTorch, TensorFlow and JAX return 0 for the derivative of x: the\n"
          "chain rule through the conventions, 0 - (-1) * 0, lands outside the\n"
          "Clarke set {1} (Bertoin et al. 2021).  And one function, two\n"
          "spellings, two answers in the same framework: a max tie is split\n"
          "1/2-1/2 (PyTorch, JAX) or given to the first argument (TensorFlow).\n");
  return page_end (t);
}

/* ------------------------------------------------------------------ 5.4, 5.5 */

/* The experiment of `nonsmooth relu0' (tutorials/relu0-experiment.c),
   live, in a classroom configuration: the default one (r0_config_default,
   about 12 s of CPU time) with one training seed, two epochs and 50
   mini-batches in the bifurcation count (about 2 s), so that the whole
   tutorial stays quick in make check and under the sanitizers.  The
   pages print the command of the full default. */
#define CLASSROOM_COMMAND "nonsmooth relu0 --seeds 1 --epochs 2 --batches 50"
static void
classroom_config (r0_config *c)
{
  r0_config_default (c);
  c->seeds = 1;
  c->epochs = 2;
  c->batches = 50;
}

/* Totals over the M batches of one phase. */
static void
phase_totals (const r0_batch *bt, int m, int *differ, long *all_inputs, long *cancel,
              int *differ_without_zero, int *zero_without_differ)
{
  for (int k = 0; k < m; k++)
    {
      long z = bt[k].zeros.all_inputs + bt[k].zeros.cancellation;
      *differ += bt[k].differ;
      *all_inputs += bt[k].zeros.all_inputs;
      *cancel += bt[k].zeros.cancellation;
      *differ_without_zero += bt[k].differ && z == 0;
      *zero_without_differ += !bt[k].differ && z > 0;
    }
}

/* Mini-batches that differed, over both phases and biases, at BITS. */
static int
differ_at (const r0_config *c, const r0_result *r, int bits)
{
  int n = 0;
  long a = 0, z = 0;
  int u = 0, v = 0;
  for (int i = 0; i < r->nbif; i++)
    if (r->bif[i].bits == bits)
      {
        phase_totals (r->bif[i].init, c->batches, &n, &a, &z, &u, &v);
        phase_totals (r->bif[i].train, c->batches, &n, &a, &z, &u, &v);
      }
  return n;
}

static int
page_relu0_bifurcation (tutorial *t, const r0_config *c, const r0_result *r)
{
  page (t, 5, "In practice: does relu'(0) matter?  An experiment");
  say (t, "Bertoin et al. (2021) backpropagated with relu'(0) = 0 and = 1 on the\n"
          "same network and data: the gradients differed on about half of the\n"
          "mini-batches in 32 bits, never in 64, systematically in 16.  The same\n"
          "experiment, live: a ReLU network %d", r->dim);
  for (int l = 1; l <= c->shape.nlayer; l++)
    say (t, "-%d", c->shape.width[l]);
  say (t, ", batches of %d, plain SGD, on\n%d training images (%s).\n"
          "On %d mini-batches, at the initial parameters and along training with\n"
          "relu'(0) = 0: do the two gradients differ?\n\n",
       c->batch_size, r->ntrain, r->data, c->batches);
  say (t, "  bits  bias   batches that differ    exact-zero pre-activations\n"
          "               init      training     all inputs 0   cancellation\n");
  int bad = 0, quiet = 0;
  for (int i = 0; i < r->nbif; i++)
    {
      const r0_bif *b = &r->bif[i];
      int di = 0, dt = 0;
      long a = 0, z = 0;
      phase_totals (b->init, c->batches, &di, &a, &z, &bad, &quiet);
      phase_totals (b->train, c->batches, &dt, &a, &z, &bad, &quiet);
      say (t, "  %4d  %-5g  %3d/%-3d   %3d/%-3d      %8ld       %8ld\n", b->bits, b->bias, di,
           c->batches, dt, c->batches, a, z);
    }
  say (t, "\n");
  if (bad == 0 && quiet == 0)
    say (t, "Every batch that differed held an exact zero and every batch with one\n"
            "differed: relu'(0) acts there and nowhere else.  ");
  else
    say (t, "%d batches differed without an exact zero; %d held one and did not\n"
            "differ.  ", bad, quiet);
  say (t, "Cancellation: a rounded\nsum of nonzero terms that is exactly 0.\n");
  return page_end (t);
}

/* Whether the training runs A and B agree bit for bit in every epoch's
   numbers. */
static int
same_run (const r0_config *c, const r0_train *a, const r0_train *b)
{
  for (int e = 0; e < c->epochs; e++)
    if (memcmp (&a->epochs[e], &b->epochs[e], sizeof a->epochs[e]) != 0)
      return 0;
  return 1;
}

static int
page_relu0_training (tutorial *t, const r0_config *c, const r0_result *r)
{
  page (t, 5, "In practice: training with relu'(0) = 0 and 1");
  say (t, "The same %d-epoch training (seed 1) with relu'(0) = 0 and with 1: test\n"
          "accuracy, and the exact zeros its forward passes met with relu'(0) = 1:\n\n",
       c->epochs);
  say (t, "  bits  bias   accuracy, relu'(0) = 0    = 1   zeros met  the two runs\n");
  int zero_but_differ = 0;
  /* r->train: bias, then bits, then relu'(0) (0 and 1), then the seed (1). */
  for (int i = 0; i + 1 < r->ntrain_runs; i += 2)
    {
      const r0_train *z = &r->train[i], *o = &r->train[i + 1];
      long zeros = 0;
      for (int e = 0; e < c->epochs; e++)
        zeros += o->epochs[e].zero_preacts;
      int same = same_run (c, z, o);
      zero_but_differ += zeros == 0 && !same;
      say (t, "  %4d  %-5g  %21.3f  %6.3f  %9ld  %s\n", z->bits, z->bias,
           z->epochs[c->epochs - 1].test_accuracy, o->epochs[c->epochs - 1].test_accuracy,
           zeros, same ? "bit for bit" : "differ");
    }
  int total = 2 * r->nbif / 3 * c->batches;   /* per precision: phases x biases x M */
  int d16 = differ_at (c, r, 16), d32 = differ_at (c, r, 32), d64 = differ_at (c, r, 64);
  say (t, "\nAt this scale: 64 bits, %d of %d batches differ%s.\n", d64, total,
       d64 == 0 ? " (as in the paper)" : " (UNLIKE the paper)");
  say (t, "16 bits, %d: %s.\n", d16,
       2 * d16 >= total ? "systematic, as in the paper"
                        : "the direction of the paper's finding, not its size");
  say (t, "32 bits, %d: %s.\n", d32,
       4 * d32 >= total ? "as in the paper"
                        : "not the paper's half, which needs millions of\n"
                          "pre-activations per batch for an exact cancellation to be likely");
  if (zero_but_differ == 0)
    say (t, "A run that met no exact zero is the same bit for bit with 0 and 1.\n");
  long all_inputs = 0;
  for (int i = 0; i < r->nbif; i++)
    for (int k = 0; k < c->batches; k++)
      all_inputs += r->bif[i].init[k].zeros.all_inputs + r->bif[i].train[k].zeros.all_inputs;
  say (t, "On an all-black input every weight gradient x_i relu'(0) delta is 0;\n"
          "only the bias gradient depends on relu'(0) (%s).\n",
       all_inputs == 0 ? "5.4 met no such zero" : "some zeros of 5.4 were such");
  say (t, "This page: " CLASSROOM_COMMAND "; the default\n"
          "(3 seeds, 5 epochs, 12 s): nonsmooth relu0.  Manual: Does relu'(0) matter?\n");
  return page_end (t);
}

/* ------------------------------------------------------------------ 5.6 */

static int
page_floats (tutorial *t)
{
  page (t, 5, "In practice: why exact zeros are rare");
  /* Finite floats from <float.h>: per sign, the normal ones (one block of
     2^(p-1) per exponent) and the 2^(p-1) - 1 subnormals, plus the zero. */
  double per_exp = ldexp (1, FLT_MANT_DIG - 1);
  double finite = 2 * ((FLT_MAX_EXP - FLT_MIN_EXP + 1) * per_exp + per_exp - 1 + 1);
  /* Seed 002's comments, verbatim (the apostrophe is the seed's). */
  say (t, "Seed 002 asks how to update the weights at the HUGE number of points\n"
          "where a ReLU network is not differentiable.  kbrose answers:\n"
          "  \"A finite number of points out of a uncountably infinite number\n"
          "  doesn\xe2\x80\x99t seem huge to me\"\n"
          "and DeltaIV replies: \"the number of points which can be represented\n"
          "in floating point arithmetics is finite.\"  Both are right about\n"
          "something.  float32 has %.0f finite values (<float.h>), so\n"
          "finiteness cannot be the reason; and the bad set is not finite:\n\n",
       finite);
  say (t, "In weight space the network fails to be differentiable where some\n"
          "unit's pre-activation is exactly 0 on some training input.  For each\n"
          "unit and input that is one hypersurface ({(w, b): w . x + b = 0} in\n"
          "the first layer, a hyperplane), so the set is a finite union of\n"
          "hypersurfaces: uncountably many points, but of measure zero.  Random\n"
          "real weights miss it with probability 1; floats can land on it, and\n"
          "then the convention decides (5.4).\n");
  return page_end (t);
}

/* ------------------------------------------------------------------ 5, --function */

static int
page_general (tutorial *t)
{
  double x0 = focus_point (t);
  char title[256];
  snprintf (title, sizeof title, "In practice: the frameworks at x = %g", x0);
  page (t, 5, title);
  say (t, "The derivative of %s = %s at %g under each preset\n"
          "(ns_ad_compare), against its Clarke set:\n\n", t->name, t->text, x0);
  int agree = say_compare (t, t->f, x0, NULL, NULL);
  kink k[MAX_KINKS];
  /* No kink of f does not mean no convention: automatic differentiation
     applies one at each kink of a primitive inside f, even where the kinks
     cancel (relu(x) - relu(-x) = x) or are multiplied by 0 (x^2 sign(x),
     where the min-norm preset finds no set for sign at 0).  No blank line
     after either sentence: the page keeps to 24 rows. */
  size_t nk = find_kinks (t->f, -4, 4, k, MAX_KINKS);
  if (nk == 0 && agree == 1)
    say (t, "\n%s has no kink in [-4, 4]; every preset returns the same number.\n",
         t->name);
  else if (nk == 0 && agree == 0)
    say (t, "\n%s has no kink in [-4, 4], yet the presets differ: AD applies each\n"
            "convention at the kinks of the primitives inside f.\n", t->name);
  else
    say (t, "\n");
  say (t, "\"-\" where the Clarke set or the derivative does not exist.  The Keras\n"
          "table and the relu'(0) experiment are about ReLU: run without\n"
          "--function to see them.\n");
  return page_end (t);
}

int
section_practice (tutorial *t)
{
  if (!t->is_relu)
    return page_general (t);
  if (!(page_keras (t) && page_presets (t) && page_clarke (t)))
    return 0;
  r0_config c;
  r0_result r;
  char msg[512];
  classroom_config (&c);
  int ok;
  if (r0_run (&c, &r, msg, sizeof msg) != 0)
    {
      page (t, 5, "In practice: does relu'(0) matter?  An experiment");
      say (t, "The experiment could not run: %s\n", msg);
      ok = page_end (t);
    }
  else
    {
      ok = page_relu0_bifurcation (t, &c, &r) && page_relu0_training (t, &c, &r);
      r0_result_free (&r);
    }
  return ok && page_floats (t);
}

/* ------------------------------------------------------------------ 6 */

/* What kind of point X is for F: 0 smooth, else "corner", "jump",
   "infinite slope" or "kink" (something else). */
static const char *
point_kind (const ns_function *f, double x)
{
  double d, l, r, j;
  if (ns_fn_deriv (f, x, 1, &d) == NS_OK)
    return NULL;
  ns_status sj = ns_fn_jump (f, x, 0, &j);
  if (sj == NS_OK && j != 0)
    return "jump";
  ns_status sl = ns_fn_deriv_side (f, x, NS_LEFT, 1, &l);
  ns_status sr = ns_fn_deriv_side (f, x, NS_RIGHT, 1, &r);
  if (sl == NS_ERANGE || sr == NS_ERANGE)
    return "infinite slope";
  if (sj == NS_OK && sl == NS_OK && sr == NS_OK && l != r)
    return "corner";
  return "kink";
}

/* Pointwise: the derivative, or "none: " and what kind of point it is. */
static const char *
pointwise_cell (const ns_function *f, double x, char *buf, size_t size)
{
  double d;
  const char *kind = point_kind (f, x);
  if (kind == NULL && ns_fn_deriv (f, x, 1, &d) == NS_OK)
    snprintf (buf, size, "%g", d + 0.0);
  else
    snprintf (buf, size, "none: %s", kind ? kind : "?");
  return buf;
}

/* The limits of f' from the left and the right, "L | R"; at a corner they
   are the one-sided derivatives, at a jump they are not. */
static const char *
limits_cell (const ns_function *f, double x, char *buf, size_t size)
{
  double l, r;
  ns_status sl = ns_fn_deriv_side (f, x, NS_LEFT, 1, &l);
  ns_status sr = ns_fn_deriv_side (f, x, NS_RIGHT, 1, &r);
  char a[32] = "?", b[32] = "?";
  if (sl == NS_OK || sl == NS_ERANGE)
    snprintf (a, sizeof a, "%g", l + 0.0);
  if (sr == NS_OK || sr == NS_ERANGE)
    snprintf (b, sizeof b, "%g", r + 0.0);
  snprintf (buf, size, "%s | %s", a, b);
  return buf;
}

/* Distributional: the exact derivative of f on (A, B)
   (ns_dist_exact_deriv), printed by ns_dist_snprint_readable; FLAGS may
   add NS_DIST_PRINT_MATH. */
static const char *
distribution_text (const tutorial *t, ns_function *f, double a, double b, int flags, char *buf,
                   size_t size)
{
  ns_dist *d = NULL;
  ns_status s = ns_dist_exact_deriv (f, 1, a, b, &d);
  if (s != NS_OK)
    snprintf (buf, size, "? (%s)", ns_strerror (s));
  else
    ns_dist_snprint_readable (buf, size, d, flags | (t->utf8 ? 0 : NS_DIST_PRINT_ASCII));
  ns_dist_free (d);
  return buf;
}

/* Clarke: the set, or "none" with the reason. */
static const char *
clarke_cell (const tutorial *t, const ns_function *f, double x, char *buf, size_t size)
{
  ns_set s;
  ns_status st = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, &s);
  const char *kind = point_kind (f, x);
  if (st == NS_OK)
    set_text (t, &s, buf, size);
  else if (st == NS_ENOTLIPSCHITZ && kind != NULL
           && (strcmp (kind, "jump") == 0 || strcmp (kind, "infinite slope") == 0))
    snprintf (buf, size, "none: %s", strcmp (kind, "jump") == 0 ? "a jump" : "inf. slope");
  else
    snprintf (buf, size, "none: %s", ns_strerror (st));
  return buf;
}

static const struct { const char *name; ns_ad_preset preset; } frameworks[] = {
  { "PyTorch", NS_AD_PYTORCH }, { "TensorFlow", NS_AD_TENSORFLOW },
  { "JAX", NS_AD_JAX }, { "SymPy", NS_AD_SYMPY },
};
#define NFRAMEWORKS (sizeof frameworks / sizeof *frameworks)

/* How each framework's number for F at X relates to the Clarke set:
   "all in [0, 1]", the ones outside it, or, without a Clarke set, what
   the numbers are: the common limit of f' from both sides when they
   equal it. */
static void
say_relation (tutorial *t, const char *name, const ns_function *f, double x)
{
  ns_set c;
  ns_status cs = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, &c);
  char set[CELL], cell[CELL];
  say (t, "  %-5s ", name);
  if (cs == NS_OK)
    {
      int in = 0, out = 0, undef = 0;
      char outs[160] = "";
      for (size_t i = 0; i < NFRAMEWORKS; i++)
        {
          ns_kink_policy pol;
          double v, d;
          int yes = 0;
          NS_KINK_POLICY_INIT (&pol, frameworks[i].preset);
          if (ns_ad_deriv (f, x, &pol, NS_AD_REVERSE, &v, &d) != NS_OK)
            undef++;
          else if (ns_set_contains (&c, d, &yes) == NS_OK && yes)
            in++;
          else
            {
              out++;
              snprintf (outs + strlen (outs), sizeof outs - strlen (outs), " %s",
                        frameworks[i].name);
            }
        }
      set_text (t, &c, set, sizeof set);
      say (t, "%d of %zu numbers in the Clarke set %s", in, NFRAMEWORKS, set);
      if (out)
        say (t, "; outside:%s", outs);
      if (undef)
        say (t, "; %d undefined", undef);
      say (t, "\n");
      return;
    }
  double l, r;
  int limit = ns_fn_deriv_side (f, x, NS_LEFT, 1, &l) == NS_OK
              && ns_fn_deriv_side (f, x, NS_RIGHT, 1, &r) == NS_OK && l == r;
  say (t, "no Clarke set (%s); the numbers:\n       ",
       clarke_cell (t, f, x, cell, sizeof cell) + 6);
  for (size_t i = 0; i < NFRAMEWORKS; i++)
    {
      ns_kink_policy pol;
      double v, d;
      NS_KINK_POLICY_INIT (&pol, frameworks[i].preset);
      ns_status st = ns_ad_deriv (f, x, &pol, NS_AD_REVERSE, &v, &d);
      say (t, "%s %s %s", i ? "," : "", frameworks[i].name, ad_text (st, d, cell, sizeof cell));
    }
  say (t, "\n");
  if (limit)
    say (t, "        (%g is the limit of %s' from both sides, in no Clarke set)\n", l + 0.0,
         name);
}

static const struct { const char *name; int kind; } summary_rows[] = {
  { "pointwise", -1 }, { "lim f' -|+", -4 }, { "distribution", -2 }, { "Clarke", -3 },
  { "PyTorch", NS_AD_PYTORCH }, { "TensorFlow", NS_AD_TENSORFLOW },
  { "JAX", NS_AD_JAX }, { "SymPy", NS_AD_SYMPY },
};
#define NSUMMARY (sizeof summary_rows / sizeof *summary_rows)

static const char *
summary_cell (const tutorial *t, int kind, ns_function *f, double x, char *buf,
              size_t size)
{
  return kind == -1   ? pointwise_cell (f, x, buf, size)
         : kind == -2 ? distribution_text (t, f, x - 0.5, x + 0.5, NS_DIST_PRINT_MATH, buf, size)
         : kind == -3 ? clarke_cell (t, f, x, buf, size)
         : kind == -4 ? limits_cell (f, x, buf, size)
                      : preset_deriv (f, x, (ns_ad_preset) kind, buf, size);
}

/* 6.2 with --function: the same rows for the chosen function, one per
   line, so that a long distribution fits. */
static int
page_summary_function (tutorial *t)
{
  double x0 = focus_point (t);
  char title[256];
  snprintf (title, sizeof title, "Summary: %s = %s at %g", t->name, t->text, x0);
  page (t, 6, title);
  say (t, "The rows of 6.1 for %s, each from the library (the distribution\n"
          "on (-4, 4), the range of sections 1 and 2):\n\n", t->name);
  for (size_t r = 0; r < NSUMMARY; r++)
    {
      char buf[256];
      say (t, "  %-13s %s\n", summary_rows[r].name,
           summary_rows[r].kind == -2
             ? distribution_text (t, t->f, -4, 4, 0, buf, sizeof buf)
             : summary_cell (t, summary_rows[r].kind, t->f, x0, buf, sizeof buf));
    }
  say (t, "\n");
  say_relation (t, t->name, t->f, x0);
  return page_end (t);
}

int
section_summary (tutorial *t)
{
  page (t, 6, "Summary: three derivatives at a kink");
  static const char *const texts[] = { "relu(x)", "abs(x)", "heaviside(x, 1)" };
  static const char *const heads[] = { "relu", "|x|", "H" };
  ns_function *fs[3] = { NULL, NULL, NULL };
  for (size_t i = 0; i < 3; i++)
    if ((fs[i] = parse (texts[i])) == NULL)
      {
        for (size_t k = 0; k < i; k++)
          ns_fn_free (fs[k]);
        return 0;
      }
  say (t, "At 0, for relu, |x| and H = heaviside(x, 1), each cell from the library%s\n\n",
       t->is_relu ? ":" : ",\nwhatever --function is (6.2 has yours):");
  int width = 20;
  say (t, "%-12s", "");
  for (size_t i = 0; i < 3; i++)
    say (t, " %-*s", i + 1 < 3 ? width : 0, heads[i]);
  say (t, "\n");
  for (size_t r = 0; r < NSUMMARY; r++)
    {
      say (t, "%-12s", summary_rows[r].name);
      for (size_t i = 0; i < 3; i++)
        {
          char buf[CELL];
          say (t, " ");
          say_cell (t, summary_cell (t, summary_rows[r].kind, fs[i], 0, buf, sizeof buf),
                    i + 1 < 3 ? width : 0);
        }
      say (t, "\n");
    }
  say (t, "\nlim f' -|+: limits of f' from each side (ns_fn_deriv_side); the one-sided\n"
          "derivatives at a corner, not at H's jump: (H(y) - H(0))/y = -1/y diverges\n"
          "as y -> 0-.  %s"
          "Each framework returns one number, its convention; against Clarke:\n",
       t->is_relu ? "Cells: ns_dist_exact_deriv, ns_subdiff, ns_ad_deriv.\n" : "");
  for (size_t i = 0; i < 3; i++)
    say_relation (t, heads[i], fs[i], 0);
  for (size_t i = 0; i < 3; i++)
    ns_fn_free (fs[i]);
  if (!page_end (t))
    return 0;
  return t->is_relu || page_summary_function (t);
}
