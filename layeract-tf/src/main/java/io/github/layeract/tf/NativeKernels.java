package io.github.layeract.tf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.KernelDef;
import org.tensorflow.proto.KernelList;
import org.tensorflow.proto.OpList;
import org.tensorflow.types.TInt32;

/**
 * The native CPU kernels behind {@link LayerAct.Implementation#NATIVE}: a C++ library (source in the repository's
 * {@code layeract-tf/src/main/native}) compiled into this jar on linux-x86_64 and registered with TensorFlow through its
 * stable C kernel API. It is loaded once per JVM, from a temporary copy, the first time a LayerAct needs it.
 *
 * <p>The kernels spread the samples over a small persistent pool of {@link #threads()} threads and use the widest
 * vector instructions of the CPU (AVX-512, AVX2 with FMA, or AVX), chosen at run time; the system property
 * {@value #ISA_PROPERTY} or the environment variable {@value #ISA_ENV} ({@code avx512}, {@code avx2} or {@code avx})
 * forces one for graphs built afterwards. Each sample is reduced by one thread in a fixed order: the same input gives
 * bit-identical outputs and gradients whatever the thread count.
 */
public final class NativeKernels {

  /** The jar resource of the library. */
  static final String RESOURCE = "/io/github/layeract/tf/native/linux-x86_64/liblayeract_tf.so";
  /** System property forcing the instruction set of graphs built afterwards: {@code avx512}, {@code avx2} or {@code avx}. */
  public static final String ISA_PROPERTY = "layeract.native.isa";
  /** Environment variable with the same meaning as {@link #ISA_PROPERTY} (the property wins). */
  public static final String ISA_ENV = "LAYERACT_NATIVE_ISA";
  /** System property that, set to {@code false} before the first LayerAct is built, keeps the kernels unloaded. */
  public static final String ENABLE_PROPERTY = "layeract.native";
  private static final String INFO_OP = "LayerActNativeInfo";
  private static final String[] ISA_NAMES = {"?", "avx", "avx2", "avx512"};

  private static boolean attempted;
  private static String failure;
  private static Boolean gpuRuntime;
  private static volatile int threads;
  private static boolean fallbackLogged;

  private NativeKernels() {}

  /**
   * True for the op types this library registers ({@code LayerActForward}, {@code LayerActBackward},
   * {@code LayerActNativeInfo}): a graph holding one runs only in a JVM that loaded the kernels, so it must not be
   * exported (build exports with {@link LayerAct.Implementation#COMPOSED}).
   */
  public static boolean isNativeOp(String opType) {
    return opType.equals(NativeLayerAct.FORWARD_OP) || opType.equals(NativeLayerAct.BACKWARD_OP)
        || opType.equals(INFO_OP);
  }

  /** True if the library is loaded (loading it on the first call). */
  public static synchronized boolean loaded() {
    if (!attempted) {
      attempted = true;
      failure = load();
    }
    return failure == null;
  }

  /** Why the library could not be loaded, or null if it is loaded. */
  public static synchronized String failure() {
    return loaded() ? null : failure;
  }

  /**
   * The threads the kernels of graphs built afterwards use; 0 (the default) means every CPU this process may run on.
   * TF's C kernel API gives no access to the session's own intra-op pool, so set this to the session's intra-op
   * thread count when that is smaller. It does not change any result.
   */
  public static void setThreads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("native LayerAct threads must be 0 (all CPUs) or positive, got " + n);
    }
    threads = n;
  }

  /** The thread setting of {@link #setThreads}; 0 means every CPU. */
  public static int threads() {
    return threads;
  }

  /**
   * One line on what a default LayerAct uses in a CPU graph of this JVM, e.g. {@code native (avx2, 2 threads)} or
   * {@code fused (native kernels not loaded: ...)}.
   */
  public static String describe() {
    if (!loaded()) {
      return "fused (native kernels not loaded: " + failure() + ")";
    }
    if (gpuRuntime()) {
      return "fused (GPU build of TensorFlow; the native kernels are used only in graphs placed on a CPU device)";
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      var info = configure(g.opBuilder(INFO_OP, "info", Ops.create(g).scope())).build().output(0);
      try (Result r = s.runner().fetch(info).run()) {
        TInt32 t = (TInt32) r.get(0);
        int n = t.getInt(1);
        return "native (" + ISA_NAMES[t.getInt(0)] + ", " + n + (n == 1 ? " thread)" : " threads)");
      }
    } catch (RuntimeException e) {
      return "fused (native kernels unusable: " + e.getMessage().lines().findFirst().orElse("") + ")";
    }
  }

  /** Whether a LayerAct asking for the native kernels in scope {@code tf} gets them; logs once why not if unloaded. */
  static boolean usable(Ops tf) {
    if (!(tf.scope().env() instanceof Graph)) {
      return false;
    }
    String device = tf.scope().getDeviceString().toUpperCase(Locale.ROOT);
    if (device.contains("GPU") || (!device.contains("CPU") && gpuRuntime())) {
      return false;           // GPU graphs keep the fused XLA implementation (no device copies)
    }
    if (!loaded()) {
      logFallback();
      return false;
    }
    return NativeLayerAct.gradientRegistered();
  }

  /** Sets the run-time attributes ({@code threads}, {@code isa}) of a native op. */
  static OperationBuilder configure(OperationBuilder b) {
    String isa = System.getProperty(ISA_PROPERTY, System.getenv().getOrDefault(ISA_ENV, ""));
    return b.setAttr("threads", (long) threads).setAttr("isa", isa.trim().toLowerCase(Locale.ROOT));
  }

  private static synchronized void logFallback() {
    if (!fallbackLogged) {
      fallbackLogged = true;
      System.err.println("layeract: native LayerAct kernels not loaded (" + failure + "); using the fused implementation");
    }
  }

  /** Loads the library; returns null, or why it failed. */
  private static String load() {
    if ("false".equalsIgnoreCase(System.getProperty(ENABLE_PROPERTY, "").trim())) {
      return "disabled by -D" + ENABLE_PROPERTY + "=false";
    }
    String os = System.getProperty("os.name", "") + "-" + System.getProperty("os.arch", "");
    if (!os.equals("Linux-amd64") && !os.equals("Linux-x86_64")) {
      return "this jar has native kernels for Linux-x86_64 only, not " + os;
    }
    try (InputStream in = NativeKernels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "liblayeract_tf.so is not in the layeract-tf jar (it was built without a C++ compiler)";
      }
      Path copy = Files.createTempFile("liblayeract_tf", ".so");
      try {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        OpList ops = TensorFlow.loadLibrary(copy.toString());
        return ops.getOpList().stream().anyMatch(op -> op.getName().equals(NativeLayerAct.FORWARD_OP)) ? null
            : "liblayeract_tf.so registered no " + NativeLayerAct.FORWARD_OP + " op";
      } finally {
        Files.deleteIfExists(copy);     // once loaded, the mapping outlives the file
      }
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** True if this TensorFlow build has GPU kernels (the linux-x86_64-gpu native jar). */
  private static synchronized boolean gpuRuntime() {
    if (gpuRuntime == null) {
      TensorFlow.version();          // loads TF's own natives
      try (PointerScope scope = new PointerScope()) {
        TF_Status status = TF_Status.newStatus();
        TF_Buffer buffer = tensorflow.TF_GetRegisteredKernelsForOp("MatMul", status);
        status.throwExceptionIfNotOK();
        KernelList kernels;
        try {
          kernels = KernelList.parseFrom(buffer.dataAsByteBuffer());
        } finally {
          buffer.delete();
        }
        gpuRuntime = kernels.getKernelList().stream().map(KernelDef::getDeviceType).anyMatch("GPU"::equals);
      } catch (IOException | RuntimeException e) {
        gpuRuntime = false;
      }
    }
    return gpuRuntime;
  }
}
