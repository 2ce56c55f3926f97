package io.nanguard.tensor;

import io.nanguard.ops.EngineOp;

/** Where a non-leaf tensor came from: its op, its inputs, and the rule to push gradients back. */
final class Node {
  final EngineOp op;
  final Tensor[] inputs;
  final Backward backward;

  Node(EngineOp op, Tensor[] inputs, Backward backward) {
    this.op = op;
    this.inputs = inputs;
    this.backward = backward;
  }
}
