package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the listener gets a training batch's loss from.
 *
 * <p>DJL 0.36's {@code EasyTrain.trainSplit} keeps the loss it backpropagates in a local variable
 * ({@code NDArray lossValue = trainer.getLoss().evaluate(labels, preds); collector.backward(lossValue)})
 * and hands listeners only the batch's labels and predictions ({@link BatchData}); no trainer,
 * metric or listener API exposes the value. Four ways remain, taken in this order:
 *
 * <ul>
 *   <li>the trainer's loss is a {@link WatchedLoss}: it kept the values computed from this
 *       batch's labels and predictions (the step's own), which are checked as they are, with no
 *       evaluation at all;
 *   <li>DJL's own {@link EvaluatorTrainingListener} (in {@code TrainingListener.Defaults.basic()}
 *       and {@code logging()}) evaluates the loss again on every batch and keeps the sum of this
 *       batch's values as the loss's accumulator {@code "train/all"}, already on the host. When it
 *       runs before this listener, that number is read: no evaluation and no synchronisation of
 *       NaNGuard's own; only if it is not finite is the loss evaluated again, to name the rows;
 *   <li>for DJL's {@code L2Loss} and {@code L1Loss}, {@link KnownLosses} decides from the labels
 *       and predictions, on the host, that the loss is finite: no evaluation. If it cannot (a
 *       non-finite or huge input, another device or type), the loss is evaluated as below;
 *   <li>otherwise the listener evaluates the loss from each device's labels and predictions,
 *       without a gradient, inside {@link NdChecks#replay}: the guards of a generated loss neither
 *       count that second evaluation in {@code GuardStats} nor report it.
 * </ul>
 */
final class BatchLoss {

  private BatchLoss() {}

  /**
   * The arrays to check for this batch's loss, per device; empty when DJL's evaluator listener's
   * number is finite or {@link KnownLosses} shows the loss finite (nothing to check on the device).
   */
  static Map<Device, NDArray> of(Trainer trainer, BatchData batchData, TrainingListener self) {
    Loss loss = trainer.getLoss();
    if (loss instanceof WatchedLoss watched) {
      Map<Device, NDArray> kept = watched.take(batchData);
      if (kept != null) {
        return kept;
      }
    }
    Float evaluated = fromEvaluator(trainer, self);
    boolean finite = evaluated != null ? Float.isFinite(evaluated) : KnownLosses.finite(loss, batchData);
    return finite ? Map.of() : evaluate(loss, batchData);
  }

  /**
   * This batch's loss summed over its devices, as DJL's evaluator listener left it; null if no
   * {@link EvaluatorTrainingListener} runs before {@code self} (the accumulator would hold the
   * previous batch's value).
   */
  private static Float fromEvaluator(Trainer trainer, TrainingListener self) {
    List<TrainingListener> order = new ArrayList<>();
    trainer.notifyListeners(order::add);
    for (TrainingListener l : order) {
      if (l == self) {
        return null;
      }
      if (l instanceof EvaluatorTrainingListener) {
        try {
          return trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_ALL);
        } catch (IllegalArgumentException noAccumulator) {
          return null;
        }
      }
    }
    return null;
  }

  /** The loss of every device of the batch, evaluated again with the guards silent. */
  private static Map<Device, NDArray> evaluate(Loss loss, BatchData batchData) {
    Map<Device, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<Device, NDList> e : batchData.getPredictions().entrySet()) {
      NDList labels = batchData.getLabels().get(e.getKey());
      if (labels != null) {
        out.put(e.getKey(), NdChecks.replay(() -> loss.evaluate(labels, e.getValue())));
      }
    }
    return out;
  }
}
