package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import java.lang.reflect.Field;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * DJL's built-in losses whose finiteness the listener can decide on the host, from the batch's
 * labels and predictions, without evaluating the loss a second time.
 *
 * <p>When neither a {@link WatchedLoss} nor DJL's evaluator listener has the batch's loss, the
 * listener must evaluate it again: for {@code L2Loss} that is five native operations and their
 * arrays, most of the listener's cost on a small model (docs/benchmarks.md, "DJL"). But some
 * losses are a mean of a bounded function of each label and prediction, finite whenever the
 * inputs are finite and not huge. One row per such loss class gives an upper bound of the
 * magnitude of each element's term before the mean, from the label, the prediction and the loss's
 * weight:
 *
 * <ul>
 *   <li>{@code L2Loss}: {@code mean((label - pred)^2 * weight)}, term at most
 *       {@code |weight| * (|label| + |pred|)^2};
 *   <li>{@code L1Loss}: {@code mean(|label - pred| * weight)}, term at most
 *       {@code |weight| * (|label| + |pred|)}.
 * </ul>
 *
 * <p>The loss is finite when every label and prediction is finite, the weight is finite and the
 * bounds sum (in double) to at most a quarter of {@link Float#MAX_VALUE}: then every float32
 * intermediate (difference, square, product) and every partial sum of the mean, in whatever order
 * the engine adds them, stays below the largest float even after rounding. Anything else
 * (a non-finite or huge input, an empty batch, whose mean is NaN, a label whose element count is
 * not the prediction's, another type or device, a subclass, which may compute something else, a
 * weight that cannot be read) is "not known to be finite", and the listener evaluates the loss
 * as before, which also names the rows. So this can only spare an evaluation, never hide a
 * non-finite loss.
 *
 * <p>The weight is a private field of DJL's loss; it is read reflectively, and if that fails
 * (another DJL version), the row is off.
 */
final class KnownLosses {

  /** A loss class and the bound of one element's term. */
  private enum Row {
    L2(L2Loss.class) {
      @Override
      double bound(double label, double prediction, double weight) {
        double sum = Math.abs(label) + Math.abs(prediction);
        return Math.abs(weight) * sum * sum;
      }
    },
    L1(L1Loss.class) {
      @Override
      double bound(double label, double prediction, double weight) {
        return Math.abs(weight) * (Math.abs(label) + Math.abs(prediction));
      }
    };

    private final Class<? extends Loss> type;
    private final Field weight;

    Row(Class<? extends Loss> type) {
      this.type = type;
      this.weight = weightField(type);
    }

    abstract double bound(double label, double prediction, double weight);
  }

  /** Bounds summing to at most this keep every float32 step of the mean finite (see above). */
  private static final double LIMIT = Float.MAX_VALUE / 4.0;

  private KnownLosses() {}

  /**
   * Whether {@code loss} is certainly finite on every device of {@code batch}; false when it is
   * not, or not known to be.
   */
  static boolean finite(Loss loss, BatchData batch) {
    Row row = rowOf(loss);
    if (row == null || batch.getPredictions().isEmpty()) {
      return false;
    }
    float weight;
    try {
      weight = row.weight.getFloat(loss);
    } catch (IllegalAccessException e) {
      return false;
    }
    if (!Float.isFinite(weight)) {
      return false;
    }
    for (Map.Entry<Device, NDList> e : batch.getPredictions().entrySet()) {
      NDList labels = batch.getLabels().get(e.getKey());
      if (labels == null || labels.size() != 1 || e.getValue().size() != 1
          || !finite(row, labels.head(), e.getValue().head(), weight)) {
        return false;
      }
    }
    return true;
  }

  private static boolean finite(Row row, NDArray label, NDArray prediction, float weight) {
    FloatBuffer labels = floats(label);
    FloatBuffer predictions = floats(prediction);
    if (labels == null || predictions == null || labels.limit() != predictions.limit() || labels.limit() == 0) {
      return false;
    }
    double total = 0;
    for (int i = 0; i < labels.limit(); i++) {
      float x = labels.get(i);
      float y = predictions.get(i);
      if (!Float.isFinite(x) || !Float.isFinite(y)) {
        return false;
      }
      total += row.bound(x, y, weight);
    }
    return total <= LIMIT;
  }

  /** The values of a dense float32 array on the CPU, read where they lie; null for any other. */
  private static FloatBuffer floats(NDArray a) {
    if (!HostScan.reads(a, a.getDevice(), a.getDataType())) {
      return null;
    }
    return HostScan.memory(a).asFloatBuffer(); // a view: its elements start at index 0
  }

  private static Row rowOf(Loss loss) {
    for (Row r : Row.values()) {
      if (loss.getClass() == r.type && r.weight != null) {
        return r;
      }
    }
    return null;
  }

  private static Field weightField(Class<? extends Loss> type) {
    try {
      Field f = type.getDeclaredField("weight");
      if (f.getType() != float.class) {
        return null;
      }
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
