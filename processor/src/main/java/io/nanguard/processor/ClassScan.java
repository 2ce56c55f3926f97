package io.nanguard.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.nanguard.processor.analysis.AnalysisContext;
import io.nanguard.processor.analysis.FindingSites;
import io.nanguard.processor.analysis.MethodAnalysis;
import io.nanguard.processor.analysis.RangeAnalyzer;
import io.nanguard.processor.diagnostics.Diagnostics;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * {@code -Ananguard.scan=all} over one class: every method with a body in it and its nested
 * classes, except the guarded ones (analysed, and reported, for their generated code), is
 * analysed and its findings are reported as warnings. A method whose body has no tree a finding
 * can be at ({@link FindingSites}) is not analysed: its list would be empty.
 */
final class ClassScan {

  /** Reports the findings of one scanned method. */
  interface Reporter {
    void report(ExecutableElement m, CompilationUnitTree unit, MethodAnalysis analysis);
  }

  private final Trees trees;
  private final Diagnostics diagnostics;
  private final Reporter reporter;

  ClassScan(Trees trees, Diagnostics diagnostics, Reporter reporter) {
    this.trees = trees;
    this.diagnostics = diagnostics;
    this.reporter = reporter;
  }

  /**
   * Scans the class at {@code typePath}, skipping the method trees in {@code guarded}. Walks the
   * class tree itself: a Trees.getPath per method would search the file each time.
   */
  void scan(TreePath typePath, AnalysisContext context, Set<Tree> guarded) {
    CompilationUnitTree unit = typePath.getCompilationUnit();
    // One analyzer for the class's methods: it holds only what it read of the class and its unit
    // (and memos that are functions of a method's tree), so each method gets a fresh one's answer.
    RangeAnalyzer analyzer = null;
    for (Tree member : ((ClassTree) typePath.getLeaf()).getMembers()) {
      TreePath path = new TreePath(typePath, member);
      if (member instanceof ClassTree) {
        scan(path, context, guarded);
        continue;
      }
      if (!(member instanceof MethodTree tree) || tree.getBody() == null || guarded.contains(tree)
          || !FindingSites.mayHold(tree.getBody()) // no division and no call of a hazardous name: no finding
          || !(trees.getElement(path) instanceof ExecutableElement m)) {
        continue;
      }
      try {
        if (analyzer == null) {
          analyzer = new RangeAnalyzer(context, (TypeElement) m.getEnclosingElement(), unit);
        }
        MethodAnalysis analysis = analyzer.scan(m, tree);
        reporter.report(m, unit, analysis);
      } catch (RuntimeException | StackOverflowError ex) {
        diagnostics.note("could not analyse " + m.getSimpleName() + "() (" + ex + "); skipped", m);
      }
    }
  }
}
