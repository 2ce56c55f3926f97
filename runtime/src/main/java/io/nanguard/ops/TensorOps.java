package io.nanguard.ops;

/**
 * The ops the autograd engine records besides the elementwise catalogue rows (which are
 * {@link EngineOp}s themselves; division, the binary row {@link BinaryRows#DIV}, is listed here
 * too under its engine name): one constant each, with its backward {@link Flow} and the input a
 * catalogue row constrains. The checker reads these flags; the {@code Tensor} API table derives
 * its shape-only methods from them ({@link Flow#COPIES}).
 */
public final class TensorOps {

  public static final EngineOp ADD = op("add", Flow.LINEAR);
  public static final EngineOp SUB = op("sub", Flow.LINEAR);
  public static final EngineOp MUL = op("mul", Flow.GENERAL);
  /** a / b: the catalogue's binary row {@link BinaryRows#DIV} (its divisor, input 1, is checked). */
  public static final EngineOp DIV = BinaryRows.DIV;
  public static final EngineOp MAXIMUM = op("maximum", Flow.GENERAL);
  public static final EngineOp MINIMUM = op("minimum", Flow.GENERAL);
  public static final EngineOp CLAMP = op("clamp", Flow.GENERAL);
  public static final EngineOp SUM = op("sum", Flow.LINEAR);
  /** The maximum along a dim: backward sends the gradient to the first maximal element. */
  public static final EngineOp MAX = op("max", Flow.LINEAR);
  public static final EngineOp LOG_SUM_EXP = op("logSumExp", Flow.FINITE_IF_OUTPUT_FINITE);
  public static final EngineOp SOFTMAX = op("softmax", Flow.GENERAL);
  public static final EngineOp LOG_SOFTMAX = op("logSoftmax", Flow.GENERAL);
  public static final EngineOp CROSS_ENTROPY = op("crossEntropy", Flow.FINITE_IF_OUTPUT_FINITE);
  public static final EngineOp NORM = op("norm", Flow.GENERAL);
  public static final EngineOp MATMUL = op("matmul", Flow.GENERAL);
  public static final EngineOp RESHAPE = op("reshape", Flow.COPIES);
  public static final EngineOp UNSQUEEZE = op("unsqueeze", Flow.COPIES);
  public static final EngineOp SQUEEZE = op("squeeze", Flow.COPIES);
  public static final EngineOp TRANSPOSE = op("transpose", Flow.COPIES);
  public static final EngineOp SELECT = op("select", Flow.COPIES);
  public static final EngineOp INDEX_SELECT = op("indexSelect", Flow.COPIES);

  private TensorOps() {}

  /**
   * One recorded op that is not a catalogue row: no domain constrains its inputs.
   *
   * @param name as reports print it
   * @param flow how backward treats gradients
   */
  record Recorded(String name, Flow flow) implements EngineOp {
    @Override
    public OpSpec checkedRow() {
      return null;
    }

    @Override
    public int checkedOperand() {
      return -1;
    }
  }

  private static EngineOp op(String name, Flow flow) {
    return new Recorded(name, flow);
  }
}
