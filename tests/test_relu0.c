/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_relu0.c: the relu0 network and experiment of the explorer
   (tutorials/relu0-*.c): gradients against central finite differences
   and an independent forward pass away from kinks (binary64); relu'(0) at
   exact zeros of both causes; binary32 and binary16 against binary64
   within stated bounds; rounding after each binary16 operation; the PRNG
   against an independent implementation; the synthetic data; the IDX
   reader on good and malformed files; bit-for-bit reproducible runs; the
   JSON report (tests/jsonreader.h). */
#define _XOPEN_SOURCE 700   /* mkdtemp, open_memstream */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jsonreader.h"
#include "../tutorials/relu0-net.h"
#include "../tutorials/relu0-experiment.h"
#include "check_main.h"

/* A small network: 6 inputs, hidden 5 and 4, 10 outputs. */
static const r0_shape small = { 3, { 6, 5, 4, R0_NCLASS } };
#define NB 3   /* examples */

/* Inputs in [0, 1) and labels from a seed. */
static void
small_batch (uint64_t seed, double *x, unsigned char *y)
{
  r0_rng r;
  r0_rng_seed (&r, seed);
  for (int i = 0; i < NB * 6; i++)
    x[i] = r0_rng_uniform (&r);
  for (int e = 0; e < NB; e++)
    y[e] = (unsigned char) r0_rng_below (&r, R0_NCLASS);
}

/* The mean loss by a plain forward pass written here, independently of
   relu0-net-generic.c, in long double; *ZMIN gets the smallest |z| of a
   hidden pre-activation (how far the point is from a kink). */
static long double
ref_loss (const r0_shape *sh, const double *p, const double *x, const unsigned char *y, int n,
          long double *zmin)
{
  long double total = 0;
  *zmin = INFINITY;
  for (int e = 0; e < n; e++)
    {
      long double a[64], z[64];
      for (int i = 0; i < sh->width[0]; i++)
        a[i] = x[e * sh->width[0] + i];
      const double *q = p;
      for (int l = 1; l <= sh->nlayer; l++)
        {
          int ni = sh->width[l - 1], no = sh->width[l];
          for (int j = 0; j < no; j++)
            {
              long double s = q[ni * no + j];
              for (int i = 0; i < ni; i++)
                s += (long double) q[j * ni + i] * a[i];
              z[j] = s;
            }
          q += ni * no + no;
          if (l < sh->nlayer)
            for (int j = 0; j < no; j++)
              {
                if (fabsl (z[j]) < *zmin)
                  *zmin = fabsl (z[j]);
                a[j] = z[j] > 0 ? z[j] : 0;
              }
        }
      long double m = z[0], s = 0;
      for (int k = 1; k < R0_NCLASS; k++)
        if (z[k] > m)
          m = z[k];
      for (int k = 0; k < R0_NCLASS; k++)
        s += expl (z[k] - m);
      total += logl (s) - (z[y[e]] - m);
    }
  return total / n;
}

/* Central differences: |(L(p+h) - L(p-h))/2h - L'(p)| <= h^2/6 max|L'''|
   + (rounding of L, at most about 1e-18 in long double)/h.  With h = 1e-5
   and |L'''| of order 1 the bound is about 1e-10; FD_TOL leaves a factor
   100 for |L'''| up to 100.  Away from kinks: every |z| >= 1e-3 while a
   step of h moves z by at most h * (1 + max|a|) < 1e-4. */
#define FD_H 1e-5
#define FD_TOL 1e-8

START_TEST (test_gradient_vs_finite_differences)
{
  size_t np = r0_nparam (&small);
  double p[256], x[NB * 6], g[256], work[4096];
  unsigned char y[NB];
  ck_assert_uint_le (np, 256);
  ck_assert_uint_le (r0_ops64.work_size (&small, NB), sizeof work);
  int checked = 0;
  for (uint64_t seed = 1; seed <= 20; seed++)
    {
      r0_init_params (&small, seed, 0.1, p);
      small_batch (seed + 100, x, y);
      long double zmin;
      long double l0 = ref_loss (&small, p, x, y, NB, &zmin);
      if (zmin < 1e-3)
        continue;   /* too near a kink for finite differences */
      checked++;
      r0_zeros z = { 0, 0 };
      double loss = r0_ops64.grad (&small, p, x, y, NB, 0.0, g, work, &z);
      /* The same loss two ways: binary64 against long double. */
      ck_assert_msg (fabs (loss - (double) l0) <= 1e-13, "seed %d: loss %.17g, ref %.17Lg",
                     (int) seed, loss, l0);
      ck_assert_int_eq (z.all_inputs + z.cancellation, 0);
      for (size_t i = 0; i < np; i++)
        {
          double save = p[i];
          long double zz;
          p[i] = save + FD_H;
          long double lp = ref_loss (&small, p, x, y, NB, &zz);
          p[i] = save - FD_H;
          long double lm = ref_loss (&small, p, x, y, NB, &zz);
          p[i] = save;
          double fd = (double) ((lp - lm) / (2 * FD_H));
          ck_assert_msg (fabs (fd - g[i]) <= FD_TOL, "seed %d, parameter %d: backprop %.17g, "
                         "finite differences %.17g", (int) seed, (int) i, g[i], fd);
        }
    }
  ck_assert_int_ge (checked, 10);
}
END_TEST

/* With all inputs 0 and biases 0 every hidden pre-activation is exactly 0
   (cause: all inputs zero), so the bias gradients of the first hidden
   layer are relu'(0) times the backpropagated value: 0 for s = 0, d for
   s = 1 and d/2 for s = 1/2 (exact in binary64). */
START_TEST (test_relu0_at_exact_zeros)
{
  size_t np = r0_nparam (&small);
  double p[256], x[NB * 6] = { 0 }, g0[256], g1[256], gh[256], work[4096];
  unsigned char y[NB] = { 1, 2, 3 };
  r0_init_params (&small, 7, 0.0, p);
  r0_zeros z = { 0, 0 };
  r0_ops64.grad (&small, p, x, y, NB, 0.0, g0, work, &z);
  ck_assert_int_eq (z.all_inputs, NB * (5 + 4));
  ck_assert_int_eq (z.cancellation, 0);
  r0_ops64.grad (&small, p, x, y, NB, 1.0, g1, work, NULL);
  r0_ops64.grad (&small, p, x, y, NB, 0.5, gh, work, NULL);
  /* Layer 2's biases sit after W1 (5x6), b1 (5), W2 (4x5). */
  size_t b2 = 30 + 5 + 20, b1 = 30;
  int nonzero = 0;
  for (int j = 0; j < 4; j++)
    {
      ck_assert (g0[b2 + j] == 0);
      ck_assert (gh[b2 + j] == 0.5 * g1[b2 + j]);
      nonzero += g1[b2 + j] != 0;
    }
  ck_assert_int_gt (nonzero, 0);
  for (int j = 0; j < 5; j++)
    {
      ck_assert (g0[b1 + j] == 0);
      /* Two factors s on the way down: s^2 = 1/4. */
      ck_assert (gh[b1 + j] == 0.25 * g1[b1 + j]);
    }
  /* The weights of layers 1 and 2 see inputs 0: their gradients are 0
     whatever s is. */
  for (size_t i = 0; i < 30; i++)
    ck_assert (g0[i] == 0 && g1[i] == 0);
  ck_assert_uint_eq (np, 30 + 5 + 20 + 4 + 40 + 10);
}
END_TEST

/* x = (1, 1), first row of W1 (1/2, -1/2), bias 0: z = 1/2 - 1/2 = 0
   exactly with nonzero terms: a cancellation, in every precision. */
START_TEST (test_cancellation_is_counted)
{
  static const r0_shape sh = { 2, { 2, 2, R0_NCLASS } };
  double p[2 * 2 + 2 + 10 * 2 + 10] = { 0 };
  p[0] = 0.5;
  p[1] = -0.5;
  p[2] = 0.25;
  p[3] = 0.25;
  for (int i = 6; i < 26; i++)
    p[i] = (i % 3) * 0.125 - 0.1;
  double x[2] = { 1, 1 };
  unsigned char y[1] = { 4 };
  for (int bits = 16; bits <= 64; bits *= 2)
    {
      const r0_ops *ops = r0_ops_of (bits);
      ck_assert_ptr_nonnull (ops);
      unsigned char pb[36 * 8], xb[2 * 8], g0[36 * 8], g1[36 * 8], work[1024];
      ops->from_double (p, pb, 36);
      ops->from_double (x, xb, 2);
      r0_zeros z = { 0, 0 };
      ops->grad (&sh, pb, xb, y, 1, 0.0, g0, work, &z);
      ck_assert_int_eq (z.cancellation, 1);
      ck_assert_int_eq (z.all_inputs, 0);
      ops->grad (&sh, pb, xb, y, 1, 1.0, g1, work, NULL);
      double d0[36], d1[36];
      ops->to_double (g0, d0, 36);
      ops->to_double (g1, d1, 36);
      /* The bias of the cancelled unit: 0 with s = 0, W2^T delta with s = 1. */
      ck_assert (d0[4] == 0);
      ck_assert (d1[4] != 0);
    }
}
END_TEST

/* binary32 and binary16 against binary64 on the same (rounded) inputs and
   parameters, away from kinks.  A dot product of n terms in unit roundoff
   u errs by at most gamma_n = n u / (1 - n u) times the sum of the
   absolute terms (Higham, Accuracy and Stability, 3.1); with n <= 6 here,
   three layers forward and back and the softmax, we allow 100 u relative
   to the largest gradient component (u = 2^-24 for binary32, 2^-11 for
   binary16): about 20 gamma_n.  The inputs are rounded to binary16 first,
   so all three runs start from the same numbers. */
START_TEST (test_precisions_agree_with_binary64)
{
  size_t np = r0_nparam (&small);
  double p[256], x[NB * 6], g64[256], g[256], work[8192];
  unsigned char y[NB], pb[256 * 8], xb[NB * 6 * 8], gb[256 * 8];
  int checked = 0;
  for (uint64_t seed = 1; seed <= 40; seed++)
    {
      r0_init_params (&small, seed, 0.1, p);
      small_batch (seed + 200, x, y);
      /* Round the inputs and parameters to binary16 once. */
      r0_ops16.from_double (p, pb, np);
      r0_ops16.to_double (pb, p, np);
      r0_ops16.from_double (x, xb, NB * 6);
      r0_ops16.to_double (xb, x, NB * 6);
      long double zmin;
      ref_loss (&small, p, x, y, NB, &zmin);
      if (zmin < 0.05)
        continue;   /* binary16 could cross a kink */
      checked++;
      double l64 = r0_ops64.grad (&small, p, x, y, NB, 0.0, g64, work, NULL);
      double gmax = 0;
      for (size_t i = 0; i < np; i++)
        gmax = fmax (gmax, fabs (g64[i]));
      static const struct { int bits; double u; } prec[] = { { 32, 0x1p-24 }, { 16, 0x1p-11 } };
      for (int k = 0; k < 2; k++)
        {
          const r0_ops *ops = r0_ops_of (prec[k].bits);
          double tol = 100 * prec[k].u;
          ops->from_double (p, pb, np);
          ops->from_double (x, xb, NB * 6);
          double l = ops->grad (&small, pb, xb, y, NB, 0.0, gb, work, NULL);
          ops->to_double (gb, g, np);
          ck_assert_msg (fabs (l - l64) <= tol * fabs (l64), "binary%d loss %.9g vs %.17g",
                         prec[k].bits, l, l64);
          for (size_t i = 0; i < np; i++)
            ck_assert_msg (fabs (g[i] - g64[i]) <= tol * gmax, "seed %d binary%d parameter %d: "
                           "%.9g vs %.17g", (int) seed, prec[k].bits, (int) i, g[i], g64[i]);
        }
    }
  ck_assert_int_ge (checked, 5);
}
END_TEST

/* Each binary16 operation rounds: p - lr*g with lr = 1/2.  p = 1,
   g = -2^-10: lr*g = -2^-11 and 1 + 2^-11 lies halfway between 1 and
   1 + 2^-10: ties to even, 1.  g = -3*2^-11: 1 + 1.5*2^-11 rounds up to
   1 + 2^-10.  p = 2^-23, g = 2^-24: lr*g = 2^-25 is half the smallest
   subnormal 2^-24, a tie between 0 and 2^-24: even, 0, so p stays 2^-23.
   In binary32 all three are exact. */
START_TEST (test_binary16_rounds_each_operation)
{
  double p[3] = { 1, 1, 0x1p-23 }, g[3] = { -0x1p-10, -0x3p-11, 0x1p-24 }, out[3];
  unsigned char pb[3 * 8], gb[3 * 8];
  r0_ops16.from_double (p, pb, 3);
  r0_ops16.from_double (g, gb, 3);
  r0_ops16.sgd (pb, gb, 3, 0.5);
  r0_ops16.to_double (pb, out, 3);
  ck_assert (out[0] == 1.0);
  ck_assert (out[1] == 1.0 + 0x1p-10);
  ck_assert (out[2] == 0x1p-23);
  r0_ops32.from_double (p, pb, 3);
  r0_ops32.from_double (g, gb, 3);
  r0_ops32.sgd (pb, gb, 3, 0.5);
  r0_ops32.to_double (pb, out, 3);
  ck_assert (out[0] == 1.0 + 0x1p-11);
  ck_assert (out[1] == 1.0 + 0x3p-12);
  ck_assert (out[2] == 0x1p-23 - 0x1p-25);
}
END_TEST

/* xoshiro256** after splitmix64: the first outputs for seeds 1 and 0,
   from an independent Python implementation of Vigna's reference code
   (its splitmix64(0) = 0xe220a8397b1dcdaf, the published value):
     python3: s = [splitmix64 outputs from seed]; r = rotl(s1*5, 7)*9; ... */
START_TEST (test_prng_reference_values)
{
  r0_rng r;
  r0_rng_seed (&r, 1);
  ck_assert (r0_rng_next (&r) == UINT64_C (0xb3f2af6d0fc710c5));
  ck_assert (r0_rng_next (&r) == UINT64_C (0x853b559647364cea));
  ck_assert (r0_rng_next (&r) == UINT64_C (0x92f89756082a4514));
  r0_rng_seed (&r, 0);
  ck_assert (r0_rng_next (&r) == UINT64_C (0x99ec5f36cb75f2b4));
  for (int i = 0; i < 1000; i++)
    {
      double u = r0_rng_uniform (&r);
      ck_assert (u >= 0 && u < 1);
      ck_assert_uint_lt (r0_rng_below (&r, 7), 7);
    }
}
END_TEST

START_TEST (test_synthetic_data)
{
  r0_data tr, te, tr2, te2;
  ck_assert_int_eq (r0_data_synth (5, 300, 100, &tr, &te), 0);
  ck_assert_int_eq (r0_data_synth (5, 300, 100, &tr2, &te2), 0);
  ck_assert_int_eq (tr.dim, 64);
  ck_assert_int_eq (memcmp (tr.x, tr2.x, 300 * 64), 0);
  ck_assert_int_eq (memcmp (te.y, te2.y, 100), 0);
  long zeros = 0, count[R0_NCLASS] = { 0 };
  for (int i = 0; i < 300 * 64; i++)
    zeros += tr.x[i] == 0;
  for (int i = 0; i < 300; i++)
    {
      ck_assert_uint_lt (tr.y[i], R0_NCLASS);
      count[tr.y[i]]++;
    }
  for (int k = 0; k < R0_NCLASS; k++)
    ck_assert_int_gt (count[k], 10);
  /* Glyphs cover about a fifth of the pixels; the noise is negative on
     half of the background: between a quarter and two thirds are 0. */
  ck_assert_int_gt (zeros, 300 * 64 / 4);
  ck_assert_int_lt (zeros, 300 * 64 * 2 / 3);
  r0_data_free (&tr);
  r0_data_free (&te);
  r0_data_free (&tr2);
  r0_data_free (&te2);
  r0_data_free (NULL);
}
END_TEST

/* ------------------------------------------------------------------ IDX */

static char idx_dir[256];

static void
put32 (FILE *f, uint32_t v)
{
  unsigned char b[4] = { (unsigned char) (v >> 24), (unsigned char) (v >> 16),
                         (unsigned char) (v >> 8), (unsigned char) v };
  fwrite (b, 1, 4, f);
}

/* Writes an image file (MAGIC, N, ROWS, COLS, then NBYTES bytes i % 251)
   and a label file (LMAGIC, NL, then NLBYTES labels i % 10, or LABEL_BAD
   at index 1 when >= 0). */
static void
write_idx (const char *img, const char *lab, uint32_t magic, uint32_t n, uint32_t rows,
           uint32_t cols, long nbytes, uint32_t lmagic, uint32_t nl, long nlbytes, int label_bad)
{
  FILE *f = fopen (img, "wb");
  ck_assert_ptr_nonnull (f);
  put32 (f, magic);
  put32 (f, n);
  put32 (f, rows);
  put32 (f, cols);
  for (long i = 0; i < nbytes; i++)
    putc ((int) (i % 251), f);
  fclose (f);
  f = fopen (lab, "wb");
  ck_assert_ptr_nonnull (f);
  put32 (f, lmagic);
  put32 (f, nl);
  for (long i = 0; i < nlbytes; i++)
    putc (i == 1 && label_bad >= 0 ? label_bad : (int) (i % 10), f);
  fclose (f);
}

static void
idx_setup (void)
{
  snprintf (idx_dir, sizeof idx_dir, "%s/ns-test-relu0-XXXXXX",
            getenv ("TMPDIR") && *getenv ("TMPDIR") ? getenv ("TMPDIR") : "/tmp");
  ck_assert_ptr_nonnull (mkdtemp (idx_dir));
}

static void
idx_teardown (void)
{
  char p[512];
  snprintf (p, sizeof p, "%s/img", idx_dir);
  remove (p);
  snprintf (p, sizeof p, "%s/lab", idx_dir);
  remove (p);
  rmdir (idx_dir);
}

START_TEST (test_idx_good)
{
  char img[512], lab[512], msg[256];
  snprintf (img, sizeof img, "%s/img", idx_dir);
  snprintf (lab, sizeof lab, "%s/lab", idx_dir);
  write_idx (img, lab, 0x803, 5, 2, 3, 5 * 6, 0x801, 5, 5, -1);
  r0_data d;
  ck_assert_int_eq (r0_idx_read (img, lab, 0, &d, msg, sizeof msg), R0_IDX_OK);
  ck_assert_int_eq (d.n, 5);
  ck_assert_int_eq (d.dim, 6);
  for (int i = 0; i < 30; i++)
    ck_assert_int_eq (d.x[i], i % 251);
  for (int i = 0; i < 5; i++)
    ck_assert_int_eq (d.y[i], i % 10);
  r0_data_free (&d);
  /* At most MAX examples. */
  ck_assert_int_eq (r0_idx_read (img, lab, 2, &d, msg, sizeof msg), R0_IDX_OK);
  ck_assert_int_eq (d.n, 2);
  r0_data_free (&d);
}
END_TEST

/* Malformed files: the code and a word of the message. */
static const struct {
  uint32_t magic, n, rows, cols;
  long nbytes;
  uint32_t lmagic, nl;
  long nlbytes;
  int label_bad;
  int code;
  const char *word;
} bad_idx[] = {
  { 0x803, 5, 2, 3, 29, 0x801, 5, 5, -1, R0_IDX_ESHORT, "truncated" },
  { 0x803, 5, 2, 3, 30, 0x801, 5, 4, -1, R0_IDX_ESHORT, "truncated" },
  { 0x08031, 5, 2, 3, 30, 0x801, 5, 5, -1, R0_IDX_EMAGIC, "magic" },
  { 0x803, 5, 2, 3, 30, 0x803, 5, 5, -1, R0_IDX_EMAGIC, "magic" },
  { 0x803, 0xffffffffu, 60000, 60000, 30, 0x801, 5, 5, -1, R0_IDX_EDIM, "out of range" },
  { 0x803, 5, 65536, 65536, 30, 0x801, 5, 5, -1, R0_IDX_EDIM, "out of range" },
  { 0x803, 0, 2, 3, 0, 0x801, 0, 0, -1, R0_IDX_EDIM, "out of range" },
  { 0x803, 5, 2, 3, 30, 0x801, 4, 4, -1, R0_IDX_EDIM, "labels for" },
  { 0x803, 5, 2, 3, 30, 0x801, 5, 5, 12, R0_IDX_ELABEL, "not a digit" },
};

START_TEST (test_idx_malformed)
{
  char img[512], lab[512], msg[256] = "";
  snprintf (img, sizeof img, "%s/img", idx_dir);
  snprintf (lab, sizeof lab, "%s/lab", idx_dir);
  write_idx (img, lab, bad_idx[_i].magic, bad_idx[_i].n, bad_idx[_i].rows, bad_idx[_i].cols,
             bad_idx[_i].nbytes, bad_idx[_i].lmagic, bad_idx[_i].nl, bad_idx[_i].nlbytes,
             bad_idx[_i].label_bad);
  r0_data d = { 1, 1, NULL, NULL };
  ck_assert_int_eq (r0_idx_read (img, lab, 0, &d, msg, sizeof msg), bad_idx[_i].code);
  ck_assert_msg (strstr (msg, bad_idx[_i].word) != NULL, "message '%s'", msg);
  ck_assert_ptr_null (d.x);
  ck_assert_int_eq (d.n, 0);
}
END_TEST

START_TEST (test_idx_missing_and_header_only)
{
  char img[512], lab[512], msg[256];
  snprintf (img, sizeof img, "%s/none", idx_dir);
  snprintf (lab, sizeof lab, "%s/none2", idx_dir);
  r0_data d;
  ck_assert_int_eq (r0_idx_read (img, lab, 0, &d, msg, sizeof msg), R0_IDX_EOPEN);
  ck_assert_ptr_nonnull (strstr (msg, "cannot open"));
  snprintf (img, sizeof img, "%s/img", idx_dir);
  snprintf (lab, sizeof lab, "%s/lab", idx_dir);
  FILE *f = fopen (img, "wb");
  put32 (f, 0x803);
  fclose (f);
  write_idx (img + 0, lab, 0x803, 1, 1, 1, 1, 0x801, 1, 1, -1);
  f = fopen (img, "wb");
  put32 (f, 0x803);
  put32 (f, 1);
  fclose (f);
  ck_assert_int_eq (r0_idx_read (img, lab, 0, &d, msg, sizeof msg), R0_IDX_ESHORT);
  ck_assert_ptr_nonnull (strstr (msg, "too short"));
}
END_TEST

/* ------------------------------------------------------------------ experiment */

static void
tiny_config (r0_config *c)
{
  r0_config_default (c);
  c->batches = 4;
  c->epochs = 2;
  c->seeds = 2;
  c->ntrain = 128;
  c->ntest = 40;
}

/* The work estimate of the default, counted by hand: parameters
   64*32 + 32 + 32*32 + 32 + 32*10 + 10 = 3466; precisions 16 + 1 + 1 = 18
   (binary16 weighs 16); 2 biases; examples 100 batches * 32 * 5 = 16000
   plus 2 values of relu'(0) * 3 seeds * 5 epochs * (1000 + 500) = 45000;
   3 * 3466 * 18 * 2 * 61000 = 22834008000.  A configuration of days (all
   options in range) is refused before any image is made. */
START_TEST (test_work_bound)
{
  r0_config c;
  r0_config_default (&c);
  ck_assert_double_eq (r0_work (&c, 64, c.ntrain, c.ntest), 22834008000.0);
  ck_assert (r0_work (&c, 64, c.ntrain, c.ntest) < R0_MAX_WORK);
  c.epochs = 1000;
  c.seeds = 100;
  r0_result r;
  char msg[256] = "";
  ck_assert_int_eq (r0_run (&c, &r, msg, sizeof msg), -1);
  ck_assert_ptr_nonnull (strstr (msg, "multiply-adds, more than"));
  ck_assert_int_eq (r.nbif, 0);
  r0_result_free (&r);
}
END_TEST

static char *
report (const r0_config *c, int json, size_t *len)
{
  r0_result r;
  char msg[256], *buf = NULL;
  ck_assert_int_eq (r0_run (c, &r, msg, sizeof msg), 0);
  FILE *f = open_memstream (&buf, len);
  ck_assert_ptr_nonnull (f);
  if (json)
    r0_print_json (f, c, &r);
  else
    r0_print_text (f, c, &r);
  fclose (f);
  r0_result_free (&r);
  return buf;
}

START_TEST (test_runs_are_reproducible)
{
  r0_config c;
  tiny_config (&c);
  size_t n1, n2, n3;
  char *a = report (&c, 1, &n1), *b = report (&c, 1, &n2);
  ck_assert_uint_eq (n1, n2);
  ck_assert_int_eq (memcmp (a, b, n1), 0);
  /* Another data seed gives other numbers: the comparison can fail. */
  c.data_seed = 99;
  char *d = report (&c, 1, &n3);
  ck_assert (n3 != n1 || memcmp (a, d, n1) != 0);
  free (a);
  free (b);
  free (d);
}
END_TEST

START_TEST (test_json_report)
{
  r0_config c;
  tiny_config (&c);
  size_t n;
  char *j = report (&c, 1, &n);
  ck_assert_msg (json_valid (j), "%s", j);
  ck_assert_ptr_nonnull (strstr (j, "\"bifurcation\": [{\"bits\": 16, \"bias_init\": 0, "
                                    "\"batches\": [{\"differ\": "));
  ck_assert_ptr_nonnull (strstr (j, "{\"bits\": 32, \"bias_init\": 0,"));
  ck_assert_ptr_nonnull (strstr (j, "{\"bits\": 64, \"bias_init\": 0,"));
  ck_assert_ptr_nonnull (strstr (j, "\"training\": [{\"bits\": 16, \"relu0\": 0, "
                                    "\"bias_init\": 0, \"seed\": 1, \"epochs\": [{\"epoch\": 1, "
                                    "\"loss\": "));
  ck_assert_ptr_nonnull (strstr (j, "{\"bits\": 64, \"relu0\": 1, \"bias_init\": 0.01, "
                                    "\"seed\": 2,"));
  ck_assert_ptr_null (strstr (j, "nan"));
  free (j);
  char *t = report (&c, 0, &n);
  ck_assert_ptr_nonnull (strstr (t, "Bifurcation: 4 mini-batches"));
  ck_assert_ptr_null (strstr (t, "nan"));
  free (t);
}
END_TEST

START_TEST (test_idx_errors_reach_the_caller)
{
  r0_config c;
  tiny_config (&c);
  c.idx_images = "/nonexistent/images";
  c.idx_labels = "/nonexistent/labels";
  r0_result r;
  char msg[256] = "";
  ck_assert_int_eq (r0_run (&c, &r, msg, sizeof msg), -1);
  ck_assert_ptr_nonnull (strstr (msg, "cannot open"));
  ck_assert_int_eq (r.nbif, 0);
  r0_result_free (&r);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("relu0");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_test (core, test_gradient_vs_finite_differences);
  tcase_add_test (core, test_relu0_at_exact_zeros);
  tcase_add_test (core, test_cancellation_is_counted);
  tcase_add_test (core, test_precisions_agree_with_binary64);
  tcase_add_test (core, test_binary16_rounds_each_operation);
  tcase_add_test (core, test_prng_reference_values);
  tcase_add_test (core, test_synthetic_data);
  suite_add_tcase (s, core);
  TCase *idx = tcase_create ("idx");
  tcase_add_checked_fixture (idx, idx_setup, idx_teardown);
  tcase_add_test (idx, test_idx_good);
  tcase_add_loop_test (idx, test_idx_malformed, 0, (int) (sizeof bad_idx / sizeof *bad_idx));
  tcase_add_test (idx, test_idx_missing_and_header_only);
  suite_add_tcase (s, idx);
  TCase *exp = tcase_create ("experiment");
  tcase_set_timeout (exp, 120);
  tcase_add_test (exp, test_runs_are_reproducible);
  tcase_add_test (exp, test_work_bound);
  tcase_add_test (exp, test_json_report);
  tcase_add_test (exp, test_idx_errors_reach_the_caller);
  suite_add_tcase (s, exp);
  return s;
}
