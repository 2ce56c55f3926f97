package io.nanguard.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.nanguard.ops.Hazard;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Every message NaNGuard's processor prints, in one format: {@code [nanguard:KIND] ...} for a
 * finding, placed on the op's own line and column, and {@code [nanguard] ...} for everything
 * else (options, misuse, code generation). Users grep and IDEs filter by that prefix, so it is
 * written in this one place.
 */
public final class Diagnostics {

  private static final String PREFIX = "[nanguard";

  private final Messager messager;
  private final Trees trees;

  /** Reports through {@code messager}; {@code trees} (null on compilers without it) places findings. */
  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** A finding on the op's own tree: a warning, or an error under {@code -Ananguard.werror=true}. */
  public void finding(Diagnostic.Kind kind, Hazard hazard, String message, Tree op, CompilationUnitTree unit) {
    trees.printMessage(kind, PREFIX + ":" + hazard.key() + "] " + message, op, unit);
  }

  /** An error on an element (misuse, or a body the generated class could not compile). */
  public void error(String message, Element on) {
    messager.printMessage(Diagnostic.Kind.ERROR, PREFIX + "] " + message, on);
  }

  /** A note on an element. */
  public void note(String message, Element on) {
    messager.printMessage(Diagnostic.Kind.NOTE, PREFIX + "] " + message, on);
  }

  /** A note about the whole compilation. */
  public void note(String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, PREFIX + "] " + message);
  }

  /** A warning about the whole compilation (e.g. a bad option value). */
  public void warning(String message) {
    messager.printMessage(Diagnostic.Kind.WARNING, PREFIX + "] " + message);
  }
}
