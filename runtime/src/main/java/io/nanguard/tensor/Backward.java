package io.nanguard.tensor;

/**
 * The backward rule of one op application: given the gradient of the loss with respect to the
 * op's output, the gradients with respect to each input (null for an input that needs none),
 * each with that input's shape.
 */
@FunctionalInterface
interface Backward {
  double[][] apply(double[] gradOutput);
}
