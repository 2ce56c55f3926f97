package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** javac finds the processor through AutoService's registration; Gradle treats it as isolating. */
class RegistrationTest {

  @Test
  void javacDiscoversTheProcessor() {
    assertThat(ServiceLoader.load(Processor.class).stream().map(p -> p.type().getName()).collect(Collectors.toList()))
        .contains(NanGuardProcessor.class.getName());
  }

  @Test
  void gradleSeesAnIsolatingProcessor() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
          .isEqualTo(NanGuardProcessor.class.getName() + ",isolating");
    }
  }

  @Test
  void theOptionsAreDeclared() {
    assertThat(new NanGuardProcessor().getSupportedOptions())
        .containsExactly("nanguard.eps", "nanguard.werror", "nanguard.scan", "nanguard.format");
  }
}
