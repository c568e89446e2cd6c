// LayerAct's TensorFlow ops, registered through TF's stable C API when TF Java loads this library
// (TensorFlow.loadLibrary):
//
//   LayerActForward(y: T) -> (a: T, mean: U, rstd: U)
//   LayerActBackward(y: T, g: T, mean: U, rstd: U) -> dy: T
//   LayerActNativeInfo() -> info: int32[2]                      {instruction set 1 avx | 2 avx2 | 3 avx512, threads}
//
// T is half, bfloat16, float or double; U (the statistics) is float, or double for double. The statistics run over
// the last `axes` dimensions (0: all but the first); each leading index is one sample. Samples are spread over a
// small persistent thread pool; each sample is computed by one thread in a fixed order, so the results do not depend
// on the number of threads. The half types are computed in float.
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "layeract_kernels.h"
#include "tf_c_api.h"

namespace layeract {
namespace {

// ---- instruction set ---------------------------------------------------------------------------------------------

bool supported(Isa isa) {
  __builtin_cpu_init();
  switch (isa) {
    case Isa::kAvx512: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
    case Isa::kAvx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Isa::kAvx: return __builtin_cpu_supports("avx");
  }
  return false;
}

const char* isaName(Isa isa) {
  switch (isa) {
    case Isa::kAvx512: return "avx512";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx: return "avx";
  }
  return "?";
}

// The forced instruction set ("" = the widest this CPU has); false with a message if it is unknown or unsupported.
bool chooseIsa(const std::string& forced, Isa* isa, std::string* error) {
  for (Isa candidate : {Isa::kAvx512, Isa::kAvx2, Isa::kAvx}) {
    if (forced.empty() ? supported(candidate) : forced == isaName(candidate)) {
      if (!supported(candidate)) {
        *error = "LayerAct native: instruction set " + forced + " was forced but this CPU does not support it";
        return false;
      }
      *isa = candidate;
      return true;
    }
  }
  *error = forced.empty() ? "LayerAct native: this CPU has no AVX"
                          : "LayerAct native: unknown instruction set '" + forced + "' (avx512, avx2 or avx)";
  return false;
}

template <typename C>
const Kernels<C>& kernelsFor(Isa isa);

template <>
const Kernels<float>& kernelsFor<float>(Isa isa) {
  return isa == Isa::kAvx512 ? avx512::kFloat : isa == Isa::kAvx2 ? avx2::kFloat : avx::kFloat;
}

template <>
const Kernels<double>& kernelsFor<double>(Isa isa) {
  return isa == Isa::kAvx512 ? avx512::kDouble : isa == Isa::kAvx2 ? avx2::kDouble : avx::kDouble;
}

// ---- thread pool -------------------------------------------------------------------------------------------------

int availableCpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    return std::max(1, CPU_COUNT(&set));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

// Runs fn over [0, n) in chunks, on the calling thread plus up to threads - 1 persistent workers. One job at a time:
// a kernel that finds the pool busy (TF runs independent ops concurrently) computes its job alone.
class Pool {
 public:
  static Pool& instance() {
    static Pool* pool = new Pool();   // never destroyed: its workers outlive static destruction at exit
    return *pool;
  }

  void run(int64_t n, int64_t grain, int threads, const std::function<void(int64_t, int64_t)>& fn) {
    int64_t chunks = (n + grain - 1) / grain;
    int helpers = (int)std::min<int64_t>(threads, chunks) - 1;
    if (helpers <= 0 || !job_.try_lock()) {
      fn(0, n);
      return;
    }
    std::lock_guard<std::mutex> job(job_, std::adopt_lock);
    {
      std::lock_guard<std::mutex> lock(mu_);
      while ((int)workers_.size() < helpers) {
        int index = (int)workers_.size();
        workers_.emplace_back([this, index] { workerLoop(index); });
        workers_.back().detach();
      }
      fn_ = &fn;
      n_ = n;
      grain_ = grain;
      next_ = 0;
      wanted_ = helpers;
      pending_ = helpers;
      generation_++;
    }
    wake_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  void work() {
    for (;;) {
      int64_t begin = next_.fetch_add(grain_);
      if (begin >= n_) {
        return;
      }
      (*fn_)(begin, std::min(begin + grain_, n_));
    }
  }

  void workerLoop(int index) {
    int64_t seen = 0;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      wake_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (index >= wanted_) {
        continue;
      }
      lock.unlock();
      work();
      lock.lock();
      if (--pending_ == 0) {
        done_.notify_one();
      }
    }
  }

  std::mutex job_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  const std::function<void(int64_t, int64_t)>* fn_ = nullptr;
  std::atomic<int64_t> next_{0};
  int64_t n_ = 0, grain_ = 1, generation_ = 0;
  int wanted_ = 0, pending_ = 0;
};

// ---- element types -----------------------------------------------------------------------------------------------

struct Bfloat16 {
  uint16_t bits;
};

inline float toFloat(Bfloat16 h) {
  uint32_t b = (uint32_t)h.bits << 16;
  float f;
  memcpy(&f, &b, 4);
  return f;
}

inline Bfloat16 fromFloat(float f, Bfloat16*) {   // round to nearest even, as TF's cast
  uint32_t b;
  memcpy(&b, &f, 4);
  if ((b & 0x7fffffffu) > 0x7f800000u) {
    return Bfloat16{0x7fc0};
  }
  return Bfloat16{(uint16_t)((b + 0x7fffu + ((b >> 16) & 1u)) >> 16)};
}

inline float toFloat(_Float16 h) { return (float)h; }
inline _Float16 fromFloat(float f, _Float16*) { return (_Float16)f; }

// Per-thread buffers: the half types' float copies and the backward's scratch.
template <typename C>
C* buffer(int slot, int64_t size) {
  thread_local std::vector<C> buffers[4];
  if ((int64_t)buffers[slot].size() < size) {
    buffers[slot].resize(size);
  }
  return buffers[slot].data();
}

template <typename H>
const float* widen(const H* in, int64_t m, int slot) {
  float* out = buffer<float>(slot, m);
  for (int64_t i = 0; i < m; i++) {
    out[i] = toFloat(in[i]);
  }
  return out;
}

template <typename H>
void narrow(const float* in, int64_t m, H* out) {
  for (int64_t i = 0; i < m; i++) {
    out[i] = fromFloat(in[i], (H*)nullptr);
  }
}

// ---- kernels -----------------------------------------------------------------------------------------------------

struct Attributes {
  Options options;
  int64_t axes;
  int threads;
  Isa isa;
};

struct Layout {
  int64_t samples = 1, size = 1;   // size: elements per sample
  std::vector<int64_t> dims, statDims;
};

bool fail(TF_OpKernelContext* ctx, const std::string& message) {
  TF_Status* s = TF_NewStatus();
  TF_SetStatus(s, TF_INVALID_ARGUMENT, message.c_str());
  TF_OpKernelContext_Failure(ctx, s);
  TF_DeleteStatus(s);
  return false;
}

bool layout(TF_OpKernelContext* ctx, const char* op, TF_Tensor* y, int64_t axes, Layout* out) {
  int rank = TF_NumDims(y);
  int64_t reduced = axes == 0 ? rank - 1 : axes;
  if (reduced < 1 || reduced >= rank) {
    return fail(ctx, std::string(op) + ": axes=" + std::to_string(axes) + " needs an input of rank above " +
                         std::to_string(axes == 0 ? 1 : axes) + " (batch first), got rank " + std::to_string(rank));
  }
  for (int d = 0; d < rank; d++) {
    int64_t size = TF_Dim(y, d);
    out->dims.push_back(size);
    out->statDims.push_back(d < rank - reduced ? size : 1);
    (d < rank - reduced ? out->samples : out->size) *= size;
  }
  return true;
}

int64_t grainFor(int64_t size) {
  return std::max<int64_t>(1, 8192 / std::max<int64_t>(1, size));   // about 8k elements per chunk
}

int threadsFor(const Attributes& a, const Layout& l) {
  return l.samples * l.size < 16384 ? 1 : a.threads;   // small tensors: waking the pool costs more than it saves
}

template <typename T, typename C>
void forwardSamples(const Attributes& a, const Layout& l, const T* y, T* out, C* mean, C* rstd) {
  const Kernels<C>& k = kernelsFor<C>(a.isa);
  Pool::instance().run(l.samples, grainFor(l.size), threadsFor(a, l), [&](int64_t begin, int64_t end) {
    for (int64_t s = begin; s < end; s++) {
      const T* ys = y + s * l.size;
      T* outs = out + s * l.size;
      if constexpr (std::is_same<T, C>::value) {
        k.forward(ys, l.size, a.options, outs, mean + s, rstd + s);
      } else {
        float* wide = buffer<float>(1, l.size);
        k.forward(widen(ys, l.size, 0), l.size, a.options, wide, mean + s, rstd + s);
        narrow(wide, l.size, outs);
      }
    }
  });
}

template <typename T, typename C>
void backwardSamples(const Attributes& a, const Layout& l, const T* y, const T* g, const C* mean, const C* rstd,
                     T* dy) {
  const Kernels<C>& k = kernelsFor<C>(a.isa);
  Pool::instance().run(l.samples, grainFor(l.size), threadsFor(a, l), [&](int64_t begin, int64_t end) {
    C* scratch = buffer<C>(3, 2 * l.size);
    for (int64_t s = begin; s < end; s++) {
      const T* ys = y + s * l.size;
      const T* gs = g + s * l.size;
      T* dys = dy + s * l.size;
      if constexpr (std::is_same<T, C>::value) {
        k.backward(ys, gs, l.size, a.options, mean[s], rstd[s], dys, scratch);
      } else {
        float* wide = buffer<float>(2, l.size);
        k.backward(widen(ys, l.size, 0), widen(gs, l.size, 1), l.size, a.options, mean[s], rstd[s], wide, scratch);
        narrow(wide, l.size, dys);
      }
    }
  });
}

size_t bytesOf(TF_DataType t) {
  return t == TF_DOUBLE ? 8 : t == TF_FLOAT ? 4 : 2;
}

TF_DataType statType(TF_DataType t) {
  return t == TF_DOUBLE ? TF_DOUBLE : TF_FLOAT;
}

bool supportedType(TF_OpKernelContext* ctx, const char* op, TF_DataType t) {
  return t == TF_FLOAT || t == TF_DOUBLE || t == TF_HALF || t == TF_BFLOAT16 ||
         fail(ctx, std::string(op) + ": unsupported dtype " + std::to_string((int)t));
}

// Reads the attributes every LayerAct kernel has; reports a failure on ctx and returns null if one is bad.
Attributes* construct(TF_OpKernelConstruction* ctx) {
  TF_Status* s = TF_NewStatus();
  auto* a = new Attributes();
  TF_Bool hard = 0, unbiased = 1;
  int64_t threads = 0;
  std::string isa, alpha, error;
  auto readString = [&](const char* name, std::string* out) {
    int32_t listSize = 0, totalSize = 0;
    TF_OpKernelConstruction_GetAttrSize(ctx, name, &listSize, &totalSize, s);
    if (TF_GetCode(s) == TF_OK) {
      out->resize(totalSize);
      TF_OpKernelConstruction_GetAttrString(ctx, name, &(*out)[0], totalSize, s);
    }
  };
  TF_OpKernelConstruction_GetAttrBool(ctx, "hard", &hard, s);
  if (TF_GetCode(s) == TF_OK) TF_OpKernelConstruction_GetAttrBool(ctx, "unbiased", &unbiased, s);
  if (TF_GetCode(s) == TF_OK) TF_OpKernelConstruction_GetAttrInt64(ctx, "axes", &a->axes, s);
  if (TF_GetCode(s) == TF_OK) TF_OpKernelConstruction_GetAttrInt64(ctx, "threads", &threads, s);
  if (TF_GetCode(s) == TF_OK) readString("isa", &isa);
  if (TF_GetCode(s) == TF_OK) readString("alpha", &alpha);
  if (TF_GetCode(s) == TF_OK) {
    // the exact double that Java's Double.toString printed (from_chars ignores the C locale)
    double value = 0;
    auto parsed = std::from_chars(alpha.data(), alpha.data() + alpha.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != alpha.data() + alpha.size() || !(value > 0)) {
      error = "LayerAct native: alpha must be a positive number, got '" + alpha + "'";
    } else if (a->axes < 0 || threads < 0) {
      error = "LayerAct native: axes and threads must not be negative";
    } else {
      chooseIsa(isa, &a->isa, &error);
    }
    a->options = Options{hard != 0, unbiased != 0, value};
    a->threads = threads == 0 ? availableCpus() : (int)threads;
    if (!error.empty()) {
      TF_SetStatus(s, TF_INVALID_ARGUMENT, error.c_str());
    }
  }
  if (TF_GetCode(s) != TF_OK) {
    TF_OpKernelConstruction_Failure(ctx, s);
    delete a;
    a = nullptr;
  }
  TF_DeleteStatus(s);
  return a;
}

void* createForward(TF_OpKernelConstruction* ctx) { return construct(ctx); }
void* createBackward(TF_OpKernelConstruction* ctx) { return construct(ctx); }
void deleteAttributes(void* a) { delete static_cast<Attributes*>(a); }

// Holds the tensors a kernel got or allocated and deletes them on every return path.
struct Tensors {
  std::vector<TF_Tensor*> all;
  ~Tensors() {
    for (TF_Tensor* t : all) TF_DeleteTensor(t);
  }
  TF_Tensor* input(TF_OpKernelContext* ctx, int i, TF_Status* s) {
    TF_Tensor* t = nullptr;
    TF_GetInput(ctx, i, &t, s);
    if (t) all.push_back(t);
    return TF_GetCode(s) == TF_OK ? t : nullptr;
  }
  TF_Tensor* output(TF_OpKernelContext* ctx, int i, TF_DataType type, const std::vector<int64_t>& dims, int64_t count,
                    TF_Status* s) {
    TF_Tensor* t = TF_AllocateOutput(ctx, i, type, dims.data(), (int)dims.size(), count * bytesOf(type), s);
    if (t) all.push_back(t);
    return TF_GetCode(s) == TF_OK ? t : nullptr;
  }
};

template <typename T>
void forwardTyped(const Attributes& a, const Layout& l, TF_Tensor* y, TF_Tensor* out, TF_Tensor* mean,
                  TF_Tensor* rstd) {
  typedef typename std::conditional<std::is_same<T, double>::value, double, float>::type C;
  forwardSamples<T, C>(a, l, (const T*)TF_TensorData(y), (T*)TF_TensorData(out), (C*)TF_TensorData(mean),
                       (C*)TF_TensorData(rstd));
}

template <typename T>
void backwardTyped(const Attributes& a, const Layout& l, TF_Tensor* y, TF_Tensor* g, TF_Tensor* mean,
                   TF_Tensor* rstd, TF_Tensor* dy) {
  typedef typename std::conditional<std::is_same<T, double>::value, double, float>::type C;
  backwardSamples<T, C>(a, l, (const T*)TF_TensorData(y), (const T*)TF_TensorData(g), (const C*)TF_TensorData(mean),
                        (const C*)TF_TensorData(rstd), (T*)TF_TensorData(dy));
}

void computeForward(void* kernel, TF_OpKernelContext* ctx) {
  const Attributes& a = *static_cast<Attributes*>(kernel);
  TF_Status* s = TF_NewStatus();
  Tensors t;
  Layout l;
  TF_Tensor* y = t.input(ctx, 0, s);
  TF_DataType type = y ? TF_TensorType(y) : TF_FLOAT;
  TF_Tensor *out = nullptr, *mean = nullptr, *rstd = nullptr;
  if (y && supportedType(ctx, "LayerActForward", type) && layout(ctx, "LayerActForward", y, a.axes, &l) &&
      (out = t.output(ctx, 0, type, l.dims, l.samples * l.size, s)) &&
      (mean = t.output(ctx, 1, statType(type), l.statDims, l.samples, s)) &&
      (rstd = t.output(ctx, 2, statType(type), l.statDims, l.samples, s))) {
    switch (type) {
      case TF_FLOAT: forwardTyped<float>(a, l, y, out, mean, rstd); break;
      case TF_DOUBLE: forwardTyped<double>(a, l, y, out, mean, rstd); break;
      case TF_HALF: forwardTyped<_Float16>(a, l, y, out, mean, rstd); break;
      default: forwardTyped<Bfloat16>(a, l, y, out, mean, rstd); break;
    }
  }
  if (TF_GetCode(s) != TF_OK) TF_OpKernelContext_Failure(ctx, s);
  TF_DeleteStatus(s);
}

void computeBackward(void* kernel, TF_OpKernelContext* ctx) {
  const Attributes& a = *static_cast<Attributes*>(kernel);
  TF_Status* s = TF_NewStatus();
  Tensors t;
  Layout l;
  TF_Tensor* y = t.input(ctx, 0, s);
  TF_Tensor* g = y ? t.input(ctx, 1, s) : nullptr;
  TF_Tensor* mean = g ? t.input(ctx, 2, s) : nullptr;
  TF_Tensor* rstd = mean ? t.input(ctx, 3, s) : nullptr;
  TF_DataType type = y ? TF_TensorType(y) : TF_FLOAT;
  TF_Tensor* dy = nullptr;
  if (rstd && supportedType(ctx, "LayerActBackward", type) && layout(ctx, "LayerActBackward", y, a.axes, &l)) {
    if (TF_TensorElementCount(g) != l.samples * l.size || TF_TensorElementCount(mean) != l.samples ||
        TF_TensorElementCount(rstd) != l.samples) {
      fail(ctx, "LayerActBackward: g must have y's shape and mean, rstd one element per sample");
    } else if ((dy = t.output(ctx, 0, type, l.dims, l.samples * l.size, s))) {
      switch (type) {
        case TF_FLOAT: backwardTyped<float>(a, l, y, g, mean, rstd, dy); break;
        case TF_DOUBLE: backwardTyped<double>(a, l, y, g, mean, rstd, dy); break;
        case TF_HALF: backwardTyped<_Float16>(a, l, y, g, mean, rstd, dy); break;
        default: backwardTyped<Bfloat16>(a, l, y, g, mean, rstd, dy); break;
      }
    }
  }
  if (TF_GetCode(s) != TF_OK) TF_OpKernelContext_Failure(ctx, s);
  TF_DeleteStatus(s);
}

// LayerActNativeInfo: which instruction set the kernels of this configuration use, and the default thread count.
void* createInfo(TF_OpKernelConstruction* ctx) { return construct(ctx); }

void computeInfo(void* kernel, TF_OpKernelContext* ctx) {
  const Attributes& a = *static_cast<Attributes*>(kernel);
  TF_Status* s = TF_NewStatus();
  Tensors t;
  if (TF_Tensor* out = t.output(ctx, 0, TF_INT32, {2}, 2, s)) {
    int32_t* info = (int32_t*)TF_TensorData(out);
    info[0] = (int32_t)a.isa;
    info[1] = a.threads;
  }
  if (TF_GetCode(s) != TF_OK) TF_OpKernelContext_Failure(ctx, s);
  TF_DeleteStatus(s);
}

// ---- registration ------------------------------------------------------------------------------------------------

void sameShapeAsInput(TF_ShapeInferenceContext* ctx, TF_Status* status) {
  TF_ShapeInferenceContextSetUnknownShape(ctx, status);
  TF_ShapeHandle* h = TF_NewShapeHandle();
  TF_ShapeInferenceContextGetInput(ctx, 0, h, status);
  if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, 0, h, status);
  TF_DeleteShapeHandle(h);
}

void unknownShapes(TF_ShapeInferenceContext* ctx, TF_Status* status) {
  TF_ShapeInferenceContextSetUnknownShape(ctx, status);
}

void addCommonAttrs(TF_OpDefinitionBuilder* b) {
  TF_OpDefinitionBuilderAddAttr(b, "hard: bool = false");
  TF_OpDefinitionBuilderAddAttr(b, "unbiased: bool = true");
  TF_OpDefinitionBuilderAddAttr(b, "alpha: string = '1.0E-5'");
  TF_OpDefinitionBuilderAddAttr(b, "axes: int = 0");
  TF_OpDefinitionBuilderAddAttr(b, "threads: int = 0");
  TF_OpDefinitionBuilderAddAttr(b, "isa: string = ''");
}

void check(TF_Status* s, const char* what) {
  if (TF_GetCode(s) != TF_OK) {
    fprintf(stderr, "layeract native: registering %s failed: %s\n", what, TF_Message(s));
  }
}

void registerOp(const char* name, const std::vector<const char*>& inputs, const std::vector<const char*>& outputs,
                bool typed, void (*shapeFn)(TF_ShapeInferenceContext*, TF_Status*),
                void* (*create)(TF_OpKernelConstruction*), void (*compute)(void*, TF_OpKernelContext*)) {
  TF_Status* s = TF_NewStatus();
  TF_OpDefinitionBuilder* b = TF_NewOpDefinitionBuilder(name);
  for (const char* in : inputs) TF_OpDefinitionBuilderAddInput(b, in);
  for (const char* out : outputs) TF_OpDefinitionBuilderAddOutput(b, out);
  if (typed) {
    TF_OpDefinitionBuilderAddAttr(b, "T: {half, bfloat16, float, double}");
    TF_OpDefinitionBuilderAddAttr(b, "U: {float, double}");
  }
  addCommonAttrs(b);
  TF_OpDefinitionBuilderSetShapeInferenceFunction(b, shapeFn);
  TF_RegisterOpDefinition(b, s);
  check(s, name);
  TF_KernelBuilder* k = TF_NewKernelBuilder(name, "CPU", create, compute, deleteAttributes);
  TF_RegisterKernelBuilder((std::string(name) + "_CPU").c_str(), k, s);
  check(s, name);
  TF_DeleteStatus(s);
}

struct Registration {
  Registration() {
    registerOp("LayerActForward", {"y: T"}, {"a: T", "mean: U", "rstd: U"}, true, sameShapeAsInput, createForward,
               computeForward);
    registerOp("LayerActBackward", {"y: T", "g: T", "mean: U", "rstd: U"}, {"dy: T"}, true, sameShapeAsInput,
               createBackward, computeBackward);
    registerOp("LayerActNativeInfo", {}, {"info: int32"}, false, unknownShapes, createInfo, computeInfo);
  }
} registration;

}  // namespace
}  // namespace layeract
