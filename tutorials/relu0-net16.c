/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-net16.c: the relu0 network in binary16 (_Float16): the
   generic source relu0-net-generic.c compiled for this type. */
#include <config.h>
#include "relu0-net.h"

/* GCC and Clang define __FLT16_MANT_DIG__ where they have _Float16 (GCC
   12 on x86-64 does); elsewhere r0_ops_of (16) returns NULL. */
#ifdef __FLT16_MANT_DIG__
/* __extension__: -pedantic knows _Float16 only as ISO/IEC TS 18661-3. */
__extension__ typedef _Float16 r0_half;
#define R0_REAL r0_half
#include <string.h>

/* Widening binary16 to float is exact: move the exponent and the
   significand, normalise a subnormal through one exact float subtraction
   (F. Giesen, "half_to_float_fast5", public domain). */
static inline float
r0_widen (r0_half h)
{
  uint16_t hb;
  memcpy (&hb, &h, 2);
  const uint32_t shifted_exp = UINT32_C (0x7c00) << 13;
  uint32_t o = ((uint32_t) hb & 0x7fffu) << 13, e = shifted_exp & o;
  o += (uint32_t) (127 - 15) << 23;
  if (e == shifted_exp)                 /* Inf or NaN */
    o += (uint32_t) (128 - 16) << 23;
  else if (e == 0)                      /* zero or subnormal */
    {
      uint32_t mb = (uint32_t) 113 << 23;
      float f, magic;
      o += UINT32_C (1) << 23;
      memcpy (&f, &o, 4);
      memcpy (&magic, &mb, 4);
      f -= magic;
      memcpy (&o, &f, 4);
    }
  o |= ((uint32_t) hb & 0x8000u) << 16;
  float r;
  memcpy (&r, &o, 4);
  return r;
}

/* Rounds a float to the nearest binary16, ties to even; overflow gives
   Inf, NaN stays NaN (F. Giesen, "float_to_half_fast3_rtne", public
   domain).  Subnormal results: adding 0.5 (2^-1, whose float ulp is 2^-24,
   the binary16 subnormal step) rounds to the step by the FPU's own round
   to nearest even.  Normal results: add half an ulp of binary16 minus one
   (0xfff) plus the last kept bit, then truncate: round half to even. */
static inline r0_half
r0_narrow (float x)
{
  uint32_t f;
  memcpy (&f, &x, 4);
  const uint32_t f32infty = (uint32_t) 255 << 23, f16max = (uint32_t) (127 + 16) << 23;
  const uint32_t denorm_magic_bits = (uint32_t) ((127 - 15) + (23 - 10) + 1) << 23;
  uint32_t sign = f & 0x80000000u;
  uint16_t o;
  f ^= sign;
  if (f >= f16max)
    o = f > f32infty ? 0x7e00 : 0x7c00;
  else if (f < (uint32_t) 113 << 23)
    {
      float ff, magic;
      memcpy (&ff, &f, 4);
      memcpy (&magic, &denorm_magic_bits, 4);
      ff += magic;
      memcpy (&f, &ff, 4);
      o = (uint16_t) (f - denorm_magic_bits);
    }
  else
    {
      uint32_t mant_odd = (f >> 13) & 1;
      f += ((uint32_t) (15 - 127) << 23) + 0xfff;
      f += mant_odd;
      o = (uint16_t) (f >> 13);
    }
  o = (uint16_t) (o | (sign >> 16));
  r0_half h;
  memcpy (&h, &o, 2);
  return h;
}
#define R0_BITS 16
#define R0_TYPENAME "binary16"
#define R0_NAME _16
#include "relu0-net-generic.c"
#endif
