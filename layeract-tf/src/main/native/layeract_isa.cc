// LayerAct's per-sample forward and backward, written with GCC vector extensions at one ISA's native vector width.
// build.sh compiles this file once per instruction set, e.g. -DLAYERACT_ISA=avx2 -DLAYERACT_VECTOR_BYTES=32
// -mavx2 -mfma; the dispatcher picks one build at run time. (One generic build with target_clones was measured 3x
// slower on AVX2: its 512-bit vectors were split.)
//
// Every reduction runs in a fixed order (four vector accumulators, then the lanes in index order), so a sample's
// results depend only on the sample and the ISA, never on the thread that computes it.
#include <math.h>
#include <string.h>

#include "layeract_kernels.h"

#ifndef LAYERACT_ISA
#error "define LAYERACT_ISA (avx, avx2 or avx512) and LAYERACT_VECTOR_BYTES"
#endif

namespace layeract {
namespace LAYERACT_ISA {
namespace {

constexpr int kBytes = LAYERACT_VECTOR_BYTES;

template <typename C>
struct Lanes;

template <>
struct Lanes<float> {
  typedef float V __attribute__((vector_size(kBytes)));
  typedef int32_t I __attribute__((vector_size(kBytes)));
  static constexpr int kCount = kBytes / 4;
  static constexpr int kMantissaBits = 23;
  static constexpr int32_t kExponentBias = 127;
  static constexpr float kMagic = 12582912.0f;        // 1.5 * 2^23: adding it rounds to an integer
  static constexpr float kMinExp = -87.0f;            // exp(-87) is still a normal float
  static constexpr float kLn2Hi = 0.693359375f;       // ln 2 = kLn2Hi + kLn2Lo (Cody-Waite)
  static constexpr float kLn2Lo = -2.12194440e-4f;
  static constexpr int kDegree = 7;                   // Taylor error 0.35^8 / 8! = 5e-9 on |r| <= ln2 / 2
};

template <>
struct Lanes<double> {
  typedef double V __attribute__((vector_size(kBytes)));
  typedef int64_t I __attribute__((vector_size(kBytes)));
  static constexpr int kCount = kBytes / 8;
  static constexpr int kMantissaBits = 52;
  static constexpr int64_t kExponentBias = 1023;
  static constexpr double kMagic = 6755399441055744.0;  // 1.5 * 2^52
  static constexpr double kMinExp = -708.0;
  static constexpr double kLn2Hi = 6.93147180369123816490e-01;
  static constexpr double kLn2Lo = 1.90821492927058770002e-10;
  static constexpr int kDegree = 13;                    // 0.35^14 / 14! = 4e-18
};

template <typename C>
using V = typename Lanes<C>::V;

template <typename C>
inline V<C> splat(C x) {
  return V<C>{} + x;
}

template <typename C>
inline V<C> load(const C* p) {
  V<C> v;
  memcpy(&v, p, sizeof v);
  return v;
}

// The first `count` lanes from p, the others `fill` (chosen so that they add nothing to the sums).
template <typename C>
inline V<C> loadPartial(const C* p, int64_t count, C fill) {
  V<C> v = splat(fill);
  memcpy(&v, p, count * sizeof(C));
  return v;
}

template <typename C>
inline void store(C* p, V<C> v) {
  memcpy(p, &v, sizeof v);
}

template <typename C>
inline void storePartial(C* p, V<C> v, int64_t count) {
  memcpy(p, &v, count * sizeof(C));
}

template <typename C>
inline double laneSum(V<C> v) {
  double s = 0;
  for (int i = 0; i < Lanes<C>::kCount; i++) {
    s += v[i];
  }
  return s;
}

// exp(x) for x <= 0: x = k ln2 + r, exp(r) by its Taylor polynomial, 2^k built in the exponent bits. NaN stays NaN
// (the comparison below is false for it), so a sample with a NaN gives NaN outputs, as TF's own ops do.
template <typename C>
inline V<C> expNonPositive(V<C> x) {
  typedef Lanes<C> L;
  typedef typename L::I I;
  x = x < L::kMinExp ? splat<C>(L::kMinExp) : x;
  V<C> t = x * (C)1.4426950408889634 + L::kMagic;
  V<C> k = t - L::kMagic;
  V<C> r = (x - k * L::kLn2Hi) - k * L::kLn2Lo;
  C factorial[L::kDegree + 1] = {1};
  for (int j = 1; j <= L::kDegree; j++) {
    factorial[j] = factorial[j - 1] * j;   // exact: 13! < 2^53 and 7! < 2^24
  }
  V<C> p = splat((C)1 / factorial[L::kDegree]);
  for (int j = L::kDegree - 1; j >= 0; j--) {
    p = p * r + (C)1 / factorial[j];
  }
  I exponent = ((I)t - (I)splat<C>(L::kMagic)) + L::kExponentBias;
  return p * (V<C>)(exponent << L::kMantissaBits);
}

// The scale s(n) and its derivative s'(n). Sigmoid: e = exp(-|n|), s = 1 / (1 + e) or e / (1 + e), s' = e / (1 + e)^2
// (exact, no cancellation in 1 - s). Hard sigmoid: relu6(n + 3) / 6, with s' = 1/6 strictly inside (0, 6) as TF's
// Relu6 gradient, so that the backward equals TF autodiff of the composed forward.
template <typename C, bool Hard>
inline V<C> scale(V<C> n) {
  if (Hard) {
    V<C> u = n + (C)3;
    u = u < (C)0 ? splat<C>(0) : u;
    u = u > (C)6 ? splat<C>(6) : u;
    return u * (C)(1.0 / 6);
  }
  V<C> a = n < (C)0 ? -n : n;
  V<C> e = expNonPositive<C>(-a);
  V<C> t = (C)1 / (e + (C)1);
  return n < (C)0 ? e * t : t;
}

template <typename C, bool Hard>
inline V<C> scaleAndDerivative(V<C> n, V<C>* derivative) {
  if (Hard) {
    V<C> u = n + (C)3;
    *derivative = (u > (C)0) & (u < (C)6) ? splat<C>((C)(1.0 / 6)) : splat<C>(0);
    return scale<C, true>(n);
  }
  V<C> a = n < (C)0 ? -n : n;
  V<C> e = expNonPositive<C>(-a);
  V<C> t = (C)1 / (e + (C)1);
  *derivative = e * t * t;
  return n < (C)0 ? e * t : t;
}

// Sum of (y - shift) over m elements: four accumulators, a fixed order.
template <typename C>
inline double shiftedSum(const C* y, int64_t m, C shift, double* squares) {
  constexpr int L = Lanes<C>::kCount;
  V<C> s = splat(shift);
  V<C> a0 = {}, a1 = {}, a2 = {}, a3 = {};
  V<C> q0 = {}, q1 = {}, q2 = {}, q3 = {};
  int64_t i = 0;
  for (; i + 4 * L <= m; i += 4 * L) {
    V<C> d0 = load(y + i) - s, d1 = load(y + i + L) - s, d2 = load(y + i + 2 * L) - s, d3 = load(y + i + 3 * L) - s;
    a0 += d0; a1 += d1; a2 += d2; a3 += d3;
    if (squares) {
      q0 += d0 * d0; q1 += d1 * d1; q2 += d2 * d2; q3 += d3 * d3;
    }
  }
  for (; i + L <= m; i += L) {
    V<C> d = load(y + i) - s;
    a0 += d;
    q0 += d * d;
  }
  if (i < m) {
    V<C> d = loadPartial(y + i, m - i, shift) - s;
    a0 += d;
    q0 += d * d;
  }
  if (squares) {
    *squares = laneSum<C>((q0 + q1) + (q2 + q3));
  }
  return laneSum<C>((a0 + a1) + (a2 + a3));
}

// Three passes over the sample: the sum shifted by a rough mean k (of up to 64 elements, so that a sample far from
// zero mean keeps its digits), the centred squares (with the corrected two-pass term), the output.
template <typename C, bool Hard>
void forward(const C* y, int64_t m, const Options& o, C* a, C* meanOut, C* rstdOut) {
  constexpr int L = Lanes<C>::kCount;
  if (m == 0) {
    *meanOut = *rstdOut = (C)NAN;
    return;
  }
  int64_t head = m < 64 ? m : 64;
  double k = 0;
  for (int64_t i = 0; i < head; i++) {
    k += y[i];
  }
  C shift = (C)(k / head);
  C mean = (C)(shift + shiftedSum(y, m, shift, nullptr) / m);
  double squares;
  double deviation = shiftedSum(y, m, mean, &squares);
  double var = (squares - deviation * deviation / m) / (o.unbiased ? m - 1 : m);
  C rstd = (C)(1 / sqrt((var > 0 ? var : 0) + o.alpha));
  V<C> mv = splat(mean), rv = splat(rstd);
  int64_t i = 0;
  for (; i + L <= m; i += L) {
    V<C> yv = load(y + i);
    store(a + i, yv * scale<C, Hard>((yv - mv) * rv));
  }
  if (i < m) {
    V<C> yv = loadPartial(y + i, m - i, mean);
    storePartial(a + i, yv * scale<C, Hard>((yv - mv) * rv), m - i);
  }
  *meanOut = mean;
  *rstdOut = rstd;
}

// Two passes: the first keeps g s(n) and d = g y s'(n) in scratch and sums d and d n (one exp per element), the
// second combines them.
template <typename C, bool Hard>
void backward(const C* y, const C* g, int64_t m, const Options& o, C mean, C rstd, C* dy, C* scratch) {
  constexpr int L = Lanes<C>::kCount;
  C* gs = scratch;
  C* dd = scratch + m;
  V<C> mv = splat(mean), rv = splat(rstd);
  V<C> d0 = {}, d1 = {}, n0 = {}, n1 = {};
  int64_t i = 0;
  auto step = [&](V<C> yv, V<C> gv, V<C>* gsOut, V<C>* dOut, V<C>& sumD, V<C>& sumDn) {
    V<C> n = (yv - mv) * rv;
    V<C> derivative;
    V<C> s = scaleAndDerivative<C, Hard>(n, &derivative);
    V<C> d = gv * yv * derivative;
    *gsOut = gv * s;
    *dOut = d;
    sumD += d;
    sumDn += d * n;
  };
  for (; i + 2 * L <= m; i += 2 * L) {
    V<C> s0, e0, s1, e1;
    step(load(y + i), load(g + i), &s0, &e0, d0, n0);
    step(load(y + i + L), load(g + i + L), &s1, &e1, d1, n1);
    store(gs + i, s0); store(dd + i, e0); store(gs + i + L, s1); store(dd + i + L, e1);
  }
  for (; i < m; i += L) {
    int64_t count = m - i < L ? m - i : L;
    V<C> s0, e0;
    // padding: y = mean and g = 0 give d = 0, so the sums are unchanged
    step(loadPartial(y + i, count, mean), loadPartial(g + i, count, (C)0), &s0, &e0, d0, n0);
    storePartial(gs + i, s0, count);
    storePartial(dd + i, e0, count);
  }
  V<C> meanD = splat((C)(laneSum<C>(d0 + d1) / m));
  V<C> c = splat((C)(laneSum<C>(n0 + n1) / (o.unbiased ? m - 1 : m)));
  for (i = 0; i < m; i += L) {
    int64_t count = m - i < L ? m - i : L;
    V<C> yv = count == L ? load(y + i) : loadPartial(y + i, count, mean);
    V<C> gsv = count == L ? load(gs + i) : loadPartial(gs + i, count, (C)0);
    V<C> dv = count == L ? load(dd + i) : loadPartial(dd + i, count, (C)0);
    V<C> out = gsv + rv * ((dv - meanD) - ((yv - mv) * rv) * c);
    if (count == L) {
      store(dy + i, out);
    } else {
      storePartial(dy + i, out, count);
    }
  }
}

template <typename C>
void forwardAny(const C* y, int64_t m, const Options& o, C* a, C* mean, C* rstd) {
  (o.hard ? forward<C, true> : forward<C, false>)(y, m, o, a, mean, rstd);
}

template <typename C>
void backwardAny(const C* y, const C* g, int64_t m, const Options& o, C mean, C rstd, C* dy, C* scratch) {
  (o.hard ? backward<C, true> : backward<C, false>)(y, g, m, o, mean, rstd, dy, scratch);
}

}  // namespace

extern const Kernels<float> kFloat = {forwardAny<float>, backwardAny<float>};
extern const Kernels<double> kDouble = {forwardAny<double>, backwardAny<double>};

}  // namespace LAYERACT_ISA
}  // namespace layeract
