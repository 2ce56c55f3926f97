package io.nanguard.junit;

import io.nanguard.check.Anomaly;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Report;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension behind {@link NanChecked}: opens a collecting {@link Anomaly} scope right before
 * the test method and closes it right after, so fixtures ({@code @BeforeEach}) are not checked.
 */
public final class NanCheckedExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NanCheckedExtension.class);

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    Anomaly scope = Anomaly.detect(AnomalyOptions.builder().collectAll().build());
    context.getStore(NAMESPACE).put(context.getUniqueId(), scope);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Anomaly scope = context.getStore(NAMESPACE).remove(context.getUniqueId(), Anomaly.class);
    if (scope == null) {
      return;
    }
    Report report;
    try {
      scope.close();
      report = scope.report();
    } catch (NonFiniteException e) {
      report = e.report();
    }
    if (!report.isEmpty()) {
      Assertions.fail("@NanChecked: NaNGuard found problems in " + context.getDisplayName() + ":\n" + report);
    }
  }
}
