package io.github.layeract.models.train;

import io.github.layeract.models.InputShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Deterministic fed batches and variable read-back for the training tests. */
final class TestData {

  private TestData() {}

  /** A fed input whose batch of step {@code s} depends only on {@code s}: Gaussian images, labels i % classes. */
  static StepInput fed(TrainingGraph t, int batch, int classes, boolean fixed) {
    return step -> {
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        labels[i] = i % classes;
      }
      Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
      feeds.put(t.imagesPlaceholder().orElseThrow(), images(t.model().config().input(), batch, fixed ? 7 : 1000 + step));
      feeds.put(t.labelsPlaceholder().orElseThrow(), TInt32.vectorOf(labels));
      return feeds;
    };
  }

  /** {@code batch} standard-normal images of shape {@code in}, from {@code seed}. */
  static TFloat32 images(InputShape in, int batch, long seed) {
    Random r = new Random(seed);
    float[] images = new float[(int) (batch * in.size())];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) r.nextGaussian();
    }
    return TFloat32.tensorOf(Shape.of(batch, in.height(), in.width(), in.channels()), DataBuffers.of(images, true, false));
  }

  /** The values of {@code vars}, flattened, in order. */
  static List<float[]> values(Session s, List<? extends Variable<TFloat32>> vars) {
    Session.Runner runner = s.runner();
    vars.forEach(runner::fetch);
    List<float[]> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < vars.size(); i++) {
        out.add(floats((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  static float[] floats(TFloat32 t) {
    float[] a = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(a, false, false));
    return a;
  }
}
