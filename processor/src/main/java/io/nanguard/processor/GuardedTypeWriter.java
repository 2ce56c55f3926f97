package io.nanguard.processor;

import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.codegen.GuardedMethod;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The seam between the analysis and the code generator: receives, per type, the guarded methods
 * with their findings, and writes {@code Guarded<Name>} ({@link GeneratorWriter}); tests substitute
 * a recorder.
 */
interface GuardedTypeWriter {

  /**
   * Writes the guarded class for {@code type}, or reports why it cannot; {@code members} is the
   * processing round's member index.
   */
  void write(TypeElement type, List<GuardedMethod> methods, MemberIndex members);
}
