package io.nanguard.processor;

import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.codegen.GuardedMethod;
import io.nanguard.processor.codegen.GuardedTypeGenerator;
import io.nanguard.processor.diagnostics.Diagnostics;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Hands each type's guarded methods to the code generator and writes the file it returns. */
final class GeneratorWriter implements GuardedTypeWriter {

  private final ProcessingEnvironment env;
  private final GuardedTypeGenerator generator;

  GeneratorWriter(ProcessingEnvironment env, Trees trees) {
    this.env = env;
    this.generator = new GuardedTypeGenerator(env, trees);
  }

  @Override
  public void write(TypeElement type, List<GuardedMethod> methods, MemberIndex members) {
    try {
      Optional<JavaFile> file = generator.generate(type, methods, members);
      if (file.isEmpty()) {
        return; // the generator has reported why
      }
      // The build tool's (possibly wrapping) Filer, so Gradle records the originating type.
      file.get().writeTo(env.getFiler());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      new Diagnostics(env.getMessager(), null).error("could not write " + GuardedTypeGenerator.guardedName(type) + ": " + e, type);
    }
  }
}
