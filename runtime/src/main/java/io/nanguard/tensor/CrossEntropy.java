package io.nanguard.tensor;

import io.nanguard.ops.EngineOp;
import io.nanguard.ops.TensorOps;
import java.util.Arrays;

/**
 * Mean cross entropy of logits (batch, classes) against class indices, fused into one op as
 * PyTorch fuses log_softmax and nll_loss: one exp per logit in forward (kept by
 * {@link SoftmaxRows}) and one pass in backward writing (softmax - onehot) * g / batch, instead
 * of the five ops, five gradient arrays and accumulation of logSumExp - indexSelect, mean.
 */
final class CrossEntropy {

  private static final EngineOp OP = TensorOps.CROSS_ENTROPY;

  private CrossEntropy() {}

  static Tensor of(Tensor logits, int[] targets) {
    int[] shape = logits.shape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(OP.name() + ": logits must be (batch, classes), got shape " + Shapes.str(shape));
    }
    int batch = shape[0];
    int classes = shape[1];
    if (targets.length != batch) {
      throw new IllegalArgumentException(OP.name() + ": " + targets.length + " targets for a batch of " + batch
          + " (logits shape " + Shapes.str(shape) + ")");
    }
    if (batch == 0) {
      throw new IllegalArgumentException(OP.name() + ": empty batch (logits shape " + Shapes.str(shape) + ")");
    }
    int[] picked = new int[batch];
    for (int b = 0; b < batch; b++) {
      if (targets[b] < 0 || targets[b] >= classes) {
        throw new IllegalArgumentException(OP.name() + ": target " + targets[b] + " at position " + b
            + " out of range for " + classes + " classes");
      }
      picked[b] = b * classes + targets[b];
    }
    double[] x = logits.data();
    SoftmaxRows rows = new SoftmaxRows(x, shape, 1);
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += rows.lse[b] - x[picked[b]];
    }
    double[] loss = {sum / batch};
    Backward backward = new Backward() {
      private SoftmaxRows kept = rows;

      @Override
      public double[][] apply(double[] g) {
        // The first backward turns the kept exponentials into the gradient in place; a later
        // one (graphs are retained) recomputes them from the logits, as other ops' rules read
        // their inputs' current data.
        SoftmaxRows r = kept != null ? kept : new SoftmaxRows(x, shape, 1);
        kept = null;
        double c = g[0] / batch;
        double[] w = new double[batch];
        Arrays.fill(w, c);
        double[] gx = r.weightedSoftmaxInPlace(w);
        for (int at : picked) {
          gx[at] -= c;
        }
        return new double[][] {gx};
      }
    };
    return Tensor.observed(Tensor.make(loss, new int[0], OP, backward, logits), OP, logits);
  }
}
