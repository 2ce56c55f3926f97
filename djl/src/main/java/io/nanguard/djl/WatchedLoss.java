package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DJL {@link Loss} that keeps the value the training step computed, so that
 * {@link NanGuardListener} checks that very array instead of evaluating the loss a second time:
 *
 * <pre>{@code
 * new DefaultTrainingConfig(new WatchedLoss(Loss.l2Loss())).addTrainingListeners(new NanGuardListener());
 * }</pre>
 *
 * <p>DJL's {@code EasyTrain.trainSplit} keeps the loss it backpropagates in a local variable and
 * hands listeners only the labels and predictions it evaluated it on; the loss is the one object
 * of the step that sees the value. This one delegates everything to the loss it wraps (name,
 * value, accumulators) and remembers, per device, its last value with the labels and predictions
 * it came from. The listener takes a value only if it came from this batch's very labels and
 * predictions (the same {@code NDList} objects {@code trainSplit} put in the listener's
 * {@code BatchData}): the value backpropagated, or an evaluation of the same inputs by another
 * listener (DJL's evaluator), which is the same number. Anything else (a validation batch, a
 * closed array, another engine's loop) is not taken, and the listener falls back to its other
 * sources.
 */
public final class WatchedLoss extends Loss {

  /** One evaluation: its inputs, compared by identity, and its value. */
  private record Kept(NDList labels, NDList predictions, NDArray value) {}

  private final Loss loss;
  private final Map<Device, Kept> kept = new ConcurrentHashMap<>();

  /** Wraps {@code loss}, under its own name. */
  public WatchedLoss(Loss loss) {
    super(requireLoss(loss).getName());
    this.loss = loss;
  }

  /** The wrapped loss. */
  public Loss loss() {
    return loss;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray value = loss.evaluate(labels, predictions);
    kept.put(predictions.get(0).getDevice(), new Kept(labels, predictions, value));
    return value;
  }

  /**
   * The value of this batch's loss on each device of {@code batch}, if every device has one
   * computed from exactly that device's labels and predictions and still open; else null.
   * Forgets everything kept.
   */
  Map<Device, NDArray> take(BatchData batch) {
    Map<Device, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<Device, NDList> e : batch.getPredictions().entrySet()) {
      Kept k = kept.get(e.getKey());
      if (k == null || k.predictions() != e.getValue() || k.labels() != batch.getLabels().get(e.getKey())
          || k.value().isReleased()) {
        out = null;
        break;
      }
      out.put(e.getKey(), k.value());
    }
    kept.clear();
    return out;
  }

  @Override
  public void addAccumulator(String key) {
    loss.addAccumulator(key);
  }

  @Override
  public void updateAccumulator(String key, NDList labels, NDList predictions) {
    loss.updateAccumulator(key, labels, predictions);
  }

  @Override
  public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
    loss.updateAccumulators(keys, labels, predictions);
  }

  @Override
  public void resetAccumulator(String key) {
    loss.resetAccumulator(key);
  }

  @Override
  public float getAccumulator(String key) {
    return loss.getAccumulator(key);
  }

  private static Loss requireLoss(Loss loss) {
    if (loss == null) {
      throw new IllegalArgumentException("WatchedLoss: the loss to watch must not be null");
    }
    return loss;
  }
}
