package io.nanguard.tensor;

import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.EngineOp;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.TensorOps;
import java.util.Arrays;
import java.util.Random;

/**
 * A dense, row-major, double-precision n-dimensional array with reverse-mode autograd, named
 * like PyTorch's: {@code a.sub(b).square().sum(1).sqrt()} is {@code ((a - b) ** 2).sum(1).sqrt()}.
 *
 * <p>Binary ops broadcast as NumPy does; their gradients are summed back over the broadcast
 * dimensions. Tensors are immutable except for leaf data written by optimizers and gradients
 * accumulated by {@link #backward()}. Gradient conventions follow PyTorch, including the
 * infinite gradient of a hand-written {@code sqrt} at 0 that NaNGuard exists to catch, and the
 * 0 gradient of {@link #norm()} and {@link #dist} at 0.
 *
 * <p>Bad input (mismatched shapes, a dim or index out of range, backward on a non-scalar) throws
 * {@link IllegalArgumentException} naming the op and the shapes; nothing fails silently.
 */
public final class Tensor {

  private final double[] data;
  private final int[] shape;
  final Node node;
  private boolean requiresGrad;
  private Tensor grad;

  private Tensor(double[] data, int[] shape, Node node) {
    this.data = data;
    this.shape = shape;
    this.node = node;
    this.requiresGrad = node != null;
  }

  // ---------------------------------------------------------------- creation

  /** A 1-D tensor holding a copy of the values. */
  public static Tensor of(double... values) {
    return new Tensor(values.clone(), new int[] {values.length}, null);
  }

  /** A tensor of the given shape holding a copy of the row-major data. */
  public static Tensor of(double[] data, int... shape) {
    int[] s = Shapes.checked("of", shape);
    if (Shapes.numel("of", s) != data.length) {
      throw new IllegalArgumentException("of: " + data.length + " values do not fill shape "
          + Shapes.str(s) + " (" + Shapes.numel("of", s) + " elements)");
    }
    return new Tensor(data.clone(), s, null);
  }

  /** A 0-dimensional tensor. */
  public static Tensor scalar(double value) {
    return new Tensor(new double[] {value}, new int[0], null);
  }

  public static Tensor zeros(int... shape) {
    return filled("zeros", 0, shape);
  }

  public static Tensor ones(int... shape) {
    return filled("ones", 1, shape);
  }

  public static Tensor full(double value, int... shape) {
    return filled("full", value, shape);
  }

  private static Tensor filled(String op, double value, int... shape) {
    int[] s = Shapes.checked(op, shape);
    double[] d = new double[Shapes.numel(s)];
    Arrays.fill(d, value);
    return new Tensor(d, s, null);
  }

  /** Standard normal samples from the given generator (reproducible for a seeded Random). */
  public static Tensor randn(Random random, int... shape) {
    int[] s = Shapes.checked("randn", shape);
    double[] d = new double[Shapes.numel(s)];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextGaussian();
    }
    return new Tensor(d, s, null);
  }

  /** 0, 1, ..., n - 1. */
  public static Tensor arange(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("arange: negative length " + n);
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return new Tensor(d, new int[] {n}, null);
  }

  /** Marks a leaf as needing gradients and returns it. */
  public Tensor requiresGrad(boolean requires) {
    if (node != null) {
      throw new IllegalStateException("requiresGrad: only leaf tensors can change requiresGrad; this one is the"
          + " output of " + node.op.name() + " (use detach() first)");
    }
    this.requiresGrad = requires;
    return this;
  }

  // ---------------------------------------------------------------- reading

  public int[] shape() {
    return shape.clone();
  }

  public int dim() {
    return shape.length;
  }

  public int size(int dim) {
    return shape[Shapes.dim("size", dim, shape)];
  }

  public int numel() {
    return data.length;
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (data.length != 1) {
      throw new IllegalArgumentException("item: needs a one-element tensor, got shape " + Shapes.str(shape));
    }
    return data[0];
  }

  /** The element at the given index (one coordinate per dimension). */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("get: " + index.length + " indices for shape " + Shapes.str(shape));
    }
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new IllegalArgumentException("get: index " + index[i] + " out of range for dim " + i
            + " of shape " + Shapes.str(shape));
      }
      flat = flat * shape[i] + index[i];
    }
    return data[flat];
  }

  /** A copy of the elements in row-major order. */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * The live storage, for optimizers and checkers that update or scan parameters in place.
   * Writing it bypasses autograd (like PyTorch's {@code .data}).
   */
  public double[] data() {
    return data;
  }

  /** The accumulated gradient of a leaf, or null before any backward reached it. */
  public Tensor grad() {
    return grad;
  }

  /** Drops the accumulated gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
  public void zeroGrad() {
    grad = null;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Whether this tensor was created by the user rather than by an op. */
  public boolean isLeaf() {
    return node == null;
  }

  /** The name of the op that produced this tensor, or null for a leaf. */
  public String op() {
    return node == null ? null : node.op.name();
  }

  /** The same values, cut from the graph: no gradient flows through the result. */
  public Tensor detach() {
    return new Tensor(data, shape, null);
  }

  /** Runs reverse-mode autograd from this one-element tensor into every leaf that requires grad. */
  public void backward() {
    Autograd.backward(this);
  }

  /** Adds g into the gradient; g is handed over by the engine, which keeps no other reference. */
  void accumulateGrad(double[] g) {
    if (grad == null) {
      grad = new Tensor(g, shape, null);
    } else {
      double[] acc = grad.data;
      for (int i = 0; i < acc.length; i++) {
        acc[i] += g[i];
      }
    }
  }

  // ---------------------------------------------------------------- elementwise, table driven

  public Tensor neg() {
    return unary(OpCatalog.NEG);
  }

  public Tensor abs() {
    return unary(OpCatalog.ABS);
  }

  public Tensor square() {
    return unary(OpCatalog.SQUARE);
  }

  public Tensor sqrt() {
    return unary(OpCatalog.SQRT);
  }

  public Tensor rsqrt() {
    return unary(OpCatalog.RSQRT);
  }

  public Tensor reciprocal() {
    return unary(OpCatalog.RECIPROCAL);
  }

  public Tensor exp() {
    return unary(OpCatalog.EXP);
  }

  public Tensor expm1() {
    return unary(OpCatalog.EXPM1);
  }

  public Tensor log() {
    return unary(OpCatalog.LOG);
  }

  public Tensor log2() {
    return unary(OpCatalog.LOG2);
  }

  public Tensor log10() {
    return unary(OpCatalog.LOG10);
  }

  public Tensor log1p() {
    return unary(OpCatalog.LOG1P);
  }

  public Tensor sigmoid() {
    return unary(OpCatalog.SIGMOID);
  }

  public Tensor tanh() {
    return unary(OpCatalog.TANH);
  }

  public Tensor relu() {
    return unary(OpCatalog.RELU);
  }

  public Tensor softplus() {
    return unary(OpCatalog.SOFTPLUS);
  }

  public Tensor logSigmoid() {
    return unary(OpCatalog.LOG_SIGMOID);
  }

  public Tensor sin() {
    return unary(OpCatalog.SIN);
  }

  public Tensor cos() {
    return unary(OpCatalog.COS);
  }

  public Tensor acos() {
    return unary(OpCatalog.ACOS);
  }

  public Tensor asin() {
    return unary(OpCatalog.ASIN);
  }

  /** log(x / (1 - x)), the inverse of sigmoid; defined on (0, 1). */
  public Tensor logit() {
    return unary(OpCatalog.LOGIT);
  }

  /** x^p elementwise; its hazards at 0 depend on p (see {@link OpCatalog#pow}). */
  public Tensor pow(double p) {
    OpSpec row = OpCatalog.pow(p);
    return unary(row, UnaryKernel.pow(p, row));
  }

  /** x^p elementwise with a tensor of exponents, broadcasting; the catalogue row {@link BinaryRows#POW}. */
  public Tensor pow(Tensor p) {
    return binary(BinaryRows.POW, p);
  }

  /** Applies one catalogue row elementwise, recording its derivative for backward. */
  public Tensor unary(OpSpec op) {
    return unary(op, UnaryKernel.of(op));
  }

  private Tensor unary(OpSpec op, UnaryKernel kernel) {
    double[] x = data;
    double[] y = new double[x.length];
    kernel.forward(x, y);
    Tensor out = make(y, shape, op, g -> {
      double[] gx = new double[x.length];
      kernel.backward(x, y, g, gx);
      return new double[][] {gx};
    }, this);
    return observed(out, op, this);
  }

  /** Limits every element to [min, max]; the gradient passes only where min &lt;= x &lt;= max. */
  public Tensor clamp(double min, double max) {
    if (min > max) {
      throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
    }
    double[] x = data;
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.min(Math.max(x[i], min), max);
    }
    return observed(make(y, shape, TensorOps.CLAMP, g -> {
      double[] gx = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        gx[i] = x[i] >= min && x[i] <= max ? g[i] : 0;
      }
      return new double[][] {gx};
    }, this), TensorOps.CLAMP, this);
  }

  public Tensor clampMin(double min) {
    return clamp(min, Double.POSITIVE_INFINITY);
  }

  // ---------------------------------------------------------------- binary, broadcasting

  public Tensor add(Tensor o) {
    return binary(TensorOps.ADD, o, BinaryOp.ADD);
  }

  public Tensor sub(Tensor o) {
    return binary(TensorOps.SUB, o, BinaryOp.SUB);
  }

  public Tensor mul(Tensor o) {
    return binary(TensorOps.MUL, o, BinaryOp.MUL);
  }

  /** Division, the catalogue row {@link BinaryRows#DIV}, computed by its own kernel; the checker checks the divisor. */
  public Tensor div(Tensor o) {
    return binary(BinaryRows.DIV, o, BinaryOp.DIV);
  }

  /** Elementwise max; on ties the gradient is split evenly, as in PyTorch. */
  public Tensor maximum(Tensor o) {
    return binary(TensorOps.MAXIMUM, o, BinaryOp.MAXIMUM);
  }

  /** Elementwise min; on ties the gradient is split evenly, as in PyTorch. */
  public Tensor minimum(Tensor o) {
    return binary(TensorOps.MINIMUM, o, BinaryOp.MINIMUM);
  }

  public Tensor add(double c) {
    return scalarOp(TensorOps.ADD, c, BinaryOp.ADD);
  }

  public Tensor sub(double c) {
    return scalarOp(TensorOps.SUB, c, BinaryOp.SUB);
  }

  public Tensor mul(double c) {
    return scalarOp(TensorOps.MUL, c, BinaryOp.MUL);
  }

  public Tensor div(double c) {
    return scalarOp(BinaryRows.DIV, c, BinaryOp.DIV);
  }

  private Tensor scalarOp(EngineOp op, double c, BinaryOp kind) {
    return binary(op, new Tensor(new double[] {c}, new int[0], null), kind);
  }

  /** The four-quadrant arctangent atan2(this, o), the angle of the point (o, this); the catalogue row {@link BinaryRows#ATAN2}. */
  public Tensor atan2(Tensor o) {
    return binary(BinaryRows.ATAN2, o);
  }

  /** Applies one binary catalogue row elementwise, with broadcasting, recording both partials for backward. */
  public Tensor binary(BinarySpec row, Tensor o) {
    return binary(row, o, new RowKernel(row));
  }

  private Tensor binary(EngineOp op, Tensor o, BinaryKernel kind) {
    Broadcast p = Broadcast.of(op.name(), shape, o.shape);
    double[] a = data;
    double[] b = o.data;
    double[] y = new double[p.numel];
    for (int r = 0; r < p.rows; r++) {
      kind.forward(a, p.aOff[r], p.as, b, p.bOff[r], p.bs, y, r * p.n, p.n);
    }
    Tensor out = make(y, p.outShape, op, g -> {
      double[] wholeA = requiresGrad ? kind.unbroadcast(g, 0, a.length) : null;
      double[] wholeB = o.requiresGrad ? kind.unbroadcast(g, 1, b.length) : null;
      double[] ga = requiresGrad && wholeA == null ? new double[a.length] : null;
      double[] gb = o.requiresGrad && wholeB == null ? new double[b.length] : null;
      if (ga != null || gb != null) {
        for (int r = 0; r < p.rows; r++) {
          kind.backward(g, r * p.n, a, p.aOff[r], p.as, b, p.bOff[r], p.bs, ga, gb, p.n);
        }
      }
      return new double[][] {wholeA != null ? wholeA : ga, wholeB != null ? wholeB : gb};
    }, this, o);
    return observed(out, op, this, o);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements, as a 0-dimensional tensor. */
  public Tensor sum() {
    double s = 0;
    for (double v : data) {
      s += v;
    }
    int n = data.length;
    return observed(make(new double[] {s}, new int[0], TensorOps.SUM, g -> {
      double[] gx = new double[n];
      Arrays.fill(gx, g[0]);
      return new double[][] {gx};
    }, this), TensorOps.SUM, this);
  }

  public Tensor sum(int dim) {
    return sum(dim, false);
  }

  public Tensor sum(int dim, boolean keepDim) {
    int d = Shapes.dim("sum", dim, shape);
    int outer = Shapes.outer(shape, d);
    int n = shape[d];
    int inner = Shapes.inner(shape, d);
    double[] y = sumAlong(data, outer, n, inner);
    int len = data.length;
    return observed(make(y, Shapes.reduced(shape, d, keepDim), TensorOps.SUM, g -> {
      double[] gx = new double[len];
      for (int o = 0; o < outer; o++) {
        if (inner == 1) {
          Arrays.fill(gx, o * n, o * n + n, g[o]);
        } else {
          for (int k = 0; k < n; k++) {
            System.arraycopy(g, o * inner, gx, (o * n + k) * inner, inner);
          }
        }
      }
      return new double[][] {gx};
    }, this), TensorOps.SUM, this);
  }

  /** Sums of a (outer, n, inner) array over its middle dim, in unit-stride loops for either layout. */
  static double[] sumAlong(double[] a, int outer, int n, int inner) {
    double[] y = new double[outer * inner];
    if (inner == 1) {
      for (int o = 0; o < outer; o++) {
        double s = 0;
        for (int k = o * n, end = k + n; k < end; k++) {
          s += a[k];
        }
        y[o] = s;
      }
    } else {
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < n; k++) {
          int base = (o * n + k) * inner;
          int ob = o * inner;
          for (int i = 0; i < inner; i++) {
            y[ob + i] += a[base + i];
          }
        }
      }
    }
    return y;
  }

  /** Mean of all elements. */
  public Tensor mean() {
    if (data.length == 0) {
      throw new IllegalArgumentException("mean: empty tensor of shape " + Shapes.str(shape));
    }
    return sum().div(data.length);
  }

  public Tensor mean(int dim) {
    int d = Shapes.dim("mean", dim, shape);
    if (shape[d] == 0) {
      throw new IllegalArgumentException("mean: dim " + dim + " is empty in shape " + Shapes.str(shape));
    }
    return sum(d).div(shape[d]);
  }

  /** The largest value along dim; the gradient goes to the first maximal element. */
  public Tensor max(int dim) {
    int d = Shapes.dim("max", dim, shape);
    int outer = Shapes.outer(shape, d);
    int n = shape[d];
    int inner = Shapes.inner(shape, d);
    if (n == 0) {
      throw new IllegalArgumentException("max: dim " + dim + " is empty in shape " + Shapes.str(shape));
    }
    double[] y = new double[outer * inner];
    int[] arg = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = o * n * inner + i;
        for (int k = 1; k < n; k++) {
          int at = (o * n + k) * inner + i;
          if (data[at] > data[best] || Double.isNaN(data[at])) {
            best = at;
          }
        }
        y[o * inner + i] = data[best];
        arg[o * inner + i] = best;
      }
    }
    int len = data.length;
    return observed(make(y, Shapes.reduced(shape, d, false), TensorOps.MAX, g -> {
      double[] gx = new double[len];
      for (int j = 0; j < arg.length; j++) {
        gx[arg[j]] += g[j];
      }
      return new double[][] {gx};
    }, this), TensorOps.MAX, this);
  }

  /**
   * log(sum(exp(x), dim)) computed stably (see {@link SoftmaxRows}: no overflow at large x, no
   * lost precision at very negative x). The exponentials of the forward pass are kept, so
   * backward needs no second exp: d lse / dx = softmax(x).
   */
  public Tensor logSumExp(int dim) {
    int d = Shapes.dim("logSumExp", dim, shape);
    SoftmaxRows rows = new SoftmaxRows(data, shape, d);
    return observed(make(rows.lse, Shapes.reduced(shape, d, false), TensorOps.LOG_SUM_EXP,
        g -> new double[][] {rows.weightedSoftmax(g)}, this), TensorOps.LOG_SUM_EXP, this);
  }

  /** Softmax along dim, computed stably. */
  public Tensor softmax(int dim) {
    int d = Shapes.dim("softmax", dim, shape);
    SoftmaxRows rows = new SoftmaxRows(data, shape, d);
    double[] ones = new double[rows.inv.length];
    Arrays.fill(ones, 1);
    double[] y = rows.weightedSoftmax(ones);
    int outer = rows.outer;
    int n = rows.n;
    int inner = rows.inner;
    return observed(make(y, shape, TensorOps.SOFTMAX, g -> {
      double[] gx = new double[y.length];
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int base = o * n * inner + i;
          double dot = 0;
          for (int k = 0; k < n; k++) {
            dot += g[base + k * inner] * y[base + k * inner];
          }
          for (int k = 0; k < n; k++) {
            int at = base + k * inner;
            gx[at] = y[at] * (g[at] - dot);
          }
        }
      }
      return new double[][] {gx};
    }, this), TensorOps.SOFTMAX, this);
  }

  /** log(softmax(x)) along dim, computed stably: x - logSumExp(x). */
  public Tensor logSoftmax(int dim) {
    int d = Shapes.dim("logSoftmax", dim, shape);
    SoftmaxRows rows = new SoftmaxRows(data, shape, d);
    double[] y = rows.logSoftmax(data);
    return observed(make(y, shape, TensorOps.LOG_SOFTMAX, g -> {
      // d/dx of x - lse(x): g minus softmax times the line's sum of g.
      double[] gx = rows.weightedSoftmax(rows.lineSums(g));
      for (int i = 0; i < gx.length; i++) {
        gx[i] = g[i] - gx[i];
      }
      return new double[][] {gx};
    }, this), TensorOps.LOG_SOFTMAX, this);
  }

  /**
   * Mean cross entropy of these logits (batch, classes) against class indices, as one fused op
   * (PyTorch's {@code cross_entropy}): mean(logSumExp(logits, 1) - logits[b, targets[b]]), with
   * gradient (softmax - onehot) / batch. {@code io.nanguard.nn.Losses.crossEntropy} calls it.
   */
  public Tensor crossEntropy(int[] targets) {
    return CrossEntropy.of(this, targets);
  }

  /** The 2-norm of all elements; its gradient at 0 is 0 (PyTorch's convention). */
  public Tensor norm() {
    double s = 0;
    for (double v : data) {
      s += v * v;
    }
    double n = Math.sqrt(s);
    double[] x = data;
    return observed(make(new double[] {n}, new int[0], TensorOps.NORM, g -> {
      double[] gx = new double[x.length];
      if (n != 0) {
        double scale = g[0] / n;
        for (int i = 0; i < x.length; i++) {
          gx[i] = x[i] * scale;
        }
      }
      return new double[][] {gx};
    }, this), TensorOps.NORM, this);
  }

  /** The 2-norm along dim; its gradient where the norm is 0 is 0. */
  public Tensor norm(int dim) {
    int d = Shapes.dim("norm", dim, shape);
    int outer = Shapes.outer(shape, d);
    int n = shape[d];
    int inner = Shapes.inner(shape, d);
    double[] y = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < n; k++) {
        int base = (o * n + k) * inner;
        for (int i = 0; i < inner; i++) {
          double v = data[base + i];
          y[o * inner + i] += v * v;
        }
      }
    }
    for (int j = 0; j < y.length; j++) {
      y[j] = Math.sqrt(y[j]);
    }
    double[] x = data;
    return observed(make(y, Shapes.reduced(shape, d, false), TensorOps.NORM, g -> {
      double[] gx = new double[x.length];
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < n; k++) {
          int base = (o * n + k) * inner;
          for (int i = 0; i < inner; i++) {
            double nv = y[o * inner + i];
            gx[base + i] = nv == 0 ? 0 : g[o * inner + i] * x[base + i] / nv;
          }
        }
      }
      return new double[][] {gx};
    }, this), TensorOps.NORM, this);
  }

  /** The 2-norm of (this - other), broadcasting; gradient 0 where the two coincide. */
  public Tensor dist(Tensor other) {
    return sub(other).norm();
  }

  /**
   * Cosine similarity along dim, as PyTorch computes it: x·y / (max(|x|, eps) max(|y|, eps))
   * with eps = 1e-8, so a zero vector gives 0 rather than NaN.
   */
  public Tensor cosineSimilarity(Tensor other, int dim) {
    int[] s = Shapes.broadcast("cosineSimilarity", shape, other.shape);
    int d = Shapes.dim("cosineSimilarity", dim, s);
    Tensor dot = mul(other).sum(d);
    Tensor na = (Arrays.equals(shape, s) ? this : add(Tensor.zeros(s))).norm(d).clampMin(1e-8);
    Tensor nb = (Arrays.equals(other.shape, s) ? other : other.add(Tensor.zeros(s))).norm(d).clampMin(1e-8);
    return dot.div(na.mul(nb));
  }

  // ---------------------------------------------------------------- shape

  /** The same elements in a new shape; one dimension may be -1 (inferred). */
  public Tensor reshape(int... newShape) {
    int[] s = newShape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1 && infer < 0) {
        infer = i;
      } else if (s[i] < 0) {
        throw new IllegalArgumentException("reshape: bad shape " + Shapes.str(newShape) + " for " + Shapes.str(shape));
      } else {
        known = Math.min(known * s[i], Shapes.MAX_ELEMENTS + 1); // exact while it matters
      }
    }
    if (infer >= 0 && known != 0 && data.length % known == 0) {
      s[infer] = (int) (data.length / known);
    }
    if ((infer >= 0 && s[infer] < 0) || Shapes.numel("reshape", s) != data.length) {
      throw new IllegalArgumentException("reshape: cannot view shape " + Shapes.str(shape) + " ("
          + data.length + " elements) as " + Shapes.str(newShape));
    }
    return view(TensorOps.RESHAPE, s);
  }

  public Tensor unsqueeze(int dim) {
    int d = dim < 0 ? dim + shape.length + 1 : dim;
    if (d < 0 || d > shape.length) {
      throw new IllegalArgumentException("unsqueeze: dim " + dim + " out of range for shape " + Shapes.str(shape));
    }
    int[] s = new int[shape.length + 1];
    for (int i = 0, j = 0; i < s.length; i++) {
      s[i] = i == d ? 1 : shape[j++];
    }
    return view(TensorOps.UNSQUEEZE, s);
  }

  /** Removes dim, which must have size 1. */
  public Tensor squeeze(int dim) {
    int d = Shapes.dim("squeeze", dim, shape);
    if (shape[d] != 1) {
      throw new IllegalArgumentException("squeeze: dim " + dim + " has size " + shape[d] + " in shape "
          + Shapes.str(shape) + ", not 1");
    }
    return view(TensorOps.SQUEEZE, Shapes.reduced(shape, d, false));
  }

  private Tensor view(EngineOp op, int[] s) {
    return observed(make(data, s, op, g -> new double[][] {g}, this), op, this);
  }

  public Tensor transpose(int dim0, int dim1) {
    int a = Shapes.dim("transpose", dim0, shape);
    int b = Shapes.dim("transpose", dim1, shape);
    if (shape.length == 2 && a != b) {
      return matrixTranspose();
    }
    int[] perm = new int[shape.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    perm[a] = b;
    perm[b] = a;
    int[] s = new int[shape.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = shape[perm[i]];
    }
    int[] map = permutationIndex(shape, perm);
    double[] y = new double[data.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = data[map[i]];
    }
    return observed(make(y, s, TensorOps.TRANSPOSE, g -> {
      double[] gx = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        gx[map[i]] = g[i];
      }
      return new double[][] {gx};
    }, this), TensorOps.TRANSPOSE, this);
  }

  /** The rank-2 case of transpose, without building an index map. */
  private Tensor matrixTranspose() {
    int r = shape[0];
    int c = shape[1];
    double[] y = Matmul.transpose(data, r, c);
    return observed(make(y, new int[] {c, r}, TensorOps.TRANSPOSE, g -> new double[][] {Matmul.transpose(g, c, r)}, this),
        TensorOps.TRANSPOSE, this);
  }

  /** Transpose of a 2-D tensor (a 1-D or 0-D tensor is returned as is). */
  public Tensor t() {
    if (shape.length > 2) {
      throw new IllegalArgumentException("t: expects a tensor of at most 2 dims, got shape " + Shapes.str(shape));
    }
    return shape.length < 2 ? this : transpose(0, 1);
  }

  /** Matrix product of 2-D (or 1-D) tensors, as {@code torch.matmul}. */
  public Tensor matmul(Tensor o) {
    if (shape.length == 0 || o.shape.length == 0 || shape.length > 2 || o.shape.length > 2) {
      throw new IllegalArgumentException("matmul: expects 1-D or 2-D tensors, got " + Shapes.str(shape)
          + " and " + Shapes.str(o.shape));
    }
    Tensor a = shape.length == 1 ? unsqueeze(0) : this;
    Tensor b = o.shape.length == 1 ? o.unsqueeze(1) : o;
    int n = a.shape[0];
    int k = a.shape[1];
    int m = b.shape[1];
    if (b.shape[0] != k) {
      throw new IllegalArgumentException("matmul: shapes " + Shapes.str(shape) + " and " + Shapes.str(o.shape)
          + " cannot be multiplied (" + k + " != " + b.shape[0] + ")");
    }
    Shapes.numel("matmul", new int[] {n, m}); // the product's size, checked before it is allocated
    double[] x = a.data;
    double[] w = b.data;
    double[] y = Matmul.multiply(x, w, n, k, m);
    Tensor out = observed(make(y, new int[] {n, m}, TensorOps.MATMUL, g -> new double[][] {
        a.requiresGrad ? Matmul.multiplyTransposedB(g, w, n, m, k) : null,
        b.requiresGrad ? Matmul.multiplyTransposedA(x, g, n, k, m) : null}, a, b), TensorOps.MATMUL, a, b);
    if (shape.length == 1) {
      out = out.squeeze(0);
    }
    return o.shape.length == 1 ? out.squeeze(-1) : out;
  }

  /** The slice at index along dim, with that dim removed (like {@code v[i]} for dim 0). */
  public Tensor select(int dim, int index) {
    int d = Shapes.dim("select", dim, shape);
    int idx = index < 0 ? index + shape[d] : index;
    if (idx < 0 || idx >= shape[d]) {
      throw new IllegalArgumentException("select: index " + index + " out of range for dim " + dim
          + " of size " + shape[d] + " (shape " + Shapes.str(shape) + ")");
    }
    return gather(TensorOps.SELECT, d, new int[] {idx}).squeeze(d);
  }

  /** The slices at the given indices along dim, in that order (repeats allowed). */
  public Tensor indexSelect(int dim, int... index) {
    int d = Shapes.dim("indexSelect", dim, shape);
    int[] idx = new int[index.length];
    for (int j = 0; j < index.length; j++) {
      idx[j] = index[j] < 0 ? index[j] + shape[d] : index[j];
      if (idx[j] < 0 || idx[j] >= shape[d]) {
        throw new IllegalArgumentException("indexSelect: index " + index[j] + " (position " + j
            + ") out of range for dim " + dim + " of size " + shape[d] + " (shape " + Shapes.str(shape) + ")");
      }
    }
    return gather(TensorOps.INDEX_SELECT, d, idx);
  }

  private Tensor gather(EngineOp op, int d, int[] idx) {
    int outer = Shapes.outer(shape, d);
    int n = shape[d];
    int inner = Shapes.inner(shape, d);
    int m = idx.length;
    double[] y = new double[outer * m * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < m; j++) {
        System.arraycopy(data, (o * n + idx[j]) * inner, y, (o * m + j) * inner, inner);
      }
    }
    int[] s = shape.clone();
    s[d] = m;
    int len = data.length;
    return observed(make(y, s, op, g -> {
      double[] gx = new double[len];
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < m; j++) {
          int src = (o * m + j) * inner;
          int dst = (o * n + idx[j]) * inner;
          for (int i = 0; i < inner; i++) {
            gx[dst + i] += g[src + i];
          }
        }
      }
      return new double[][] {gx};
    }, this), op, this);
  }

  // ---------------------------------------------------------------- plumbing

  private static int[] permutationIndex(int[] shape, int[] perm) {
    int n = shape.length;
    int[] stride = new int[n];
    int s = 1;
    for (int i = n - 1; i >= 0; i--) {
      stride[i] = s;
      s *= shape[i];
    }
    int[] outShape = new int[n];
    int[] outStride = new int[n];
    for (int i = 0; i < n; i++) {
      outShape[i] = shape[perm[i]];
      outStride[i] = stride[perm[i]];
    }
    return Shapes.stridedIndex(outShape, outStride);
  }

  /** An op's output: a graph node if any input requires grad, else a plain tensor. */
  static Tensor make(double[] y, int[] shape, EngineOp op, Backward backward, Tensor... inputs) {
    boolean needsGrad = false;
    for (Tensor in : inputs) {
      needsGrad |= in.requiresGrad;
    }
    return new Tensor(y, shape, needsGrad ? new Node(op, inputs, backward) : null);
  }

  /** Shows an op's output to the thread's listener (the anomaly checker), if one is installed. */
  static Tensor observed(Tensor out, EngineOp op, Tensor... inputs) {
    OpListener listener = OpListeners.current();
    if (listener != null) {
      listener.onForward(out, op, inputs);
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor(shape=").append(Shapes.str(shape)).append(", ");
    int shown = Math.min(data.length, 8);
    sb.append('[');
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? "" : ", ").append(data[i]);
    }
    sb.append(data.length > shown ? ", ...]" : "]");
    if (node != null) {
      sb.append(", op=").append(node.op.name());
    } else if (requiresGrad) {
      sb.append(", requiresGrad=true");
    }
    return sb.append(')').toString();
  }
}
