package io.nanguard.processor.analysis;

import static com.google.common.truth.Truth.assertThat;

import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.JavaMathApi;
import io.nanguard.ops.api.TensorApi;
import io.nanguard.ops.api.TensorLibraryApi;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How providers are found and how a clash between two of them is handled. */
class ApisTest {

  /** Claims {@code Tensor}, which the built-in table already describes. */
  public static final class Clash implements TensorApi {
    @Override
    public ApiTable table() {
      return ApiTable.builder("Clash", FloatFormat.FLOAT32, "x.Guard")
          .instanceTypes("io.nanguard.tensor.Tensor").unary("sqrt", OpCatalog.SQRT).build();
    }
  }

  @Test
  void builtInsFirstThenTheProvidersOfTheClassPath() {
    Apis apis = Apis.installed();
    assertThat(apis.all().get(0)).isSameInstanceAs(TensorLibraryApi.TABLE);
    assertThat(apis.all().get(1)).isSameInstanceAs(JavaMathApi.TABLE);
    assertThat(apis.forInstanceType("io.nanguard.processor.testapi.Vec").name()).isEqualTo("Vec");
    assertThat(apis.forInstanceType("Vec").name()).isEqualTo("Vec");
    assertThat(apis.forStaticType("io.nanguard.processor.testapi.VecMath").name()).isEqualTo("Vec");
    assertThat(apis.forInstanceType("java.lang.Math")).isNull(); // Math has no instances
    assertThat(apis.forInstanceType("com.x.Unknown")).isNull();
    assertThat(apis.problems()).isEmpty();
  }

  @Test
  void aSecondClaimOnATypeIsIgnoredAndSaysWhy(@TempDir Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(TensorApi.class.getName()), Clash.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Apis apis = Apis.load(loader);
      assertThat(apis.forInstanceType("io.nanguard.tensor.Tensor")).isSameInstanceAs(TensorLibraryApi.TABLE);
      assertThat(apis.all().stream().map(ApiTable::name).toList()).doesNotContain("Clash");
      assertThat(apis.problems()).containsExactly("tensor API provider " + Clash.class.getName()
          + " is ignored: its type io.nanguard.tensor.Tensor is already described by the Tensor table");
    }
  }
}
