// The per-sample LayerAct math, shared by the ISA-specific builds (layeract_isa.cc) and the dispatcher.
#ifndef LAYERACT_KERNELS_H_
#define LAYERACT_KERNELS_H_

#include <stdint.h>

namespace layeract {

// What the forward and backward of one configuration need (alpha only for the forward).
struct Options {
  bool hard;       // LA-HardSiLU (hard sigmoid scale) instead of LA-SiLU
  bool unbiased;   // variance / (m - 1) instead of / m
  double alpha;    // added to the variance inside the square root
};

// One sample of m contiguous elements in the compute type C (float or double).
//   forward:  a = y * s((y - mean) * rstd), returns mean and rstd = 1 / sqrt(var + alpha)
//   backward: dy = g s(n) + rstd (d - mean(d) - n sum(d n) / M), d = g y s'(n), M = m - 1 (unbiased) or m;
//             scratch holds 2 m elements.
template <typename C>
struct Kernels {
  void (*forward)(const C* y, int64_t m, const Options& o, C* a, C* mean, C* rstd);
  void (*backward)(const C* y, const C* g, int64_t m, const Options& o, C mean, C rstd, C* dy, C* scratch);
};

// The instruction sets with their own build of the kernels, widest last.
enum class Isa { kAvx = 1, kAvx2 = 2, kAvx512 = 3 };

namespace avx { extern const Kernels<float> kFloat; extern const Kernels<double> kDouble; }
namespace avx2 { extern const Kernels<float> kFloat; extern const Kernels<double> kDouble; }
namespace avx512 { extern const Kernels<float> kFloat; extern const Kernels<double> kDouble; }

}  // namespace layeract

#endif  // LAYERACT_KERNELS_H_
