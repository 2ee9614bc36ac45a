/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-data.c: what the relu0 network needs besides its
   arithmetic: the seeded PRNG, the initial parameters, the synthetic
   glyph images and the reader of MNIST's IDX files. */
#include <config.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "relu0-net.h"

/* ------------------------------------------------------------------ PRNG */

static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += UINT64_C (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
r0_rng_seed (r0_rng *r, uint64_t seed)
{
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t
r0_rng_next (r0_rng *r)
{
  uint64_t *s = r->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
r0_rng_uniform (r0_rng *r)
{
  return (double) (r0_rng_next (r) >> 11) * 0x1.0p-53;
}

uint32_t
r0_rng_below (r0_rng *r, uint32_t n)
{
  /* Reject the top partial block of 2^32 so each value is equally likely. */
  uint32_t limit = UINT32_MAX - UINT32_MAX % n;
  for (;;)
    {
      uint32_t v = (uint32_t) (r0_rng_next (r) >> 32);
      if (v < limit)
        return v % n;
    }
}

/* ------------------------------------------------------------------ network shape */

size_t
r0_nparam (const r0_shape *sh)
{
  size_t n = 0;
  for (int l = 1; l <= sh->nlayer; l++)
    n += (size_t) sh->width[l - 1] * (size_t) sh->width[l] + (size_t) sh->width[l];
  return n;
}

void
r0_init_params (const r0_shape *sh, uint64_t seed, double bias, double *p)
{
  r0_rng r;
  r0_rng_seed (&r, seed);
  for (int l = 1; l <= sh->nlayer; l++)
    {
      int ni = sh->width[l - 1], no = sh->width[l];
      /* sqrt is correctly rounded (IEEE 754), so a is the same everywhere. */
      double a = sqrt (6.0 / ni);
      for (size_t i = 0; i < (size_t) ni * (size_t) no; i++)
        *p++ = a * (2.0 * r0_rng_uniform (&r) - 1.0);
      for (int j = 0; j < no; j++)
        *p++ = bias;
    }
}

const r0_ops *
r0_ops_of (int bits)
{
  switch (bits)
    {
#ifdef __FLT16_MANT_DIG__
    case 16: return &r0_ops16;
#endif
    case 32: return &r0_ops32;
    case 64: return &r0_ops64;
    default: return NULL;
    }
}

/* ------------------------------------------------------------------ data */

void
r0_data_free (r0_data *d)
{
  if (d == NULL)
    return;
  free (d->x);
  free (d->y);
  d->x = NULL;
  d->y = NULL;
  d->n = 0;
}

static int
data_alloc (r0_data *d, int n, int dim)
{
  d->n = n;
  d->dim = dim;
  d->x = malloc ((size_t) n * (size_t) dim + 1);
  d->y = malloc ((size_t) n + 1);
  if (d->x == NULL || d->y == NULL)
    {
      r0_data_free (d);
      return -1;
    }
  return 0;
}

/* The digits 0..9 in a 5x7 font, one string of 7 rows of 5 per glyph. */
static const char *const glyphs[R0_NCLASS] = {
  ".###.#...##..###.#.###..##...#.###.",
  "..#...##....#....#....#....#...###.",
  ".###.#...#....#...#...#...#...#####",
  "#####...#...#.....#.....##...#.###.",
  "...#...##..#.#.#..#.#####...#....#.",
  "######....####.....#....##...#.###.",
  "..##..#...#....####.#...##...#.###.",
  "#####....#...#...#...#....#....#...",
  ".###.#...##...#.###.#...##...#.###.",
  ".###.#...##...#.####....#...#..##..",
};

/* An approximately standard normal deviate from four uniforms
   (Irwin-Hall: variance 4/12, rescaled): no libm call, so the images are
   the same bytes on every machine. */
static double
noise (r0_rng *r)
{
  double s = r0_rng_uniform (r) + r0_rng_uniform (r) + r0_rng_uniform (r)
             + r0_rng_uniform (r) - 2.0;
  return s * 1.7320508075688772;   /* sqrt(3) = 1/sqrt(4/12) */
}

static void
draw (r0_rng *r, int label, unsigned char *px)
{
  int dx = (int) r0_rng_below (r, 4), dy = (int) r0_rng_below (r, 2);   /* 8-5+1, 8-7+1 */
  double ink = 0.6 + 0.4 * r0_rng_uniform (r);
  for (int row = 0; row < 8; row++)
    for (int col = 0; col < 8; col++)
      {
        int gr = row - dy, gc = col - dx;
        double v = 0;
        if (gr >= 0 && gr < 7 && gc >= 0 && gc < 5 && glyphs[label][gr * 5 + gc] == '#')
          v = ink;
        /* Noise of standard deviation 0.15, clipped to [0, 1]: the
           background is exactly 0 where the noise is negative. */
        v += 0.15 * noise (r);
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        px[row * 8 + col] = (unsigned char) (v * 255.0 + 0.5);
      }
}

int
r0_data_synth (uint64_t seed, int ntrain, int ntest, r0_data *train, r0_data *test)
{
  memset (train, 0, sizeof *train);
  memset (test, 0, sizeof *test);
  if (data_alloc (train, ntrain, 64) != 0 || data_alloc (test, ntest, 64) != 0)
    {
      r0_data_free (train);
      return -1;
    }
  r0_rng r;
  r0_rng_seed (&r, seed);
  for (int i = 0; i < ntrain + ntest; i++)
    {
      r0_data *d = i < ntrain ? train : test;
      int k = i < ntrain ? i : i - ntrain;
      int label = (int) r0_rng_below (&r, R0_NCLASS);
      d->y[k] = (unsigned char) label;
      draw (&r, label, d->x + (size_t) k * 64);
    }
  return 0;
}

/* ------------------------------------------------------------------ IDX */

static int
read_be32 (FILE *f, uint32_t *v)
{
  unsigned char b[4];
  if (fread (b, 1, 4, f) != 4)
    return -1;
  *v = (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
  return 0;
}

#define IDX_MAX_N 1000000u
#define IDX_MAX_DIM 4096u

int
r0_idx_read (const char *images, const char *labels, int max, r0_data *out, char *msg,
             size_t msgsize)
{
  memset (out, 0, sizeof *out);
  FILE *fi = fopen (images, "rb"), *fl = fopen (labels, "rb");
  int code = R0_IDX_OK;
  uint32_t magic, n = 0, rows = 0, cols = 0, nl = 0;
  if (fi == NULL || fl == NULL)
    {
      snprintf (msg, msgsize, "cannot open %s: %s", fi == NULL ? images : labels,
                strerror (errno));
      code = R0_IDX_EOPEN;
      goto done;
    }
  if (read_be32 (fi, &magic) != 0 || read_be32 (fi, &n) != 0 || read_be32 (fi, &rows) != 0
      || read_be32 (fi, &cols) != 0)
    {
      snprintf (msg, msgsize, "%s: too short for an IDX header", images);
      code = R0_IDX_ESHORT;
      goto done;
    }
  if (magic != 0x00000803u)
    {
      snprintf (msg, msgsize, "%s: not an IDX file of unsigned-byte images (magic 0x%08x, "
                "expected 0x00000803)", images, (unsigned) magic);
      code = R0_IDX_EMAGIC;
      goto done;
    }
  if (n == 0 || n > IDX_MAX_N || rows == 0 || cols == 0 || rows > IDX_MAX_DIM
      || cols > IDX_MAX_DIM || rows * cols > IDX_MAX_DIM)
    {
      snprintf (msg, msgsize, "%s: dimensions %u x %u x %u out of range (at most %u images "
                "of at most %u pixels)", images, (unsigned) n, (unsigned) rows, (unsigned) cols,
                IDX_MAX_N, IDX_MAX_DIM);
      code = R0_IDX_EDIM;
      goto done;
    }
  if (read_be32 (fl, &magic) != 0 || read_be32 (fl, &nl) != 0)
    {
      snprintf (msg, msgsize, "%s: too short for an IDX header", labels);
      code = R0_IDX_ESHORT;
      goto done;
    }
  if (magic != 0x00000801u)
    {
      snprintf (msg, msgsize, "%s: not an IDX file of unsigned-byte labels (magic 0x%08x, "
                "expected 0x00000801)", labels, (unsigned) magic);
      code = R0_IDX_EMAGIC;
      goto done;
    }
  if (nl != n)
    {
      snprintf (msg, msgsize, "%s holds %u labels for %u images", labels, (unsigned) nl,
                (unsigned) n);
      code = R0_IDX_EDIM;
      goto done;
    }
  int take = max > 0 && (uint32_t) max < n ? max : (int) n;
  if (data_alloc (out, take, (int) (rows * cols)) != 0)
    {
      snprintf (msg, msgsize, "out of memory for %d images", take);
      code = R0_IDX_ENOMEM;
      goto done;
    }
  if (fread (out->x, 1, (size_t) take * rows * cols, fi) != (size_t) take * rows * cols
      || fread (out->y, 1, (size_t) take, fl) != (size_t) take)
    {
      snprintf (msg, msgsize, "%s or %s is truncated: the header announces %u examples",
                images, labels, (unsigned) n);
      code = R0_IDX_ESHORT;
      goto done;
    }
  for (int i = 0; i < take; i++)
    if (out->y[i] >= R0_NCLASS)
      {
        snprintf (msg, msgsize, "%s: label %d of example %d is not a digit 0..9", labels,
                  out->y[i], i);
        code = R0_IDX_ELABEL;
        goto done;
      }
done:
  if (fi)
    fclose (fi);
  if (fl)
    fclose (fl);
  if (code != R0_IDX_OK)
    r0_data_free (out);
  return code;
}
