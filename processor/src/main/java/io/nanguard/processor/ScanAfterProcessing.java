package io.nanguard.processor;

import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import io.nanguard.processor.analysis.AnalysisContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Runs {@code -Ananguard.scan=all} once, when annotation processing is over, instead of in the
 * rounds, as Error Prone and NullAway run their checks from a javac {@link TaskListener}. Nothing
 * is generated for a scanned method, so nothing needs it inside a round, and inside a round its
 * analysis is dear: where the source cannot tell overloads apart, the analysis asks javac
 * ({@code Trees.getElement} of a call), which attributes the whole class, and javac throws that
 * attribution away after the round and attributes the class again. When the last round is over,
 * javac has entered the final trees and attributes each class once, next: the attribution the
 * scan causes there is javac's own (it clears the class's UNATTRIBUTED flag, so javac's
 * attribution phase skips the class), and no class has been desugared yet (javac's default
 * policy lowers each class in place before attributing the next, and the analysis reads other
 * classes' trees for field invariants and return summaries). The same event comes under
 * {@code -proc:only}, where javac stops after processing.
 *
 * <p>The classes are kept as tree paths, not elements: javac re-creates the symbols of source
 * classes between rounds, while the trees stay.
 */
final class ScanAfterProcessing implements TaskListener {

  private final JavacTask task;
  private final ClassScan scan;
  private final Supplier<AnalysisContext> contexts;
  private final List<TreePath> classes = new ArrayList<>();
  private final Set<Tree> guarded = Collections.newSetFromMap(new IdentityHashMap<>());

  private ScanAfterProcessing(JavacTask task, ClassScan scan, Supplier<AnalysisContext> contexts) {
    this.task = task;
    this.scan = scan;
    this.contexts = contexts;
  }

  /**
   * A scan registered with the javac task behind {@code env} (unwrapped from build tools'
   * wrappers), which analyses with a context from {@code contexts} made when it runs; null on a
   * compiler with no javac task, where the caller scans in the rounds instead.
   */
  static ScanAfterProcessing register(ProcessingEnvironment env, ClassScan scan, Supplier<AnalysisContext> contexts) {
    JavacTask task;
    try {
      task = JavacTask.instance(Environments.unwrap(env));
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
    ScanAfterProcessing s = new ScanAfterProcessing(task, scan, contexts);
    task.addTaskListener(s);
    return s;
  }

  /** A root class of a round, to scan after the rounds. */
  void add(TreePath classPath) {
    classes.add(classPath);
  }

  /** A guarded method's declaration: analysed in its round, so not scanned again. */
  void skip(Tree method) {
    guarded.add(method);
  }

  @Override
  public void finished(TaskEvent e) {
    if (e.getKind() != TaskEvent.Kind.ANNOTATION_PROCESSING) {
      return;
    }
    // Removed first: javac then skips the phases of -implicit:none classes as it does with no
    // listener (it attributes them while any listener is registered), and sends nothing more here.
    task.removeTaskListener(this);
    AnalysisContext context = contexts.get();
    for (TreePath c : classes) {
      scan.scan(c, context, guarded);
    }
    classes.clear();
    guarded.clear();
  }
}
