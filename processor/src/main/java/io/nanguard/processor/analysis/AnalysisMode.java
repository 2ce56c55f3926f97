package io.nanguard.processor.analysis;

/**
 * Why a method body is analysed, which decides two things: whether a hazard of the gradient alone
 * (sqrt at 0, acos/asin at &plusmn;1, pow with 0 &lt; p &lt; 1 at 0) is a finding on plain
 * {@code double} code, and how a message ends.
 */
public enum AnalysisMode {
  /**
   * A method marked {@code @Guarded} or {@code @Distance}: the user has said it is a loss, i.e.
   * code that is differentiated (by hand, or by porting it to an autograd engine), so gradient-only
   * hazards count on doubles too; messages name the rewrite the generated class uses.
   */
  GUARDED(true),
  /**
   * {@code -Ananguard.scan=all} on an unmarked method: no backward pass exists for its doubles, so
   * only tensor values carry gradient-only hazards; nothing is generated, so messages give the fix.
   */
  SCAN(false),
  /** A callee or a constructor analysed only for the ranges it establishes; its findings are dropped. */
  FACTS(false);

  private final boolean differentiated;

  AnalysisMode(boolean differentiated) {
    this.differentiated = differentiated;
  }

  /** Whether plain {@code double} values of the method are differentiated. */
  public boolean differentiated() {
    return differentiated;
  }
}
