/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-experiment.h: the relu0 experiment (issue 18) as one
   call: does relu'(0) change backpropagation and training, in binary16,
   binary32 and binary64?  r0_run measures; r0_print_text and
   r0_print_json report.  `nonsmooth relu0' and section 5.4 of the
   tutorial call these. */
#ifndef NONSMOOTH_RELU0_EXPERIMENT_H
#define NONSMOOTH_RELU0_EXPERIMENT_H

#include <stdio.h>
#include "relu0-net.h"

#define R0_MAX_RELU0 8
#define R0_MAX_BIAS 2

typedef struct r0_config {
  int bits[3];                 /* the precisions, 16/32/64 */
  int nbits;
  int batches;                 /* M: mini-batches of the bifurcation count */
  int epochs;                  /* E */
  int seeds;                   /* S: training seeds 1..S */
  double relu0[R0_MAX_RELU0];  /* the values of relu'(0) trained with */
  int nrelu0;
  double bias[R0_MAX_BIAS];    /* initial biases: 0 and a small one */
  int nbias;
  int batch_size;
  double lr;
  int ntrain, ntest;           /* examples (synthetic; at most, from IDX) */
  uint64_t data_seed;          /* the synthetic images */
  r0_shape shape;              /* width[0] is set from the data */
  const char *idx_images, *idx_labels;   /* NULL: the synthetic set */
} r0_config;

/* One mini-batch of the bifurcation count: the gradients with relu'(0) = 0
   and relu'(0) = 1 on the same parameters and examples. */
typedef struct r0_batch {
  int differ;                  /* some component differs (-0 == +0) */
  double diff_norm;            /* Euclidean norm of the difference, in binary64 */
  double grad_norm;            /* norm of the relu'(0) = 0 gradient */
  r0_zeros zeros;              /* exact-zero pre-activations in the batch */
} r0_batch;

typedef struct r0_bif {
  int bits;
  double bias;
  r0_batch *init;              /* M batches at the initial parameters */
  r0_batch *train;             /* M steps of SGD with relu'(0) = 0 (step 0 = init) */
  double init_proportion, proportion;
} r0_bif;

typedef struct r0_epoch {
  double loss;                 /* mean training loss over the epoch's batches */
  double test_loss, test_accuracy;
  long zero_preacts;           /* exact zeros met in the epoch's forward passes */
} r0_epoch;

typedef struct r0_train {
  int bits;
  double relu0, bias;
  int seed;
  r0_epoch *epochs;            /* E of them */
} r0_train;

typedef struct r0_result {
  r0_bif *bif;
  int nbif;
  r0_train *train;
  int ntrain_runs;
  int ntrain, ntest, dim;      /* the data used */
  char data[160];              /* "synthetic 8x8 glyphs, seed 2026" or the IDX file */
} r0_result;

/* The default configuration (the one the tutorial shows). */
void r0_config_default (r0_config *c);

/* The work a configuration asks for, in multiply-adds, estimated as 3
   times the parameters per example and pass (forward and backward), the
   examples being M batches five times (two gradients at init, two and a
   step along training) and every training run's epochs over the training
   and test sets; binary16 counts 16 times (its rounding is emulated).  DIM
   is the number of inputs, NTRAIN and NTEST the examples. */
double r0_work (const r0_config *c, int dim, int ntrain, int ntest);
/* r0_run refuses a configuration whose r0_work exceeds this: about four
   hours of one core of an x86-64 machine of 2026 (the default is 2.3e10,
   12 s), so that no option can make the program run for days. */
#define R0_MAX_WORK 3e13

/* Runs the experiment of C into R.  Returns 0, or -1 with a message in
   MSG (IDX file errors, out of memory, a precision not compiled in, work
   above R0_MAX_WORK); R is then empty.  r0_result_free frees R (also when empty). */
int r0_run (const r0_config *c, r0_result *r, char *msg, size_t msgsize);
void r0_result_free (r0_result *r);

/* The tables of `nonsmooth relu0' (what section 5.4 of the tutorial can
   print), and the JSON report on one line with every per-batch and
   per-epoch number; numbers that are not finite print as "-" and null. */
void r0_print_text (FILE *out, const r0_config *c, const r0_result *r);
void r0_print_json (FILE *out, const r0_config *c, const r0_result *r);
/* gnuplot data and script for the two figures: the bifurcation proportion
   by precision and the mean test accuracy per epoch.  TERMINAL is "dumb",
   "png" or "svg"; OUTSTEM the figures' stem (STEM-proportion.EXT,
   STEM-accuracy.EXT; ignored for dumb); the data goes to DATA_PATH.
   Returns 0, -1 when a file cannot be written. */
int r0_write_plot (const r0_config *c, const r0_result *r, const char *terminal,
                   const char *outstem, const char *data_path, const char *script_path);

#endif /* NONSMOOTH_RELU0_EXPERIMENT_H */
