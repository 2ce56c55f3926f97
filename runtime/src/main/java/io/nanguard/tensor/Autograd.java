package io.nanguard.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: orders the graph below a scalar topologically (iteratively, so graphs
 * of any depth work) and runs each node's backward rule once, accumulating into leaves.
 */
final class Autograd {

  private Autograd() {}

  static void backward(Tensor root) {
    if (root.numel() != 1) {
      throw new IllegalArgumentException("backward: needs a one-element tensor, got shape "
          + Shapes.str(root.shape()) + (root.node == null ? "" : " from " + root.node.op.name())
          + " (reduce it with sum() or mean() first)");
    }
    if (!root.requiresGrad()) {
      throw new IllegalStateException("backward: the tensor does not require grad and has no grad_fn"
          + " (no input was created with requiresGrad(true))");
    }
    List<Tensor> order = topologicalOrder(root);
    Map<Tensor, double[]> grads = new IdentityHashMap<>();
    grads.put(root, new double[] {1.0});
    OpListener listener = OpListeners.current();
    for (int k = order.size() - 1; k >= 0; k--) {
      Tensor t = order.get(k);
      double[] g = grads.remove(t);
      if (g == null) {
        continue;
      }
      Node node = t.node;
      if (node == null) {
        t.accumulateGrad(g);
        continue;
      }
      double[][] gin = node.backward.apply(g);
      boolean gHandedOn = false;
      for (int i = 0; i < node.inputs.length; i++) {
        Tensor in = node.inputs[i];
        if (gin[i] == null || !in.requiresGrad()) {
          continue;
        }
        if (listener != null) {
          listener.onBackward(t, node.op, i, in, g, gin[i]);
        }
        double[] acc = grads.get(in);
        if (acc == null) {
          // Rules return fresh arrays, or g itself (views), which nobody else holds once t is
          // done; only a second hand-off of the same g needs a copy.
          boolean shared = gin[i] == g && gHandedOn;
          gHandedOn |= gin[i] == g;
          grads.put(in, shared ? g.clone() : gin[i]);
        } else {
          double[] add = gin[i];
          for (int j = 0; j < acc.length; j++) {
            acc[j] += add[j];
          }
        }
      }
    }
  }

  /** Post-order of the nodes that need a gradient: each node after all its inputs. */
  private static List<Tensor> topologicalOrder(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Tensor> stack = new ArrayDeque<>();
    ArrayDeque<Integer> next = new ArrayDeque<>();
    stack.push(root);
    next.push(0);
    seen.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Tensor t = stack.peek();
      int i = next.pop();
      Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs;
      while (i < inputs.length && (!inputs[i].requiresGrad() || seen.containsKey(inputs[i]))) {
        i++;
      }
      if (i < inputs.length) {
        next.push(i + 1);
        Tensor child = inputs[i];
        seen.put(child, Boolean.TRUE);
        stack.push(child);
        next.push(0);
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }
}
