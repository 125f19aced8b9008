package io.wxchat.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report page's style sheet and script ({@code report.css}, {@code report.js} beside this class),
 * inlined into the page: it must read offline, from file://, and from a CI artifact, so nothing is
 * fetched (system fonts only; CJK fonts named for each platform).
 */
final class PageStyle {
  static final String CSS = resource("report.css");
  static final String SCRIPT = resource("report.js");

  private PageStyle() {
  }

  private static String resource(String name) {
    try (InputStream in = PageStyle.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the simulator jar lacks io/wxchat/report/" + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (text.toLowerCase(java.util.Locale.ROOT).contains("</style") || text.toLowerCase(java.util.Locale.ROOT)
          .contains("</script")) {
        throw new IllegalStateException(name + " must not close its own element");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/wxchat/report/" + name, e);
    }
  }
}
