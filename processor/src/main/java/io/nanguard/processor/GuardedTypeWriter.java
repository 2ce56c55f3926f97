package io.nanguard.processor;

import com.sun.source.tree.Tree;
import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.codegen.GuardedMethod;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * The seam between the analysis and the code generator: receives, per type, the guarded methods
 * with their findings, and writes {@code Guarded<Name>} ({@link GeneratorWriter}); tests substitute
 * a recorder.
 */
interface GuardedTypeWriter {

  /**
   * Writes the guarded class for {@code type}, or reports why it cannot; {@code members} is the
   * processing round's member index. Returns the findings' op trees the written class leaves as
   * written (empty if it guards them all, or if nothing was written).
   */
  Set<Tree> write(TypeElement type, List<GuardedMethod> methods, MemberIndex members);
}
