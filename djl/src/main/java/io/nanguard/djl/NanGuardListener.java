package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Finiteness;
import io.nanguard.check.GradientCheck;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Report;
import io.nanguard.check.Severity;
import io.nanguard.check.Site;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NaNGuard's anomaly checks for a DJL training loop, as a {@code TrainingListener}:
 *
 * <pre>{@code
 * TrainingConfig config = new DefaultTrainingConfig(loss).addTrainingListeners(new NanGuardListener());
 * EasyTrain.fit(trainer, epochs, data, null);   // throws NonFiniteException before a bad step
 * }</pre>
 *
 * <p>DJL's {@code EasyTrain.trainBatch} runs forward and backward, then calls
 * {@link #onTrainingBatch}; {@code EasyTrain.fit} calls {@code trainer.step()} only after it
 * returns. So this listener sees every gradient before the optimizer does, and by throwing
 * {@link NonFiniteException} it stops training with the weights untouched. It checks, on every
 * device of the batch: the loss (recomputed from the batch's predictions and labels), every
 * parameter's values, and every parameter's gradient, naming parameters as DJL does
 * ({@code Block.getParameters()}) and the offending rows. Exploding gradients are warnings under
 * the thresholds of {@link AnomalyOptions}. While the listener's trainer is open, {@link NdGuard}
 * guards that change a value report an {@code UNSAFE_INPUT} warning at the user's line here.
 *
 * <p>Cost: the loss recomputed without a gradient, one sum per parameter and one norm per
 * gradient on its device, and one host synchronisation per device per batch; values are copied
 * to the host only for an array with a possible finding.
 *
 * <p>The report has the format of the core checker ({@link Report}, JSON included). In throw
 * mode (the default) the first batch with an error throws, carrying every finding of that batch;
 * in collect mode ({@link AnomalyOptions.Builder#collectAll()}) nothing is thrown and
 * {@link #report()} has everything.
 */
public final class NanGuardListener extends TrainingListenerAdapter {

  private final AnomalyOptions options;
  private final GradientCheck gradients;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<Finding> seen = new HashSet<>();
  private int omitted;

  /** Throws {@link NonFiniteException} at the first batch with an error. */
  public NanGuardListener() {
    this(AnomalyOptions.defaults());
  }

  /** Checks with the given options (collect mode, gradient thresholds, most findings kept). */
  public NanGuardListener(AnomalyOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("NanGuardListener: options must not be null");
    }
    this.options = options;
    this.gradients = new GradientCheck(options);
  }

  /** Everything found so far, first cause first. */
  public synchronized Report report() {
    return new Report(findings, omitted);
  }

  @Override
  public void onTrainingBegin(Trainer trainer) {
    NdChecks.open(this);
  }

  @Override
  public void onTrainingEnd(Trainer trainer) {
    NdChecks.close(this);
  }

  /**
   * Checks the batch that has just run backward, before the optimizer step.
   *
   * @throws NonFiniteException in throw mode, if the loss, a parameter or a gradient is non-finite
   */
  @Override
  public void onTrainingBatch(Trainer trainer, BatchData batchData) {
    Site site = callerSite();
    int errorsBefore = errors();
    try (NDScope scope = new NDScope()) {
      check(trainer.getLoss(), trainer, batchData, site);
      scope.suppressNotUsedWarning();
    }
    if (!options.collectAll() && errors() > errorsBefore) {
      throw new NonFiniteException(report());
    }
  }

  /** Adds a finding (also used by guards while the trainer is open); exact repeats are dropped. */
  synchronized void add(Finding f) {
    if (!seen.add(f)) {
      return;
    }
    if (findings.size() >= options.maxFindings()) {
      omitted++;
      return;
    }
    findings.add(f);
  }

  private synchronized int errors() {
    return (int) findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
  }

  /**
   * The loss of every device (recomputed from the batch's predictions and labels, without a
   * gradient), then one sum per parameter array and one norm per gradient, stacked per device
   * and read with one synchronisation each. A sum or norm that is not finite (a NaN or inf
   * anywhere; or, rarely, a finite overflow) sends that array to the host for the exact check,
   * which names the rows; otherwise nothing is copied.
   */
  private void check(Loss loss, Trainer trainer, BatchData batchData, Site site) {
    Map<Device, List<Checked>> byDevice = new LinkedHashMap<>();
    for (Map.Entry<Device, NDList> e : batchData.getPredictions().entrySet()) {
      NDList labels = batchData.getLabels().get(e.getKey());
      if (labels != null) {
        NDArray value = loss.evaluate(labels, e.getValue());
        byDevice.computeIfAbsent(e.getKey(), d -> new ArrayList<>())
            .add(new Checked(Part.LOSS, "loss '" + loss.getName() + "' on " + e.getKey(), value, wide(value).sum()));
      }
    }
    for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
      NDArray array = p.getValue().isInitialized() ? p.getValue().getArray() : null;
      if (array == null) {
        continue;
      }
      List<Checked> list = byDevice.computeIfAbsent(array.getDevice(), d -> new ArrayList<>());
      list.add(new Checked(Part.VALUES, p.getKey(), array, wide(array).sum()));
      if (array.hasGradient()) {
        NDArray g = array.getGradient();
        list.add(new Checked(Part.GRADIENT, p.getKey(), g, wide(g).norm()));
      }
    }
    for (List<Checked> list : byDevice.values()) {
      NDList sums = new NDList();
      list.forEach(c -> sums.add(c.summary()));
      float[] s = NDArrays.stack(sums).toFloatArray();
      for (int i = 0; i < list.size(); i++) {
        list.get(i).report(s[i], this, site);
      }
    }
  }

  /** What one summary is about. */
  private enum Part { LOSS, VALUES, GRADIENT }

  /** One array to check, its on-device summary, and what a non-finite summary means. */
  private record Checked(Part part, String name, NDArray array, NDArray summary) {

    void report(float summaryValue, NanGuardListener l, Site site) {
      switch (part) {
        case LOSS -> {
          if (!Float.isFinite(summaryValue)) {
            Finding f = Finiteness.finding(FindingKind.NON_FINITE_FORWARD, "loss", site, NdValues.doubles(array),
                NdValues.shape(array), v -> !Double.isFinite(v), where -> name + " is non-finite " + where
                    + "; the gradients below come from it");
            if (f != null) {
              l.add(f);
            }
          }
        }
        case VALUES -> {
          if (!Float.isFinite(summaryValue)) {
            Finding f = l.gradients.parameter(name, NdValues.shape(array), NdValues.doubles(array), site);
            if (f != null) {
              l.add(f);
            }
          }
        }
        case GRADIENT -> {
          if (l.gradients.needsDetail(name, summaryValue)) {
            l.gradients.gradient(name, NdValues.shape(array), NdValues.doubles(array), site).forEach(l::add);
          }
        }
      }
    }
  }

  private static NDArray wide(NDArray a) {
    return a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
  }

  /** The user's line that drives training: the first frame outside DJL, NaNGuard and the JDK. */
  private static Site callerSite() {
    Optional<StackWalker.StackFrame> frame = StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !f.getClassName().startsWith("ai.djl.") && !f.getClassName().startsWith("java.")
            && !f.getClassName().equals(NanGuardListener.class.getName()))
        .findFirst());
    return frame.map(f -> new Site(f.getFileName() == null ? f.getClassName() : f.getFileName(), f.getLineNumber(),
        f.getMethodName())).orElse(Site.UNKNOWN);
  }
}
