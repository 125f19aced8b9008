package io.wxchat.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * README's Java and XML snippets are, line for line, in the code that is compiled and run
 * ({@link ReadmeExamplesTest}, and the user project {@code UserProjectIT} builds), so a snippet that
 * goes stale fails the build instead of a user's.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("scenarios.dir", "../scenarios"))
      .toAbsolutePath().normalize().getParent();
  private static final List<Path> COMPILED = List.of(
      ROOT.resolve("simulator/src/test/java/io/wxchat/junit/ReadmeExamplesTest.java"),
      ROOT.resolve("simulator/src/it/user-project/src/test/java/com/example/chat/ConformanceTest.java"),
      ROOT.resolve("simulator/src/it/user-project/pom.xml"));
  private static final Pattern SNIPPET = Pattern.compile("```(java|xml)\\n(.*?)```", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> every_java_and_xml_snippet_of_the_readme_is_in_compiled_code() throws IOException {
    Matcher snippets = SNIPPET.matcher(Files.readString(ROOT.resolve("README.md")));
    List<DynamicTest> tests = new ArrayList<>();
    while (snippets.find()) {
      List<String> lines = significant(snippets.group(2));
      tests.add(DynamicTest.dynamicTest(snippets.group(1) + " snippet " + (tests.size() + 1) + ": " + lines.get(0),
          () -> assertThat(COMPILED.stream().filter(file -> contains(file, lines)).findFirst())
              .as("README's snippet, line for line, in one of %s:%n%s", COMPILED, String.join("\n", lines))
              .isPresent()));
    }
    assertThat(tests).as("README's snippets").hasSizeGreaterThanOrEqualTo(5);
    return tests.stream();
  }

  private static boolean contains(Path file, List<String> lines) {
    try {
      return Collections.indexOfSubList(significant(Files.readString(file)), lines) >= 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Lines without their indentation, blank ones and a test's own ({@code // test only}) left out: a
   * snippet may sit indented in a class or a pom, and a test checks what the snippet did.
   */
  private static List<String> significant(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.endsWith("// test only")).toList();
  }
}
