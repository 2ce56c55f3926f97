package io.nanguard.processor.analysis;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;

/**
 * Whether a method body holds a tree a finding can be at, read from its syntax alone.
 *
 * <p>Every finding is reported at an op that has a check (see {@link Transfer}): Java's division
 * ({@code /} and {@code /=}, the one operator with a hazard row), or a call whose name is that
 * of a library row with a hazard or a binary row ({@link Apis#mayReport}); a composition is
 * reported at such an op too. A body with none of them has no finding, so the scan of
 * {@code -Ananguard.scan=all} need not analyse it: most methods of real code (accessors,
 * builders, loops of sums and products) are spared an analysis whose only product would be an
 * empty list. A name match is enough to analyse; the analysis then decides with types.
 */
public final class FindingSites {

  private FindingSites() {}

  /** Whether {@code body} may hold a finding: false only if none of its trees can be one. */
  public static boolean mayHold(Tree body) {
    Apis apis = Apis.installed();
    return TreeSearch.any(body, t -> switch (t.getKind()) {
      case DIVIDE, DIVIDE_ASSIGNMENT -> true;
      case METHOD_INVOCATION -> apis.mayReport(calledName((MethodInvocationTree) t));
      default -> false;
    });
  }

  private static String calledName(MethodInvocationTree call) {
    Tree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree m) {
      return m.getIdentifier().toString();
    }
    return select instanceof IdentifierTree id ? id.getName().toString() : "";
  }
}
