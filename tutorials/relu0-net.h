/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-net.h: the small fully connected ReLU network of the
   relu0 experiment (issue 18): softmax cross-entropy, backpropagation with
   relu'(0) = s as a parameter, plain mini-batch SGD, in binary16, binary32
   and binary64 from one generic source (relu0-net-generic.c, compiled three
   times); its data (seeded synthetic glyphs, MNIST's IDX files) and a
   seeded PRNG.  It only serves the programs, so it lives in tutorials/. */
#ifndef NONSMOOTH_RELU0_NET_H
#define NONSMOOTH_RELU0_NET_H

#include <stddef.h>
#include <stdint.h>

#define R0_MAX_LAYERS 4          /* weight layers, the output layer included */
#define R0_NCLASS 10

/* ------------------------------------------------------------------ PRNG */

/* xoshiro256** seeded through splitmix64 (Blackman and Vigna): the same
   stream on every machine, no rand (), no global state. */
typedef struct r0_rng {
  uint64_t s[4];
} r0_rng;

void r0_rng_seed (r0_rng *r, uint64_t seed);
uint64_t r0_rng_next (r0_rng *r);
/* A double uniform on [0, 1) from the 53 high bits. */
double r0_rng_uniform (r0_rng *r);
/* An integer uniform on 0..N-1 (N >= 1), by rejection (no modulo bias). */
uint32_t r0_rng_below (r0_rng *r, uint32_t n);

/* ------------------------------------------------------------------ data */

/* N examples of DIM bytes (pixels 0..255, read as byte/255) and a label
   0..9 each. */
typedef struct r0_data {
  int n, dim;
  unsigned char *x;    /* n * dim */
  unsigned char *y;    /* n */
} r0_data;

void r0_data_free (r0_data *d);

/* The synthetic set: ten digit glyphs of a 5x7 font, drawn in an 8x8
   image (dim 64) at a random shift of at most one pixel, with a random
   stroke intensity and noise that is clipped at 0, so that about half of
   the background pixels are exactly 0, as in MNIST.  NTRAIN and NTEST
   examples from SEED; 0 on success, -1 out of memory. */
int r0_data_synth (uint64_t seed, int ntrain, int ntest, r0_data *train, r0_data *test);

/* Error codes of r0_idx_read. */
enum { R0_IDX_OK = 0, R0_IDX_EOPEN, R0_IDX_EMAGIC, R0_IDX_ESHORT, R0_IDX_EDIM,
       R0_IDX_ELABEL, R0_IDX_ENOMEM };

/* Reads MNIST's IDX files: IMAGES with magic 0x00000803 (unsigned bytes,
   3 dimensions n, rows, cols) and LABELS with magic 0x00000801 (n labels
   0..9).  Both counts must agree; rows*cols at most 4096, n at most
   1000000; the files must hold all the bytes the header announces.  At
   most MAX examples are read.  On failure returns an R0_IDX_* code, writes
   a message to MSG and leaves OUT empty. */
int r0_idx_read (const char *images, const char *labels, int max, r0_data *out,
                 char *msg, size_t msgsize);

/* ------------------------------------------------------------------ network */

typedef struct r0_shape {
  int nlayer;                    /* weight layers, 1..R0_MAX_LAYERS */
  int width[R0_MAX_LAYERS + 1];  /* width[0] inputs, width[nlayer] = 10 */
} r0_shape;

/* The number of parameters: per layer the weights (out x in, row major)
   then the biases. */
size_t r0_nparam (const r0_shape *sh);
/* Initial parameters in binary64 from SEED: weights uniform on
   [-a, a], a = sqrt(6 / fan_in) (He et al.'s uniform), biases BIAS. */
void r0_init_params (const r0_shape *sh, uint64_t seed, double bias, double *p);

/* Exact-zero pre-activations met in one forward pass, by cause. */
typedef struct r0_zeros {
  long all_inputs;     /* every product w_ij x_j and the bias are zero */
  long cancellation;   /* some term is nonzero, the rounded sum is zero */
} r0_zeros;

/* One precision's arithmetic.  Parameters, inputs and gradients are
   arrays of the precision's type (2, 4 or 8 bytes each), handled through
   void pointers so the experiment can loop over precisions. */
typedef struct r0_ops {
  int bits;                      /* 16, 32, 64 */
  size_t size;                   /* sizeof the type */
  const char *name;              /* "binary16", ... */
  /* DST[i] = SRC[i] rounded to the precision (to nearest, ties to even). */
  void (*from_double) (const double *src, void *dst, size_t n);
  void (*to_double) (const void *src, double *dst, size_t n);
  /* The inputs of examples IDX[0..N-1] of D: byte/255 rounded, N x dim. */
  void (*load_batch) (const r0_data *d, const int *idx, int n, void *x, unsigned char *y);
  /* The bytes of scratch memory r0_grad and r0_eval need for N examples. */
  size_t (*work_size) (const r0_shape *sh, int n);
  /* The mean cross-entropy over the N examples of X, Y and its gradient
     G with respect to P, by backpropagation with relu'(0) = S (0 or 1 or
     any value in [0, 1], rounded to the precision).  Counts the exact-zero
     pre-activations into Z (may be NULL).  Returns the mean loss: each
     example's loss in the precision, summed in binary64 (a measurement
     that does not feed back into training). */
  double (*grad) (const r0_shape *sh, const void *p, const void *x, const unsigned char *y,
                  int n, double s, void *g, void *work, r0_zeros *z);
  /* The summed loss over the N examples (each in the precision, the sum
     in binary64) and the count of correct predictions (arg max, the first
     on ties) into *CORRECT. */
  double (*eval) (const r0_shape *sh, const void *p, const void *x, const unsigned char *y,
                  int n, void *work, int *correct);
  /* P -= LR * G, each product and difference rounded. */
  void (*sgd) (void *p, const void *g, size_t n, double lr);
} r0_ops;

extern const r0_ops r0_ops16, r0_ops32, r0_ops64;
/* The ops of BITS (16, 32 or 64), else NULL. */
const r0_ops *r0_ops_of (int bits);

#endif /* NONSMOOTH_RELU0_NET_H */
