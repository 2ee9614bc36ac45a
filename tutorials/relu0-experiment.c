/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-experiment.c: the relu0 experiment: the bifurcation
   count (gradients with relu'(0) = 0 and 1 on the same mini-batch,
   compared bit for bit), the exact-zero pre-activations by cause, and
   training curves per precision, relu'(0), initial bias and seed; its
   text and JSON reports and its gnuplot figures. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "relu0-experiment.h"

/* Seeds of the streams, so that the runs with relu'(0) = 0 and 1 (and in
   each precision) start from the same parameters and see the same
   mini-batches: only relu'(0) and the rounding differ. */
#define SEED_DATA 2026
#define SEED_BIF_PARAMS 0xb1f
#define SEED_BIF_ORDER 0xb1f0

void
r0_config_default (r0_config *c)
{
  memset (c, 0, sizeof *c);
  c->bits[0] = 16;
  c->bits[1] = 32;
  c->bits[2] = 64;
  c->nbits = 3;
  c->batches = 100;
  c->epochs = 5;
  c->seeds = 3;
  c->relu0[0] = 0;
  c->relu0[1] = 1;
  c->nrelu0 = 2;
  c->bias[0] = 0;
  c->bias[1] = 0.01;
  c->nbias = 2;
  c->batch_size = 32;
  c->lr = 0.1;
  c->ntrain = 1000;
  c->ntest = 500;
  c->data_seed = SEED_DATA;
  c->shape.nlayer = 3;
  c->shape.width[0] = 64;
  c->shape.width[1] = 32;
  c->shape.width[2] = 32;
  c->shape.width[3] = R0_NCLASS;
}

void
r0_result_free (r0_result *r)
{
  if (r == NULL)
    return;
  for (int i = 0; i < r->nbif; i++)
    {
      free (r->bif[i].init);
      free (r->bif[i].train);
    }
  free (r->bif);
  for (int i = 0; i < r->ntrain_runs; i++)
    free (r->train[i].epochs);
  free (r->train);
  memset (r, 0, sizeof *r);
}

/* Everything one precision's run needs, allocated once. */
typedef struct buffers {
  size_t np;
  double *pd;                  /* parameters in binary64 (initial values) */
  void *p, *g0, *g1, *x, *work;
  double *gd0, *gd1;
  unsigned char *y;
  int *idx;
} buffers;

static void
buffers_free (buffers *b)
{
  free (b->pd);
  free (b->p);
  free (b->g0);
  free (b->g1);
  free (b->x);
  free (b->work);
  free (b->gd0);
  free (b->gd1);
  free (b->y);
  free (b->idx);
  memset (b, 0, sizeof *b);
}

static int
buffers_alloc (buffers *b, const r0_ops *ops, const r0_shape *sh, int bs, int nidx)
{
  memset (b, 0, sizeof *b);
  b->np = r0_nparam (sh);
  b->pd = malloc (b->np * sizeof (double));
  b->p = malloc (b->np * ops->size);
  b->g0 = malloc (b->np * ops->size);
  b->g1 = malloc (b->np * ops->size);
  b->x = malloc ((size_t) bs * (size_t) sh->width[0] * ops->size);
  b->work = malloc (ops->work_size (sh, bs));
  b->gd0 = malloc (b->np * sizeof (double));
  b->gd1 = malloc (b->np * sizeof (double));
  b->y = malloc ((size_t) bs);
  b->idx = malloc ((size_t) nidx * sizeof (int));
  if (!b->pd || !b->p || !b->g0 || !b->g1 || !b->x || !b->work || !b->gd0 || !b->gd1 || !b->y
      || !b->idx)
    {
      buffers_free (b);
      return -1;
    }
  return 0;
}

/* Fisher-Yates on 0..N-1 from R. */
static void
shuffle (r0_rng *r, int *idx, int n)
{
  for (int i = 0; i < n; i++)
    idx[i] = i;
  for (int i = n - 1; i > 0; i--)
    {
      int j = (int) r0_rng_below (r, (uint32_t) i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
}

/* Both gradients on the batch in B->x, B->y; fills *OUT. */
static void
compare_batch (const r0_ops *ops, const r0_shape *sh, buffers *b, int bs, r0_batch *out)
{
  memset (out, 0, sizeof *out);
  ops->grad (sh, b->p, b->x, b->y, bs, 0.0, b->g0, b->work, &out->zeros);
  ops->grad (sh, b->p, b->x, b->y, bs, 1.0, b->g1, b->work, NULL);
  ops->to_double (b->g0, b->gd0, b->np);
  ops->to_double (b->g1, b->gd1, b->np);
  double d2 = 0, n2 = 0;
  for (size_t i = 0; i < b->np; i++)
    {
      /* Widening is exact, so comparing the doubles compares the values;
         -0 and +0 count as equal, a NaN as different. */
      if (!(b->gd0[i] == b->gd1[i]))
        out->differ = 1;
      double d = b->gd0[i] - b->gd1[i];
      d2 += d * d;
      n2 += b->gd0[i] * b->gd0[i];
    }
  out->diff_norm = sqrt (d2);
  out->grad_norm = sqrt (n2);
}

/* The batch of examples ORDER[K*BS ...] of D (cycling through ORDER). */
static void
load (const r0_ops *ops, const r0_data *d, const int *order, int norder, int k, int bs,
      buffers *b)
{
  int sel[4096];
  for (int e = 0; e < bs; e++)
    sel[e] = order[((size_t) k * (size_t) bs + (size_t) e) % (size_t) norder];
  ops->load_batch (d, sel, bs, b->x, b->y);
}

static int
run_bifurcation (const r0_config *c, const r0_ops *ops, double bias, const r0_data *train,
                 r0_bif *out)
{
  int M = c->batches, bs = c->batch_size;
  buffers b;
  out->bits = ops->bits;
  out->bias = bias;
  out->init = calloc ((size_t) M, sizeof (r0_batch));
  out->train = calloc ((size_t) M, sizeof (r0_batch));
  if (out->init == NULL || out->train == NULL
      || buffers_alloc (&b, ops, &c->shape, bs, train->n) != 0)
    return -1;
  r0_init_params (&c->shape, SEED_BIF_PARAMS, bias, b.pd);
  r0_rng r;
  r0_rng_seed (&r, SEED_BIF_ORDER);
  shuffle (&r, b.idx, train->n);
  int nd = 0;
  /* At the initial parameters: M different mini-batches. */
  ops->from_double (b.pd, b.p, b.np);
  for (int k = 0; k < M; k++)
    {
      load (ops, train, b.idx, train->n, k, bs, &b);
      compare_batch (ops, &c->shape, &b, bs, &out->init[k]);
      nd += out->init[k].differ;
    }
  out->init_proportion = (double) nd / M;
  /* Along training: the same batches, SGD with relu'(0) = 0. */
  nd = 0;
  for (int k = 0; k < M; k++)
    {
      load (ops, train, b.idx, train->n, k, bs, &b);
      compare_batch (ops, &c->shape, &b, bs, &out->train[k]);
      nd += out->train[k].differ;
      ops->sgd (b.p, b.g0, b.np, c->lr);
    }
  out->proportion = (double) nd / M;
  buffers_free (&b);
  return 0;
}

static int
run_training (const r0_config *c, const r0_ops *ops, double s, double bias, int seed,
              const r0_data *train, const r0_data *test, r0_train *out)
{
  int bs = c->batch_size;
  buffers b;
  out->bits = ops->bits;
  out->relu0 = s;
  out->bias = bias;
  out->seed = seed;
  out->epochs = calloc ((size_t) c->epochs, sizeof (r0_epoch));
  int ntmax = train->n > test->n ? train->n : test->n;
  if (out->epochs == NULL || buffers_alloc (&b, ops, &c->shape, bs, ntmax) != 0)
    return -1;
  r0_init_params (&c->shape, (uint64_t) seed, bias, b.pd);
  ops->from_double (b.pd, b.p, b.np);
  r0_rng r;
  r0_rng_seed (&r, (uint64_t) seed << 32 | 0x5eed);
  int steps = train->n / bs;
  for (int ep = 0; ep < c->epochs; ep++)
    {
      r0_epoch *e = &out->epochs[ep];
      shuffle (&r, b.idx, train->n);
      double sum = 0;
      r0_zeros z = { 0, 0 };
      for (int k = 0; k < steps; k++)
        {
          load (ops, train, b.idx, train->n, k, bs, &b);
          sum += ops->grad (&c->shape, b.p, b.x, b.y, bs, s, b.g0, b.work, &z);
          ops->sgd (b.p, b.g0, b.np, c->lr);
        }
      e->loss = sum / steps;
      e->zero_preacts = z.all_inputs + z.cancellation;
      /* The test set in chunks of BS (the last one shorter). */
      double tl = 0;
      int correct = 0;
      for (int i = 0; i < test->n; i += bs)
        {
          int n = test->n - i < bs ? test->n - i : bs, cc;
          for (int j = 0; j < n; j++)
            b.idx[j] = i + j;
          ops->load_batch (test, b.idx, n, b.x, b.y);
          tl += ops->eval (&c->shape, b.p, b.x, b.y, n, b.work, &cc);
          correct += cc;
        }
      e->test_loss = tl / test->n;
      e->test_accuracy = (double) correct / test->n;
    }
  buffers_free (&b);
  return 0;
}

double
r0_work (const r0_config *c, int dim, int ntrain, int ntest)
{
  r0_shape sh = c->shape;
  sh.width[0] = dim;
  double w = 0;
  for (int i = 0; i < c->nbits; i++)
    w += c->bits[i] == 16 ? 16 : 1;
  double examples = 5.0 * c->batches * c->batch_size
                    + (double) c->nrelu0 * c->seeds * c->epochs * ((double) ntrain + ntest);
  return 3.0 * (double) r0_nparam (&sh) * w * c->nbias * examples;
}

/* 0 if C's work is within R0_MAX_WORK, else -1 with a message. */
static int
check_work (const r0_config *c, int dim, int ntrain, int ntest, char *msg, size_t msgsize)
{
  double w = r0_work (c, dim, ntrain, ntest);
  if (w <= R0_MAX_WORK)
    return 0;
  snprintf (msg, msgsize, "this configuration asks for about %.1e multiply-adds, more than "
            "the %.0e (hours of CPU time) allowed: use fewer batches, epochs, seeds, examples, "
            "hidden units or precisions", w, R0_MAX_WORK);
  return -1;
}

int
r0_run (const r0_config *c0, r0_result *r, char *msg, size_t msgsize)
{
  r0_config c = *c0;
  memset (r, 0, sizeof *r);
  r0_data train = { 0 }, test = { 0 };
  for (int i = 0; i < c.nbits; i++)
    if (r0_ops_of (c.bits[i]) == NULL)
      {
        snprintf (msg, msgsize, "binary%d is not available: this compiler has no _Float16",
                  c.bits[i]);
        return -1;
      }
  if (c.batch_size < 1 || c.batch_size > 4096)
    {
      snprintf (msg, msgsize, "the batch size must be 1..4096");
      return -1;
    }
  if (c.idx_images != NULL)
    {
      r0_data all;
      int total = c.ntrain + c.ntest;
      if (r0_idx_read (c.idx_images, c.idx_labels, total, &all, msg, msgsize) != R0_IDX_OK)
        return -1;
      if (check_work (&c, all.dim, all.n, 0, msg, msgsize) != 0)
        {
          r0_data_free (&all);
          return -1;
        }
      /* The last fifth (at most NTEST) of what was read is the test set. */
      int nt = all.n / 5 < c.ntest ? all.n / 5 : c.ntest;
      if (all.n - nt < c.batch_size || nt < 1)
        {
          snprintf (msg, msgsize, "%s holds %d examples: too few for a batch of %d and a "
                    "test set", c.idx_images, all.n, c.batch_size);
          r0_data_free (&all);
          return -1;
        }
      train = all;
      train.n = all.n - nt;
      test.n = nt;
      test.dim = all.dim;
      test.x = malloc ((size_t) nt * (size_t) all.dim + 1);
      test.y = malloc ((size_t) nt + 1);
      if (test.x == NULL || test.y == NULL)
        {
          r0_data_free (&all);
          r0_data_free (&test);
          snprintf (msg, msgsize, "out of memory");
          return -1;
        }
      memcpy (test.x, all.x + (size_t) train.n * (size_t) all.dim, (size_t) nt * (size_t) all.dim);
      memcpy (test.y, all.y + train.n, (size_t) nt);
      snprintf (r->data, sizeof r->data, "IDX %.140s", c.idx_images);
    }
  else
    {
      /* Checked before the images are made: a million of them take time. */
      if (check_work (&c, 64, c.ntrain, c.ntest, msg, msgsize) != 0)
        return -1;
      if (r0_data_synth (c.data_seed, c.ntrain, c.ntest, &train, &test) != 0)
        {
          snprintf (msg, msgsize, "out of memory");
          return -1;
        }
      snprintf (r->data, sizeof r->data, "synthetic 8x8 glyphs, seed %llu",
                (unsigned long long) c.data_seed);
    }
  c.shape.width[0] = train.dim;
  r->ntrain = train.n;
  r->ntest = test.n;
  r->dim = train.dim;
  int rc = 0;
  r->bif = calloc ((size_t) (c.nbits * c.nbias), sizeof (r0_bif));
  r->train = calloc ((size_t) (c.nbits * c.nbias * c.nrelu0 * (c.seeds > 0 ? c.seeds : 1)),
                     sizeof (r0_train));
  if (r->bif == NULL || r->train == NULL)
    rc = -1;
  for (int ib = 0; rc == 0 && ib < c.nbias; ib++)
    for (int i = 0; rc == 0 && i < c.nbits; i++)
      rc = run_bifurcation (&c, r0_ops_of (c.bits[i]), c.bias[ib], &train, &r->bif[r->nbif++]);
  for (int ib = 0; rc == 0 && ib < c.nbias; ib++)
    for (int i = 0; rc == 0 && i < c.nbits; i++)
      for (int j = 0; rc == 0 && j < c.nrelu0; j++)
        for (int s = 1; rc == 0 && s <= c.seeds; s++)
          rc = run_training (&c, r0_ops_of (c.bits[i]), c.relu0[j], c.bias[ib], s, &train, &test,
                             &r->train[r->ntrain_runs++]);
  r0_data_free (&train);
  r0_data_free (&test);
  if (rc != 0)
    {
      r0_result_free (r);
      snprintf (msg, msgsize, "out of memory");
      return -1;
    }
  return 0;
}

/* ------------------------------------------------------------------ reports */

static void
json_num (FILE *out, double x)
{
  if (isfinite (x))
    fprintf (out, "%.17g", x);
  else
    fputs ("null", out);
}

/* A number of the text tables, or "-" when it is not finite (a run that
   diverged): no table prints "nan". */
static void
text_num (FILE *out, int width, int prec, int general, double x)
{
  if (isfinite (x) && general)
    fprintf (out, "%*.*g", width, prec, x);
  else if (isfinite (x))
    fprintf (out, "%*.*f", width, prec, x);
  else
    fprintf (out, "%*s", width, "-");
}

/* The mean and the sample standard deviation of V[0..N-1] (0 for N = 1). */
static void
mean_sd (const double *v, int n, double *mean, double *sd)
{
  double m = 0, s = 0;
  for (int i = 0; i < n; i++)
    m += v[i];
  m /= n;
  for (int i = 0; i < n; i++)
    s += (v[i] - m) * (v[i] - m);
  *mean = m;
  *sd = n > 1 ? sqrt (s / (n - 1)) : 0;
}

static void
batch_summary (const r0_batch *bt, int M, double *mean_diff, double *max_diff, double *all_in,
               double *cancel)
{
  double md = 0, mx = 0, a = 0, cz = 0;
  int nd = 0;
  for (int k = 0; k < M; k++)
    {
      if (bt[k].differ)
        {
          md += bt[k].diff_norm;
          nd++;
        }
      if (bt[k].diff_norm > mx || isnan (bt[k].diff_norm))
        mx = bt[k].diff_norm;
      a += (double) bt[k].zeros.all_inputs;
      cz += (double) bt[k].zeros.cancellation;
    }
  *mean_diff = nd ? md / nd : 0;
  *max_diff = mx;
  *all_in = a / M;
  *cancel = cz / M;
}

void
r0_print_text (FILE *out, const r0_config *c, const r0_result *r)
{
  fprintf (out, "Does relu'(0) matter?  Backpropagation with relu'(0) = 0 and = 1\n");
  fprintf (out, "data: %s, %d training and %d test examples of %d pixels\n", r->data, r->ntrain,
           r->ntest, r->dim);
  fprintf (out, "network: %d", r->dim);
  for (int l = 1; l <= c->shape.nlayer; l++)
    fprintf (out, "-%d", c->shape.width[l]);
  fprintf (out, " (ReLU, softmax cross-entropy), batch %d, plain SGD, step %g\n\n",
           c->batch_size, c->lr);

  fprintf (out, "Bifurcation: %d mini-batches; 'differ' = the two gradients differ in some\n"
                "component; |diff| = Euclidean norm of their difference (mean over the batches\n"
                "that differ, and max); zeros = exact-zero pre-activations per batch, by cause\n\n",
           c->batches);
  fprintf (out, "  bits  bias   phase  differ  proportion  mean |diff|   max |diff|  zeros: all-inputs  cancellation\n");
  for (int i = 0; i < r->nbif; i++)
    for (int ph = 0; ph < 2; ph++)
      {
        const r0_bif *b = &r->bif[i];
        const r0_batch *bt = ph == 0 ? b->init : b->train;
        double md, mx, a, cz;
        batch_summary (bt, c->batches, &md, &mx, &a, &cz);
        int nd = 0;
        for (int k = 0; k < c->batches; k++)
          nd += bt[k].differ;
        fprintf (out, "  %4d  %-5g  %6s  %6d  %10.3f  ", b->bits, b->bias,
                 ph == 0 ? "init" : "train", nd,
                 ph == 0 ? b->init_proportion : b->proportion);
        text_num (out, 11, 3, 1, md);
        fputs ("  ", out);
        text_num (out, 11, 3, 1, mx);
        fprintf (out, "  %17.2f  %12.2f\n", a, cz);
      }

  fprintf (out, "\nTraining: test accuracy per epoch, mean over seeds 1..%d (then the final\n"
                "accuracy and training loss as mean +- standard deviation)\n\n", c->seeds);
  fprintf (out, "  bits  bias   relu'(0) ");
  for (int e = 1; e <= c->epochs && e <= 10; e++)
    fprintf (out, "  ep%-3d", e);
  fprintf (out, "   final accuracy       final loss\n");
  int S = c->seeds;
  for (int i = 0; i + S <= r->ntrain_runs; i += S)
    {
      const r0_train *t = &r->train[i];
      fprintf (out, "  %4d  %-5g  %-9g", t->bits, t->bias, t->relu0);
      double v[1024], m, sd;
      for (int e = 0; e < c->epochs && e < 10; e++)
        {
          for (int s = 0; s < S && s < 1024; s++)
            v[s] = r->train[i + s].epochs[e].test_accuracy;
          mean_sd (v, S < 1024 ? S : 1024, &m, &sd);
          fputs ("  ", out);
          text_num (out, 5, 3, 0, m);
        }
      for (int s = 0; s < S && s < 1024; s++)
        v[s] = r->train[i + s].epochs[c->epochs - 1].test_accuracy;
      mean_sd (v, S < 1024 ? S : 1024, &m, &sd);
      fputs ("   ", out);
      text_num (out, 5, 3, 0, m);
      fputs (" +- ", out);
      text_num (out, 5, 3, 0, sd);
      for (int s = 0; s < S && s < 1024; s++)
        v[s] = r->train[i + s].epochs[c->epochs - 1].loss;
      mean_sd (v, S < 1024 ? S : 1024, &m, &sd);
      fputs ("   ", out);
      text_num (out, 6, 4, 0, m);
      fputs (" +- ", out);
      text_num (out, 6, 4, 0, sd);
      putc ('\n', out);
    }
}

static void
json_batches (FILE *out, const r0_batch *bt, int M)
{
  putc ('[', out);
  for (int k = 0; k < M; k++)
    {
      fprintf (out, "%s{\"differ\": %s, \"diff_norm\": ", k ? ", " : "",
               bt[k].differ ? "true" : "false");
      json_num (out, bt[k].diff_norm);
      fputs (", \"grad_norm\": ", out);
      json_num (out, bt[k].grad_norm);
      fprintf (out, ", \"zero_preacts\": %ld, \"zero_all_inputs\": %ld, "
                    "\"zero_cancellation\": %ld}",
               bt[k].zeros.all_inputs + bt[k].zeros.cancellation, bt[k].zeros.all_inputs,
               bt[k].zeros.cancellation);
    }
  putc (']', out);
}

void
r0_print_json (FILE *out, const r0_config *c, const r0_result *r)
{
  fputs ("{\"data\": {\"source\": ", out);
  /* The source is our own text or a file name: escape what JSON needs. */
  putc ('"', out);
  for (const char *p = r->data; *p; p++)
    {
      unsigned char ch = (unsigned char) *p;
      if (ch == '"' || ch == '\\')
        fprintf (out, "\\%c", ch);
      else if (ch < 0x20)
        fprintf (out, "\\u%04x", ch);
      else
        putc (ch, out);
    }
  fprintf (out, "\", \"train\": %d, \"test\": %d, \"dim\": %d}, \"network\": [", r->ntrain,
           r->ntest, r->dim);
  for (int l = 0; l <= c->shape.nlayer; l++)
    fprintf (out, "%s%d", l ? ", " : "", l == 0 ? r->dim : c->shape.width[l]);
  fprintf (out, "], \"batch_size\": %d, \"lr\": ", c->batch_size);
  json_num (out, c->lr);
  fputs (", \"bifurcation\": [", out);
  for (int i = 0; i < r->nbif; i++)
    {
      const r0_bif *b = &r->bif[i];
      fprintf (out, "%s{\"bits\": %d, \"bias_init\": ", i ? ", " : "", b->bits);
      json_num (out, b->bias);
      fputs (", \"batches\": ", out);
      json_batches (out, b->train, c->batches);
      fputs (", \"proportion\": ", out);
      json_num (out, b->proportion);
      fputs (", \"init_batches\": ", out);
      json_batches (out, b->init, c->batches);
      fputs (", \"init_proportion\": ", out);
      json_num (out, b->init_proportion);
      putc ('}', out);
    }
  fputs ("], \"training\": [", out);
  for (int i = 0; i < r->ntrain_runs; i++)
    {
      const r0_train *t = &r->train[i];
      fprintf (out, "%s{\"bits\": %d, \"relu0\": ", i ? ", " : "", t->bits);
      json_num (out, t->relu0);
      fputs (", \"bias_init\": ", out);
      json_num (out, t->bias);
      fprintf (out, ", \"seed\": %d, \"epochs\": [", t->seed);
      for (int e = 0; e < c->epochs; e++)
        {
          fprintf (out, "%s{\"epoch\": %d, \"loss\": ", e ? ", " : "", e + 1);
          json_num (out, t->epochs[e].loss);
          fputs (", \"test_loss\": ", out);
          json_num (out, t->epochs[e].test_loss);
          fputs (", \"test_accuracy\": ", out);
          json_num (out, t->epochs[e].test_accuracy);
          fprintf (out, ", \"zero_preacts\": %ld}", t->epochs[e].zero_preacts);
        }
      fputs ("]}", out);
    }
  fputs ("]}\n", out);
}

/* ------------------------------------------------------------------ figures */

int
r0_write_plot (const r0_config *c, const r0_result *r, const char *terminal, const char *outstem,
               const char *data_path, const char *script_path)
{
  FILE *d = fopen (data_path, "w");
  if (d == NULL)
    return -1;
  /* Block 0: bits, init proportion, train proportion, per initial bias. */
  for (int ib = 0; ib < c->nbias; ib++)
    {
      fprintf (d, "# bias %g: bits init_proportion train_proportion\n", c->bias[ib]);
      for (int i = 0; i < r->nbif; i++)
        if (r->bif[i].bias == c->bias[ib])
          fprintf (d, "%d %.6f %.6f\n", r->bif[i].bits, r->bif[i].init_proportion,
                   r->bif[i].proportion);
      fputs ("\n\n", d);
    }
  /* Then one block per (bits, bias, relu0): epoch, mean test accuracy. */
  int S = c->seeds, nblock = 0;
  for (int i = 0; i + S <= r->ntrain_runs; i += S, nblock++)
    {
      fprintf (d, "# bits %d bias %g relu0 %g: epoch mean_test_accuracy\n", r->train[i].bits,
               r->train[i].bias, r->train[i].relu0);
      for (int e = 0; e < c->epochs; e++)
        {
          double m = 0;
          for (int s = 0; s < S; s++)
            m += r->train[i + s].epochs[e].test_accuracy;
          fprintf (d, "%d %.6f\n", e + 1, m / S);
        }
      fputs ("\n\n", d);
    }
  int ok = fclose (d) == 0;
  FILE *g = fopen (script_path, "w");
  if (g == NULL)
    return -1;
  int dumb = strcmp (terminal, "dumb") == 0;
  const char *ext = strcmp (terminal, "png") == 0 ? "png" : "svg";
  fputs ("# The relu0 experiment's figures (nonsmooth relu0 --plot).\n", g);
  if (dumb)
    fputs ("set terminal dumb size 79,24\n", g);
  else if (strcmp (terminal, "png") == 0)
    fputs ("set terminal pngcairo size 800,500\n", g);
  else
    fputs ("set terminal svg size 800,500\n", g);
  if (!dumb)
    fprintf (g, "set output '%s-proportion.%s'\n", outstem, ext);
  fputs ("set title \"Mini-batches where relu'(0) = 0 and = 1 give different gradients\"\n"
         "set xlabel 'bits'\nset ylabel 'proportion'\nset xrange [8:72]\n"
         "set xtics (16, 32, 64)\nset yrange [-0.05:1.05]\nset key top right\n", g);
  fputs ("plot ", g);
  for (int ib = 0; ib < c->nbias; ib++)
    fprintf (g, "%s'%s' index %d using 1:2 with linespoints title 'init, bias %g', "
                "'' index %d using 1:3 with linespoints title 'training, bias %g'",
             ib ? ", " : "", data_path, ib, c->bias[ib], ib, c->bias[ib]);
  fputs ("\n", g);
  if (!dumb)
    fprintf (g, "set output '%s-accuracy.%s'\n", outstem, ext);
  fputs ("set title 'Mean test accuracy per epoch (initial bias 0)'\n"
         "set xlabel 'epoch'\nset ylabel 'accuracy'\nset autoscale\nset xtics autofreq\n"
         "set yrange [0:1]\nset key bottom right\nplot ", g);
  int first = 1;
  for (int b = 0, i = 0; i + S <= r->ntrain_runs; i += S, b++)
    if (r->train[i].bias == c->bias[0])
      {
        fprintf (g, "%s'%s' index %d using 1:2 with linespoints title '%d bits, relu''(0) = %g'",
                 first ? "" : ", ", data_path, c->nbias + b, r->train[i].bits,
                 r->train[i].relu0);
        first = 0;
      }
  fputs ("\n", g);
  return fclose (g) == 0 && ok ? 0 : -1;
}
