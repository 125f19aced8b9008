package io.wxchat.report;

/**
 * Writes HTML that is escaped by default: every text and attribute value goes through
 * {@link Html#escape}; markup comes only from tag and attribute names and from {@link #literal}
 * constants. Server output is hostile input, so no call site has to remember to escape.
 *
 * <pre>{@code
 * page.open("td", "class", "p").element("code", payload).close("td");   // <td class="p"><code>&lt;b&gt;</code></td>
 * }</pre>
 */
final class Markup {
  private final StringBuilder out;

  Markup(int capacity) {
    out = new StringBuilder(capacity);
  }

  /**
   * {@code <tag name="value" ...>}: {@code attributes} are name, value pairs; a null value leaves the
   * attribute out, an empty one writes it bare ({@code open}).
   */
  Markup open(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs: " + String.join(", ", attributes));
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(attributes[i]);
      if (!value.isEmpty()) {
        out.append("=\"").append(Html.escape(value)).append('"');
      }
    }
    out.append('>');
    return this;
  }

  Markup close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** Escaped text; numbers and other values by their {@code toString}. */
  Markup text(Object text) {
    out.append(Html.escape(String.valueOf(text)));
    return this;
  }

  /** {@code <tag ...>text</tag>}, the text escaped. */
  Markup element(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** Markup written as is: only for constants of this package (the doctype, a style sheet), never for data. */
  Markup literal(String constant) {
    out.append(constant);
    return this;
  }

  Markup newline() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
