/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-practice.c: sections 5 and 6 of nonsmooth-tutorial.
   In practice: seed 002's Keras table from ns_ad_deriv, the same gradient
   under the other presets in reverse and forward mode, a derivative outside the Clarke set, and a
   seeded float32 count of exact zeros.  Summary: relu, |x| and H at 0
   under each notion, every cell from a library call. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>
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

/* "0.5", "-0", "U" (undefined), "inf": a derivative as ns_ad_deriv gave
   it, with the sign of zero kept. */
static const char *
ad_text (ns_status s, double d, char *buf, size_t size)
{
  if (s == NS_OK || s == NS_ERANGE)
    snprintf (buf, size, "%g", d);
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
  page (t, 5, 1, "In practice: seed 002's Keras table");
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
  page (t, 5, 2, "In practice: the same gradient, other conventions");
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
   optionally the derivatives of G and H at X. */
static void
say_compare (tutorial *t, const ns_function *f, double x, const ns_function *g,
             const ns_function *h)
{
  ns_set clarke;
  ns_status cs;
  ns_ad_row rows[NS_AD_PRESET_COUNT];
  if (ns_ad_compare (f, x, NS_AD_REVERSE, &clarke, &cs, rows, NS_AD_PRESET_COUNT) != NS_OK)
    {
      say (t, "  (ns_ad_compare failed)\n");
      return;
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
}

static int
page_clarke (tutorial *t)
{
  page (t, 5, 3, "In practice: outside the Clarke set");
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

/* ------------------------------------------------------------------ 5.4 */

/* splitmix64 (Steele, Lea and Flood 2014): a fixed, portable generator,
   so the counts below are the same on every machine. */
static uint64_t
splitmix64 (uint64_t *state)
{
  uint64_t z = (*state += UINT64_C (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* A float in [0, 1) with 24 random bits: every such value is a float. */
static float
uniform01 (uint64_t *state)
{
  return (float) (splitmix64 (state) >> 40) * 0x1p-24f;
}

#define EXP_SEED 20180816u    /* the date of seed 002's question */
#define EXP_UNITS 8           /* output units of the layer */
#define EXP_INPUTS 9          /* inputs per unit: a 3x3 patch */
#define EXP_SAMPLES 100000    /* patches drawn */

typedef struct zero_count {
  long total, zeros, all_zero_inputs;
} zero_count;

/* Pre-activations z = w . x + b of a float32 layer with weights uniform in
   [-1, 1), bias B, over EXP_SAMPLES inputs: continuous (uniform in [0, 1))
   or quantized like an image (a pixel is 0 with probability 4/5, about
   MNIST's share of black pixels, else k/255 for k uniform in 1..255).
   Counts the z exactly equal to 0.0f. */
static zero_count
count_zeros (int quantized, float bias)
{
  uint64_t state = EXP_SEED;
  float w[EXP_UNITS][EXP_INPUTS];
  for (int u = 0; u < EXP_UNITS; u++)
    for (int i = 0; i < EXP_INPUTS; i++)
      w[u][i] = 2 * uniform01 (&state) - 1;
  zero_count c = { 0, 0, 0 };
  for (long s = 0; s < EXP_SAMPLES; s++)
    {
      float x[EXP_INPUTS];
      int nonzero = 0;
      for (int i = 0; i < EXP_INPUTS; i++)
        {
          if (!quantized)
            x[i] = uniform01 (&state);
          else if (splitmix64 (&state) % 5 != 0)
            x[i] = 0;
          else
            x[i] = (float) (1 + splitmix64 (&state) % 255) / 255.0f;
          nonzero += x[i] != 0;
        }
      for (int u = 0; u < EXP_UNITS; u++)
        {
          float z = bias;
          for (int i = 0; i < EXP_INPUTS; i++)
            {
              float p = w[u][i] * x[i];
              z += p;
            }
          c.total++;
          c.zeros += z == 0.0f;
          c.all_zero_inputs += z == 0.0f && nonzero == 0;
        }
    }
  return c;
}

static void
say_count (tutorial *t, const char *what, zero_count c)
{
  say (t, "  %-28s %8ld of %ld  (%.3g%%)\n", what, c.zeros, c.total,
       100.0 * (double) c.zeros / (double) c.total);
}

static int
page_floats (tutorial *t)
{
  page (t, 5, 4, "In practice: why it rarely matters, and when it does");
  /* Finite floats from <float.h>: per sign, the normal ones (one block of
     2^(p-1) per exponent) and the 2^(p-1) - 1 subnormals, plus the zero. */
  double per_exp = ldexp (1, FLT_MANT_DIG - 1);
  double finite = 2 * ((FLT_MAX_EXP - FLT_MIN_EXP + 1) * per_exp + per_exp - 1 + 1);
  say (t, "\"A finite number of points out of uncountably many\" (seed 002) is\n"
          "not the reason: floats are a finite set.  float32 has %.0f finite\n"
          "values (<float.h>), two of them zeros, and a computed pre-activation\n"
          "can land on 0.0f exactly.  Where it does, the convention decides.\n\n",
       finite);
  say (t, "A float32 layer of %d units, %d inputs each, weights uniform in\n"
          "[-1, 1) from splitmix64 with seed %u, %d inputs; pre-activations\n"
          "exactly 0.0f:\n\n", EXP_UNITS, EXP_INPUTS, EXP_SEED, EXP_SAMPLES);
  zero_count cont0 = count_zeros (0, 0), quant0 = count_zeros (1, 0);
  zero_count quantb = count_zeros (1, 0.01f);
  say_count (t, "inputs uniform in [0, 1)", cont0);
  say_count (t, "image-like inputs, bias 0", quant0);
  say_count (t, "image-like inputs, bias 0.01", quantb);
  say (t, "\nImage-like: a pixel is 0 with probability 4/5 (a black background),\n"
          "else k/255.  Of the %ld zeros with bias 0, %ld come from all-black\n"
          "patches, %ld from cancellation.  Continuous inputs almost never hit 0;\n"
          "black patches with a zero bias, a common initialization, hit it at\n"
          "about 0.8^9 = %.3g of the patches, and there relu'(0) decides whether\n"
          "the weights get a gradient.  A small bias moves them off the kink.\n",
       quant0.zeros, quant0.all_zero_inputs, quant0.zeros - quant0.all_zero_inputs,
       pow (0.8, EXP_INPUTS));
  return page_end (t);
}

/* ------------------------------------------------------------------ 5, --function */

static int
page_general (tutorial *t)
{
  double x0 = focus_point (t);
  char title[256];
  snprintf (title, sizeof title, "In practice: the frameworks at x = %g", x0);
  page (t, 5, 1, title);
  say (t, "The derivative of %s = %s at %g under each preset (ns_ad_compare),\n"
          "against its Clarke set:\n\n", t->name, t->text, x0);
  say_compare (t, t->f, x0, NULL, NULL);
  kink k[MAX_KINKS];
  if (find_kinks (t->f, -4, 4, k, MAX_KINKS) == 0)
    say (t, "\n%s has no kink in [-4, 4]: no convention is used, all presets agree.\n",
         t->name);
  say (t, "\n\"-\" where the Clarke set or the derivative does not exist.  The Keras\n"
          "table and the float32 experiment are about ReLU: run without\n"
          "--function to see them.\n");
  return page_end (t);
}

int
section_practice (tutorial *t)
{
  if (!t->is_relu)
    return page_general (t);
  return page_keras (t) && page_presets (t) && page_clarke (t) && page_floats (t);
}

/* ------------------------------------------------------------------ 6 */

/* Pointwise: the derivative, or "none: L | R" from the one-sided ones. */
static const char *
pointwise_cell (const ns_function *f, double x, char *buf, size_t size)
{
  double d, l, r, jump = 0;
  if (ns_fn_deriv (f, x, 1, &d) == NS_OK)
    snprintf (buf, size, "%g", d + 0.0);
  else if (ns_fn_deriv_side (f, x, NS_LEFT, 1, &l) == NS_OK
           && ns_fn_deriv_side (f, x, NS_RIGHT, 1, &r) == NS_OK)
    snprintf (buf, size, "none: %g | %g%s", l + 0.0, r + 0.0,
              ns_fn_jump (f, x, 0, &jump) == NS_OK && jump != 0 ? " jump" : "");
  else
    snprintf (buf, size, "none");
  return buf;
}

/* Distributional, near X: the one-sided slopes L, R make the regular part
   L + (R - L) H(. - x), the jump J of f adds J delta. */
static const char *
distributional_cell (const ns_function *f, double x, char *buf, size_t size)
{
  double l, r, j;
  if (ns_fn_deriv_side (f, x, NS_LEFT, 1, &l) != NS_OK
      || ns_fn_deriv_side (f, x, NS_RIGHT, 1, &r) != NS_OK || ns_fn_jump (f, x, 0, &j) != NS_OK)
    return snprintf (buf, size, "?"), buf;
  char reg[128] = "", del[32] = "", h[32] = "H";
  if (x != 0)
    snprintf (h, sizeof h, "H(x %s %g)", x < 0 ? "+" : "-", fabs (x));
  double s = r - l;
  if (s == 0)
    snprintf (reg, sizeof reg, "%g", l + 0.0);
  else
    {
      char hs[64];
      if (s == 1)
        snprintf (hs, sizeof hs, "%s", h);
      else
        snprintf (hs, sizeof hs, "%g%s", s, h);
      if (l == 0)
        snprintf (reg, sizeof reg, "%s", hs);
      else
        snprintf (reg, sizeof reg, "%s %s %g", hs, l < 0 ? "-" : "+", fabs (l));
      /* 2H - 1 is the sign function. */
      if (l == -1 && r == 1 && x == 0)
        strncat (reg, " = sign", sizeof reg - strlen (reg) - 1);
    }
  if (j != 0)
    {
      if (j == 1)
        snprintf (del, sizeof del, "delta");
      else
        snprintf (del, sizeof del, "%g delta", j);
    }
  if (j != 0 && s == 0 && l == 0)
    snprintf (buf, size, "%s", del);
  else if (j != 0)
    snprintf (buf, size, "%s + %s", reg, del);
  else
    snprintf (buf, size, "%s", reg);
  return buf;
}

/* Clarke: the set, or "none" with the reason. */
static const char *
clarke_cell (const tutorial *t, const ns_function *f, double x, char *buf, size_t size)
{
  ns_set s;
  ns_status st = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, &s);
  if (st == NS_OK)
    set_text (t, &s, buf, size);
  else if (st == NS_ENOTLIPSCHITZ)
    snprintf (buf, size, "none: a jump");
  else
    snprintf (buf, size, "none");
  return buf;
}

int
section_summary (tutorial *t)
{
  page (t, 6, 1, "Summary: three derivatives at a kink");
  static const char *const texts[] = { "relu(x)", "abs(x)", "heaviside(x, 1)" };
  static const char *const heads[] = { "relu", "|x|", "H" };
  ns_function *fs[4] = { NULL, NULL, NULL, NULL };
  size_t nf = 3;
  for (size_t i = 0; i < 3; i++)
    if ((fs[i] = parse (texts[i])) == NULL)
      {
        for (size_t k = 0; k < i; k++)
          ns_fn_free (fs[k]);
        return 0;
      }
  double x0 = focus_point (t), xs[4] = { 0, 0, 0, x0 };
  if (!t->is_relu)
    fs[nf++] = ns_fn_ref (t->f);
  if (t->is_relu)
    say (t, "At 0, each cell from the library:\n\n");
  else
    say (t, "At 0, and for %s = %s at %g, each cell from the library:\n\n", t->name, t->text,
         x0);
  int width = nf == 3 ? 20 : 16;
  say (t, "%-12s", "");
  for (size_t i = 0; i < nf; i++)
    say (t, " %-*s", i + 1 < nf ? width : 0, i < 3 ? heads[i] : t->name);
  say (t, "\n");
  static const struct { const char *name; int kind; } rows[] = {
    { "pointwise", -1 }, { "distribution", -2 }, { "Clarke", -3 },
    { "PyTorch", NS_AD_PYTORCH }, { "TensorFlow", NS_AD_TENSORFLOW },
    { "JAX", NS_AD_JAX }, { "SymPy", NS_AD_SYMPY },
  };
  for (size_t r = 0; r < sizeof rows / sizeof *rows; r++)
    {
      say (t, "%-12s", rows[r].name);
      for (size_t i = 0; i < nf; i++)
        {
          char buf[CELL];
          const char *cell = rows[r].kind == -1   ? pointwise_cell (fs[i], xs[i], buf, sizeof buf)
                             : rows[r].kind == -2 ? distributional_cell (fs[i], xs[i], buf, sizeof buf)
                             : rows[r].kind == -3 ? clarke_cell (t, fs[i], xs[i], buf, sizeof buf)
                             : preset_deriv (fs[i], xs[i], (ns_ad_preset) rows[r].kind, buf,
                                             sizeof buf);
          say (t, " ");
          say_cell (t, cell, i + 1 < nf ? width : 0);
        }
      say (t, "\n");
    }
  for (size_t i = 0; i < nf; i++)
    ns_fn_free (fs[i]);
  say (t, "\npointwise: ns_fn_deriv, else the one-sided slopes left | right\n"
          "(ns_fn_deriv_side); distribution: near the point, from those slopes and\n"
          "the jump J (ns_fn_jump), which adds J delta; Clarke: ns_subdiff;\n"
          "the frameworks: ns_ad_deriv under each preset.\n");
  say (t, "\nThe pointwise derivative does not exist at any of the three kinks.  The\n"
          "distributional one always exists, as a distribution, and sees the jump\n"
          "of H as delta.  The Clarke set exists where f is Lipschitz: the hull of\n"
          "the limits of nearby slopes.  A framework returns one number, its\n"
          "convention: in the Clarke set for these three, but not always (5.3).\n");
  return page_end (t);
}
