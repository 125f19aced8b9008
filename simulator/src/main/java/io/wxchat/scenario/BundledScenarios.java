package io.wxchat.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The standard suites as the simulator jar carries them (the build copies {@code scenarios/} in), so
 * a build that only depends on the jar can run them: {@code BundledScenarios.loadAll()}.
 */
public final class BundledScenarios {
  /** Where in the jar the suites sit. */
  public static final String RESOURCE = "/wxchat/scenarios";

  private BundledScenarios() {
  }

  /** The bundled suites' folder, readable with {@link java.nio.file.Files} inside the jar too. */
  public static Path root() {
    URL marker = BundledScenarios.class.getResource(RESOURCE + "/scenario.schema.json");
    if (marker == null) {
      throw new IllegalStateException("the simulator jar carries no " + RESOURCE
          + " (built without its resources?); pass the folder: scenarios(Path.of(\"scenarios\"))");
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException open) {
          // another caller opened the jar already; it stays open for the JVM's life, as the class path does
        }
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw new UncheckedIOException(new IOException("cannot open the bundled scenarios at " + marker, e));
    }
  }

  /** Every bundled case, sorted by id. */
  public static List<Scenario> loadAll() {
    return ScenarioFiles.loadAll(root());
  }
}
