package io.nanguard.ops.api;

/** What an API method returns, as far as the analysis cares. */
public enum Returns {
  /** An instance of the library's tensor type (a tensor of the same library). */
  TENSOR,
  /** A Java {@code double} (or {@code float}, for a library whose scalars are floats). */
  SCALAR
}
