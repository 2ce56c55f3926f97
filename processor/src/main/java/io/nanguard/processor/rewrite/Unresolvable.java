package io.nanguard.processor.rewrite;

/**
 * Signals that {@link SyntacticResolution} cannot prove what a name or expression of a guarded
 * body denotes; the rewriter then redoes the whole method with javac's attribution. Thrown for
 * control flow, so it carries no stack trace.
 */
final class Unresolvable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  Unresolvable() {
    super(null, null, false, false);
  }
}
