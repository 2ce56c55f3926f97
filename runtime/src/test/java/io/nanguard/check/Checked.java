package io.nanguard.check;

/** Runs test code under a collecting {@link Anomaly} scope and returns what it found. */
final class Checked {

  static final AnomalyOptions COLLECT = AnomalyOptions.builder().collectAll().build();

  private Checked() {}

  static Report collect(Runnable body) {
    return collect(COLLECT, body);
  }

  static Report collect(AnomalyOptions options, Runnable body) {
    Anomaly anomaly = Anomaly.detect(options);
    try {
      body.run();
    } finally {
      try {
        anomaly.close();
      } catch (NonFiniteException e) {
        // Collect mode reports errors at close; the report is what the test inspects.
      }
    }
    return anomaly.report();
  }
}
