package io.nanguard.processor.codegen;

import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.Tree;
import java.util.Set;

/**
 * A generated {@code Guarded<Name>} file, with the ops of its guarded methods that it leaves as
 * written (a note says why for each): their warnings must say so rather than name a rewrite.
 *
 * @param file the file to write
 * @param leftAsWritten the findings' op trees the rewritten bodies do not guard
 */
public record GuardedType(JavaFile file, Set<Tree> leftAsWritten) {}
