package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Finiteness;
import io.nanguard.check.GradientCheck;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Report;
import io.nanguard.check.Severity;
import io.nanguard.check.Site;
import java.nio.FloatBuffer;
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
 * {@link NonFiniteException} it stops training with the weights untouched. It checks the loss
 * (see {@link BatchLoss} for where it comes from), and every parameter's values and gradient on
 * every device of the trainer ({@link DeviceParameters}: with several devices, each device's
 * copy), naming parameters as DJL does ({@code Block.getParameters()}) and the offending rows.
 * Exploding gradients are warnings under the thresholds of {@link AnomalyOptions}. While the
 * listener's trainer is open, {@link NdGuard} guards that change a value report an
 * {@code UNSAFE_INPUT} warning at the user's line here.
 *
 * <p>Cost per batch, when nothing is wrong: one sum per gradient on its device (a norm if a
 * gradient threshold is set), and one host transfer for all of them. The loss is the value the
 * step computed if the trainer's loss is a {@link WatchedLoss} (the cheapest: no evaluation),
 * else DJL's evaluator listener's number if that listener runs first, else evaluated again
 * without a gradient. Values are copied to the host only for an array with a possible finding,
 * and the caller's line is looked up only for a finding.
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
  private int errors;
  /** The parameters of the trainer last checked, read once per trainer. */
  private Trainer trainer;
  private DeviceParameters parameters;

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
    int errorsBefore = errors();
    try (NDScope scope = new NDScope()) {
      Map<Device, NDArray> losses = BatchLoss.of(trainer, batchData, this);
      check(trainer.getLoss().getName(), losses, parametersOf(trainer).copies(), new CallerSite());
      scope.suppressNotUsedWarning();
    }
    if (!options.collectAll() && errors() > errorsBefore) {
      throw new NonFiniteException(report());
    }
  }

  private synchronized DeviceParameters parametersOf(Trainer t) {
    if (t != trainer) {
      trainer = t;
      parameters = DeviceParameters.of(t);
    }
    return parameters;
  }

  /**
   * Adds a finding (also used by guards while the trainer is open); exact repeats are dropped.
   * An error counts towards stopping training even when the report is full.
   */
  synchronized void add(Finding f) {
    if (!seen.add(f)) {
      return;
    }
    if (f.severity() == Severity.ERROR) {
      errors++;
    }
    if (findings.size() >= options.maxFindings()) {
      omitted++;
      return;
    }
    findings.add(f);
  }

  private synchronized int errors() {
    return errors;
  }

  /**
   * One reduction per parameter on its device: the sum of its gradient (its norm when a gradient
   * threshold is set, since the warnings need it), or of its values if it has no gradient, and
   * the sum of each loss. A sum is non-finite whenever an element is (a NaN, or an inf, makes it
   * NaN or inf), at a quarter of a norm's cost. The summaries are read in one host transfer. Only
   * if one is not finite are the values of the parameters with a gradient summed and read too
   * (a NaN weight shows in the loss or the gradients of the batch that uses it, so they need no
   * check of their own before); an array is copied to the host, for the exact check that names
   * the rows, only when its summary is not finite or may cross a threshold. Package-private so
   * that tests can hand it the copies of a parameter store.
   */
  void check(String lossName, Map<Device, NDArray> losses, List<DeviceParameters.Copy> copies, CallerSite site) {
    boolean norms = Double.isFinite(options.gradientNormThreshold()) || Double.isFinite(options.gradientGrowthFactor());
    List<Checked> first = new ArrayList<>();
    for (Map.Entry<Device, NDArray> e : losses.entrySet()) {
      // a 0-d loss (DJL's built-in losses are means) is its own summary: one reduction fewer
      NDArray loss = wide(e.getValue());
      first.add(new Checked(Part.LOSS, lossName, e.getKey(), e.getValue(),
          loss.getShape().dimension() == 0 ? loss : loss.sum()));
    }
    List<DeviceParameters.Copy> trained = new ArrayList<>();
    for (DeviceParameters.Copy c : copies) {
      if (c.array().hasGradient()) {
        NDArray g = c.array().getGradient();
        // the parameter's type, which DJL caches, is the gradient's: no native call to ask it again
        NDArray wideG = wide(g, c.array().getDataType());
        first.add(new Checked(Part.GRADIENT, c.name(), c.device(), g, norms ? wideG.norm() : wideG.sum()));
        trained.add(c);
      } else {
        first.add(Checked.values(c));
      }
    }
    float[] summaries = read(first);
    boolean allFinite = true;
    for (float v : summaries) {
      allFinite &= Float.isFinite(v);
    }
    if (!allFinite && !trained.isEmpty()) {
      // the cause first: a non-finite weight, then the loss and gradients it produced
      List<Checked> values = new ArrayList<>();
      trained.forEach(c -> values.add(Checked.values(c)));
      float[] v = read(values);
      for (int i = 0; i < values.size(); i++) {
        values.get(i).report(v[i], norms, this, site);
      }
    }
    for (int i = 0; i < first.size(); i++) {
      first.get(i).report(summaries[i], norms, this, site);
    }
  }

  /**
   * The summaries, stacked per device, moved to the first device (device-to-device copies are
   * asynchronous) and read with one host transfer.
   */
  private static float[] read(List<Checked> checks) {
    if (checks.isEmpty()) {
      return new float[0];
    }
    Map<Device, List<Integer>> byDevice = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      byDevice.computeIfAbsent(checks.get(i).device(), d -> new ArrayList<>()).add(i);
    }
    Device first = checks.get(0).device();
    NDList stacked = new NDList();
    List<Integer> order = new ArrayList<>();
    for (List<Integer> indices : byDevice.values()) {
      NDList one = new NDList();
      indices.forEach(i -> one.add(checks.get(i).summary()));
      stacked.add(NDArrays.stack(one).toDevice(first, false));
      order.addAll(indices);
    }
    // toByteBuffer(false): one copy of the bytes into the heap, where toFloatArray's direct
    // buffer asks the engine three more questions first (sparse? layout? contiguous?); the
    // summaries are float32 and a fresh stack is dense and contiguous
    FloatBuffer bytes = (stacked.size() == 1 ? stacked.head() : NDArrays.concat(stacked)).toByteBuffer(false)
        .asFloatBuffer();
    float[] read = new float[bytes.remaining()];
    bytes.get(read);
    float[] out = new float[checks.size()];
    for (int k = 0; k < order.size(); k++) {
      out[order.get(k)] = read[k];
    }
    return out;
  }

  /** What one summary is about. */
  private enum Part { LOSS, VALUES, GRADIENT }

  /** One array to check, its on-device summary, and what a non-finite summary means. */
  private record Checked(Part part, String name, Device device, NDArray array, NDArray summary) {

    /** The check of a parameter copy's values, summarised by their sum. */
    static Checked values(DeviceParameters.Copy c) {
      return new Checked(Part.VALUES, c.name(), c.device(), c.array(), wide(c.array()).sum());
    }

    void report(float summaryValue, boolean isNorm, NanGuardListener l, CallerSite site) {
      switch (part) {
        case LOSS -> {
          if (!Float.isFinite(summaryValue)) {
            Finding f = Finiteness.finding(FindingKind.NON_FINITE_FORWARD, "loss", site.get(), NdValues.doubles(array),
                NdValues.shape(array), v -> !Double.isFinite(v), where -> "loss '" + name + "' on " + device
                    + " is non-finite " + where
                    + "; the gradients below come from it");
            if (f != null) {
              l.add(f);
            }
          }
        }
        case VALUES -> {
          if (!Float.isFinite(summaryValue)) {
            Finding f = l.gradients.parameter(name, NdValues.shape(array), NdValues.doubles(array), site.get());
            if (f != null) {
              l.add(f);
            }
          }
        }
        case GRADIENT -> {
          if (isNorm ? l.gradients.needsDetail(name, summaryValue) : !Float.isFinite(summaryValue)) {
            l.gradients.gradient(name, NdValues.shape(array), NdValues.doubles(array), site.get()).forEach(l::add);
          }
        }
      }
    }
  }

  private static NDArray wide(NDArray a) {
    return wide(a, a.getDataType());
  }

  private static NDArray wide(NDArray a, DataType type) {
    return type == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
  }

  /**
   * The user's line that drives training: the first frame outside DJL, NaNGuard and the JDK.
   * Walked only when a finding needs it (a stack walk costs about as much as the checks), and
   * then once per batch.
   */
  static final class CallerSite {
    private Site site;

    Site get() {
      if (site == null) {
        Optional<StackWalker.StackFrame> frame = StackWalker.getInstance().walk(frames -> frames
            .filter(f -> !f.getClassName().startsWith("ai.djl.") && !f.getClassName().startsWith("java.")
                && !f.getClassName().startsWith(NanGuardListener.class.getName()))
            .findFirst());
        site = frame.map(f -> new Site(f.getFileName() == null ? f.getClassName() : f.getFileName(), f.getLineNumber(),
            f.getMethodName())).orElse(Site.UNKNOWN);
      }
      return site;
    }
  }
}
