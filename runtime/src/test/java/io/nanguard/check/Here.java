package io.nanguard.check;

/** The caller's own source line, so tests assert reported lines without hard-coding numbers. */
final class Here {

  private static final StackWalker WALKER = StackWalker.getInstance();

  private Here() {}

  /** The line of the statement that calls this. */
  static int line() {
    return WALKER.walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
  }
}
