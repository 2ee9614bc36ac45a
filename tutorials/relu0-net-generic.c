/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-net-generic.c: the relu0 network in one floating type,
   included by relu0-net16.c, relu0-net32.c and relu0-net64.c after they
   define R0_REAL (the type), R0_BITS, R0_TYPENAME and R0_NAME (a suffix
   for the names of the static functions).  Every arithmetic operation goes through the macros
   below, so that binary16 rounds after each one.

   binary16.  GCC 12 on x86-64 (without AVX512-FP16) evaluates _Float16
   arithmetic in float and, under -std=c11 (-fexcess-precision=standard),
   keeps the excess precision inside an expression: (a + b) + c rounds
   once, not twice; -fexcess-precision=16 rounds each operation but is a
   compiler flag we do not want the result to depend on.  So each
   operation is written out: the operands are widened to float, the
   operation is done in float and the result rounded to binary16 (round
   to nearest even; relu0-net16.c).  For + - * / the float result
   rounded to binary16 is the correctly rounded binary16 result: float has
   24 >= 2*11 + 2 bits, so the double rounding is innocuous (Figueroa, "When
   is double rounding innocuous?", 1995); a product of two binary16 numbers
   is even exact in float.  exp and log are expf and logf rounded to
   binary16: faithful, not always correctly rounded.  Sums are sequential,
   one rounding per addition, as a naive dot product does.

   binary32 and binary64: x86-64 evaluates float and double in their own
   precision (FLT_EVAL_METHOD 0) and -std=c11 turns off the contraction of
   a*b + c into a fused multiply-add, so each operation rounds once; the
   casts in the macros make this so on any C11 compiler in standard mode. */

#include <math.h>
#include <string.h>

#if R0_BITS == 16
/* relu0-net16.c defines r0_widen (exact) and r0_narrow (round to nearest
   even), bit manipulations that give the same results as GCC's casts and
   run about four times faster than its library calls (10^8 round trips
   float -> binary16 -> float: 0.32 s against 1.32 s at -O2). */
typedef float r0_wide;
#define WIDE(a) r0_widen (a)
#define R0_ROUND(v) r0_narrow (v)
#define R0_EXPW expf
#define R0_LOGW logf
#elif R0_BITS == 32
typedef float r0_wide;
#define WIDE(a) ((r0_wide) (a))
#define R0_ROUND(v) ((R0_REAL) (v))
#define R0_EXPW expf
#define R0_LOGW logf
#else
typedef double r0_wide;
#define WIDE(a) ((r0_wide) (a))
#define R0_ROUND(v) ((R0_REAL) (v))
#define R0_EXPW exp
#define R0_LOGW log
#endif
#define ADD(a, b) R0_ROUND (WIDE (a) + WIDE (b))
#define SUB(a, b) R0_ROUND (WIDE (a) - WIDE (b))
#define MUL(a, b) R0_ROUND (WIDE (a) * WIDE (b))
#define DIV(a, b) R0_ROUND (WIDE (a) / WIDE (b))
#define R0_EXP(a) R0_ROUND (R0_EXPW (WIDE (a)))
#define R0_LOG(a) R0_ROUND (R0_LOGW (WIDE (a)))

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2 (a, b)
#define FN(name) CAT (name, R0_NAME)

static void
FN (from_double_) (const double *src, void *dst, size_t n)
{
  R0_REAL *d = dst;
  for (size_t i = 0; i < n; i++)
    d[i] = (R0_REAL) src[i];
}

static void
FN (to_double_) (const void *src, double *dst, size_t n)
{
  const R0_REAL *s = src;
  for (size_t i = 0; i < n; i++)
    dst[i] = (double) s[i];
}

static void
FN (load_batch_) (const r0_data *d, const int *idx, int n, void *x, unsigned char *y)
{
  R0_REAL *xr = x;
  for (int e = 0; e < n; e++)
    {
      const unsigned char *px = d->x + (size_t) idx[e] * (size_t) d->dim;
      /* byte/255 in binary64 (correctly rounded), then rounded once more
         to the precision: what a framework's ToTensor does in float. */
      for (int i = 0; i < d->dim; i++)
        xr[(size_t) e * (size_t) d->dim + (size_t) i] = (R0_REAL) (px[i] / 255.0);
      y[e] = d->y[idx[e]];
    }
}

/* The layout of the scratch memory: per layer l = 1..L the pre-activations
   z_l (n x width[l]) and for hidden layers the activations a_l; then two
   delta buffers of n x (the largest width). */
static size_t
FN (work_count_) (const r0_shape *sh, int n)
{
  size_t c = 0, wmax = 0;
  for (int l = 1; l <= sh->nlayer; l++)
    {
      c += 2 * (size_t) n * (size_t) sh->width[l];
      if ((size_t) sh->width[l] > wmax)
        wmax = (size_t) sh->width[l];
    }
  for (int l = 0; l <= sh->nlayer; l++)
    if ((size_t) sh->width[l] > wmax)
      wmax = (size_t) sh->width[l];
  return c + 2 * (size_t) n * wmax;
}

static size_t
FN (work_size_) (const r0_shape *sh, int n)
{
  return FN (work_count_) (sh, n) * sizeof (R0_REAL);
}

/* Forward pass of N examples: fills z_l and a_l in WORK; counts the
   exact-zero pre-activations of the hidden layers into Z.  Returns a
   pointer to the logits (n x 10). */
static R0_REAL *
FN (forward_) (const r0_shape *sh, const R0_REAL *p, const R0_REAL *x, int n, R0_REAL *work,
               r0_zeros *z)
{
  const R0_REAL *in = x;
  R0_REAL *zl = work;
  for (int l = 1; l <= sh->nlayer; l++)
    {
      int ni = sh->width[l - 1], no = sh->width[l];
      const R0_REAL *w = p, *b = p + (size_t) ni * (size_t) no;
      R0_REAL *al = zl + (size_t) n * (size_t) no;
      for (int e = 0; e < n; e++)
        {
          const R0_REAL *ie = in + (size_t) e * (size_t) ni;
          for (int j = 0; j < no; j++)
            {
              const R0_REAL *wj = w + (size_t) j * (size_t) ni;
              /* The products first, in order, then the bias, as a
                 matrix product followed by a bias addition does. */
              R0_REAL acc = 0;
              int nonzero_term = b[j] != 0;
              for (int i = 0; i < ni; i++)
                {
                  acc = ADD (acc, MUL (wj[i], ie[i]));
                  nonzero_term |= wj[i] != 0 && ie[i] != 0;
                }
              acc = ADD (acc, b[j]);
              zl[(size_t) e * (size_t) no + (size_t) j] = acc;
              if (l < sh->nlayer)
                {
                  al[(size_t) e * (size_t) no + (size_t) j] = acc > 0 ? acc : (R0_REAL) 0;
                  if (acc == 0 && z != NULL)
                    {
                      if (nonzero_term)
                        z->cancellation++;
                      else
                        z->all_inputs++;
                    }
                }
            }
        }
      in = al;
      p = b + no;
      zl = al + (size_t) n * (size_t) no;
    }
  /* The logits are the last z (its a half is unused). */
  return zl - 2 * (size_t) n * (size_t) sh->width[sh->nlayer];
}

/* The softmax of logits Z (10 of them) into P and the cross-entropy
   -log p_y = log(sum exp(z_k - m)) - (z_y - m), m = max z. */
static R0_REAL
FN (softmax_) (const R0_REAL *zv, int y, R0_REAL *pv)
{
  R0_REAL m = zv[0];
  for (int k = 1; k < R0_NCLASS; k++)
    if (zv[k] > m)
      m = zv[k];
  R0_REAL sum = 0;
  for (int k = 0; k < R0_NCLASS; k++)
    {
      pv[k] = R0_EXP (SUB (zv[k], m));
      sum = ADD (sum, pv[k]);
    }
  for (int k = 0; k < R0_NCLASS; k++)
    pv[k] = DIV (pv[k], sum);
  return SUB (R0_LOG (sum), SUB (zv[y], m));
}

static double
FN (grad_) (const r0_shape *sh, const void *pv, const void *xv, const unsigned char *y, int n,
            double s, void *gv, void *workv, r0_zeros *z)
{
  const R0_REAL *p = pv, *x = xv;
  R0_REAL *g = gv, *work = workv;
  int L = sh->nlayer;
  R0_REAL *logits = FN (forward_) (sh, p, x, n, work, z);
  size_t wmax = 0;
  for (int l = 0; l <= L; l++)
    if ((size_t) sh->width[l] > wmax)
      wmax = (size_t) sh->width[l];
  R0_REAL *delta = work + FN (work_count_) (sh, n) - 2 * (size_t) n * wmax;
  R0_REAL *dprev = delta + (size_t) n * wmax;
  R0_REAL rn = (R0_REAL) n, rs = (R0_REAL) s;

  /* Output layer: delta = (softmax - onehot) / n, the gradient of the
     mean loss with respect to the logits. */
  double loss = 0;
  for (int e = 0; e < n; e++)
    {
      R0_REAL pr[R0_NCLASS];
      loss += (double) FN (softmax_) (logits + (size_t) e * R0_NCLASS, y[e], pr);
      for (int k = 0; k < R0_NCLASS; k++)
        delta[(size_t) e * R0_NCLASS + (size_t) k]
          = DIV (k == y[e] ? SUB (pr[k], (R0_REAL) 1) : pr[k], rn);
    }

  /* The offsets of each layer's parameters and pre-activations. */
  size_t poff[R0_MAX_LAYERS + 1], zoff[R0_MAX_LAYERS + 1];
  zoff[1] = 0;
  /* poff[l - 1] is where layer l's weights start. */
  poff[0] = 0;
  for (int l = 1; l <= L; l++)
    poff[l] = poff[l - 1] + (size_t) sh->width[l - 1] * (size_t) sh->width[l]
              + (size_t) sh->width[l];
  for (int l = 2; l <= L; l++)
    zoff[l] = zoff[l - 1] + 2 * (size_t) n * (size_t) sh->width[l - 1];

  for (int l = L; l >= 1; l--)
    {
      int ni = sh->width[l - 1], no = sh->width[l];
      const R0_REAL *w = p + poff[l - 1];
      R0_REAL *gw = g + poff[l - 1], *gb = gw + (size_t) ni * (size_t) no;
      /* The inputs of layer l: x, or the activations of layer l - 1. */
      const R0_REAL *in = l == 1 ? x : work + zoff[l - 1] + (size_t) n * (size_t) ni;
      for (int j = 0; j < no; j++)
        {
          R0_REAL sb = 0;
          for (int e = 0; e < n; e++)
            sb = ADD (sb, delta[(size_t) e * (size_t) no + (size_t) j]);
          gb[j] = sb;
          for (int i = 0; i < ni; i++)
            {
              R0_REAL sw = 0;
              for (int e = 0; e < n; e++)
                sw = ADD (sw, MUL (delta[(size_t) e * (size_t) no + (size_t) j],
                                   in[(size_t) e * (size_t) ni + (size_t) i]));
              gw[(size_t) j * (size_t) ni + (size_t) i] = sw;
            }
        }
      if (l == 1)
        break;
      /* Backpropagate through W_l, then through relu at the
         pre-activations z_{l-1}: relu'(z) is 1 for z > 0, 0 for z < 0 and
         S at z = 0 exactly; 0 and 1 select (no multiplication), as the
         frameworks' ReluGrad does. */
      const R0_REAL *zp = work + zoff[l - 1];
      for (int e = 0; e < n; e++)
        for (int i = 0; i < ni; i++)
          {
            R0_REAL d = 0;
            for (int j = 0; j < no; j++)
              d = ADD (d, MUL (w[(size_t) j * (size_t) ni + (size_t) i],
                               delta[(size_t) e * (size_t) no + (size_t) j]));
            R0_REAL zz = zp[(size_t) e * (size_t) ni + (size_t) i];
            R0_REAL out;
            if (zz > 0)
              out = d;
            else if (zz < 0)
              out = 0;
            else if (s == 0)
              out = 0;
            else if (s == 1)
              out = d;
            else
              out = MUL (d, rs);
            dprev[(size_t) e * (size_t) ni + (size_t) i] = out;
          }
      R0_REAL *t = delta;
      delta = dprev;
      dprev = t;
    }
  return loss / n;
}

static double
FN (eval_) (const r0_shape *sh, const void *pv, const void *xv, const unsigned char *y, int n,
            void *workv, int *correct)
{
  R0_REAL *logits = FN (forward_) (sh, pv, xv, n, workv, NULL);
  double loss = 0;
  int c = 0;
  for (int e = 0; e < n; e++)
    {
      const R0_REAL *ze = logits + (size_t) e * R0_NCLASS;
      R0_REAL pr[R0_NCLASS];
      loss += (double) FN (softmax_) (ze, y[e], pr);
      int best = 0;
      for (int k = 1; k < R0_NCLASS; k++)
        if (ze[k] > ze[best])
          best = k;
      c += best == y[e];
    }
  *correct = c;
  return loss;
}

static void
FN (sgd_) (void *pv, const void *gv, size_t n, double lr)
{
  R0_REAL *p = pv;
  const R0_REAL *g = gv;
  R0_REAL r = (R0_REAL) lr;
  for (size_t i = 0; i < n; i++)
    p[i] = SUB (p[i], MUL (r, g[i]));
}

const r0_ops CAT (r0_ops, R0_BITS) = {
  R0_BITS, sizeof (R0_REAL), R0_TYPENAME,
  FN (from_double_), FN (to_double_), FN (load_batch_), FN (work_size_), FN (grad_), FN (eval_),
  FN (sgd_)
};
