package io.nanguard.djl.demo;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The seed's model: a table of n latent codes (one per row), returned whatever the input. */
public final class Codes extends AbstractBlock {

  /** The parameter's name as DJL reports it. */
  public static final String NAME = "codes";

  private final Parameter codes;

  /** n codes of dimension dim. */
  public Codes(int n, int dim) {
    codes = addParameter(Parameter.builder().setName(NAME).setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(n, dim)).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(store.getValue(codes, inputs.head().getDevice(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {codes.getShape()};
  }
}
