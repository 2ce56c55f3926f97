package io.nanguard.tensor;

/** Where a non-leaf tensor came from: its op, its inputs, and the rule to push gradients back. */
final class Node {
  final String op;
  final Tensor[] inputs;
  final Backward backward;

  Node(String op, Tensor[] inputs, Backward backward) {
    this.op = op;
    this.inputs = inputs;
    this.backward = backward;
  }
}
