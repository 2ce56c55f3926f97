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
 * <p>Cost per batch, when nothing is wrong: on the CPU, one pass in Java over the memory of each
 * float32 gradient and loss, with no native operation ({@link HostScan}); on another device (or
 * for another type), one sum per array on its device, and one host transfer for all of them; with
 * a gradient threshold, one norm per gradient on its device, read the same way. The loss is the
 * value the step computed if the trainer's loss is a {@link WatchedLoss} (the cheapest: no
 * evaluation), else DJL's evaluator listener's number if that listener runs first, else, for DJL's
 * {@code L2Loss} and {@code L1Loss}, a host decision from the labels and predictions
 * ({@link KnownLosses}), else evaluated again without a gradient. Values are copied to the host
 * only for an array with a possible finding, and the caller's line is looked up only for a
 * finding.
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
   * One summary per array: the loss of each device, and per parameter its gradient (its norm when
   * a gradient threshold is set, since the warnings need it), or its values if it has no gradient.
   * A float32 array on the CPU is scanned where it lies ({@link HostScan}: no native operation);
   * any other is reduced on its device by a sum, which is non-finite whenever an element is (a NaN,
   * or an inf, makes it NaN or inf), at a quarter of a norm's cost, and those sums are read in one
   * host transfer. Only if a summary is not finite are the values of the parameters with a gradient
   * checked too (a NaN weight shows in the loss or the gradients of the batch that uses it, so they
   * need no check of their own before); an array is copied to the host, for the exact check that
   * names the rows, only when its summary is not finite or may cross a threshold. Package-private
   * so that tests can hand it the copies of a parameter store.
   */
  void check(String lossName, Map<Device, NDArray> losses, List<DeviceParameters.Copy> copies, CallerSite site) {
    boolean norms = Double.isFinite(options.gradientNormThreshold()) || Double.isFinite(options.gradientGrowthFactor());
    List<Checked> first = new ArrayList<>();
    for (Map.Entry<Device, NDArray> e : losses.entrySet()) {
      first.add(Checked.of(Part.LOSS, lossName, e.getKey(), e.getValue(), e.getValue().getDataType(), false));
    }
    List<DeviceParameters.Copy> trained = new ArrayList<>();
    for (DeviceParameters.Copy c : copies) {
      if (c.array().hasGradient()) {
        // the parameter's type, which DJL caches, is the gradient's: no native call to ask it again
        first.add(Checked.of(Part.GRADIENT, c.name(), c.device(), c.array().getGradient(), c.array().getDataType(),
            norms));
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
   * The summaries: those scanned on the host as they are; the others stacked per device, moved to
   * the first device (device-to-device copies are asynchronous) and read with one host transfer.
   */
  private static float[] read(List<Checked> checks) {
    float[] out = new float[checks.size()];
    Map<Device, List<Integer>> byDevice = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      Checked c = checks.get(i);
      if (c.summary() == null) {
        out[i] = c.scanned();
      } else {
        byDevice.computeIfAbsent(c.device(), d -> new ArrayList<>()).add(i);
      }
    }
    if (byDevice.isEmpty()) {
      return out;
    }
    Device first = byDevice.keySet().iterator().next();
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
    for (int k = 0; k < order.size(); k++) {
      out[order.get(k)] = read[k];
    }
    return out;
  }

  /** What one summary is about. */
  private enum Part { LOSS, VALUES, GRADIENT }

  /**
   * One array to check, and its summary: on its device ({@code summary}, to be read), or, for an
   * array scanned on the host, already known ({@code scanned}: 0 if every element is finite, NaN
   * if not); and what a non-finite summary means.
   */
  private record Checked(Part part, String name, Device device, NDArray array, NDArray summary, float scanned) {

    /**
     * The check of {@code array} (of {@code type}): its norm if {@code norm}, else whether it is
     * all finite, scanned on the host when it can be, else summed on its device (a 0-d array, such
     * as DJL's built-in losses, which are means, is its own sum: one reduction fewer).
     */
    static Checked of(Part part, String name, Device device, NDArray array, DataType type, boolean norm) {
      if (!norm && HostScan.reads(array, device, type)) {
        return new Checked(part, name, device, array, null, HostScan.allFinite(array) ? 0f : Float.NaN);
      }
      NDArray wide = type == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
      NDArray summary = norm ? wide.norm() : wide.getShape().dimension() == 0 ? wide : wide.sum();
      return new Checked(part, name, device, array, summary, Float.NaN);
    }

    /** The check of a parameter copy's values. */
    static Checked values(DeviceParameters.Copy c) {
      return of(Part.VALUES, c.name(), c.device(), c.array(), c.array().getDataType(), false);
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
