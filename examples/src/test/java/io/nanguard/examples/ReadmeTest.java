package io.nanguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's setup and example are the example project's, which the invoker build runs: its
 * Maven snippet is the project's pom.xml, and every line of its Java snippets is a line of the
 * project's sources. So the README cannot drift from what CI builds.
 */
class ReadmeTest {

  private static Path property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && Files.exists(Paths.get(value)), name + " names no file: " + value);
    return Paths.get(value);
  }

  /** The fenced blocks of the given language, in order. */
  private static List<String> blocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    String fence = "```" + language + "\n";
    for (int at = markdown.indexOf(fence); at >= 0; at = markdown.indexOf(fence, at + 1)) {
      int start = at + fence.length();
      blocks.add(markdown.substring(start, markdown.indexOf("```", start)));
    }
    return blocks;
  }

  /** XML without its declaration, comments, the project tag's attributes and layout. */
  private static String normalizedPom(String xml) {
    return xml.replaceAll("<\\?xml[^>]*\\?>", "")
        .replaceAll("(?s)<!--.*?-->", "")
        .replaceAll("<project(\\s[^>]*)?>", "<project>")
        .replaceAll("\\s+", "");
  }

  private static Set<String> trimmedLines(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("src"))) {
      List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
      Set<String> lines = new java.util.HashSet<>();
      for (Path source : sources) {
        Files.readAllLines(source).forEach(line -> lines.add(line.strip()));
      }
      return lines;
    }
  }

  @Test
  void theMavenSnippetIsTheExampleProjectsPom() throws IOException {
    String readme = Files.readString(property("nanguard.readme"));
    List<String> poms = blocks(readme, "xml");
    assertEquals(1, poms.size(), "one Maven snippet in the README");
    String example = Files.readString(property("nanguard.example").resolve("pom.xml"));
    assertEquals(normalizedPom(example), normalizedPom(poms.get(0)));
  }

  @Test
  void everyLineOfTheJavaSnippetsIsInTheExampleProject() throws IOException {
    String readme = Files.readString(property("nanguard.readme"));
    Set<String> sourceLines = trimmedLines(property("nanguard.example"));
    List<String> snippets = blocks(readme, "java");
    assertTrue(snippets.size() >= 3, "the loss, the loop and the test");
    for (String snippet : snippets) {
      for (String line : snippet.split("\n")) {
        if (!line.isBlank()) {
          assertTrue(sourceLines.contains(line.strip()), "README line not in examples/maven-user: " + line);
        }
      }
    }
  }
}
