package io.wxchat.conformance.internal;

/** The values of {@code {i}} and {@code {client}} inside {@code repeat} and {@code clients}. */
record Bindings(String index, String client) {
  static final Bindings NONE = new Bindings(null, null);

  Bindings withIndex(int i) {
    return new Bindings(String.valueOf(i), client);
  }

  Bindings withClient(String name) {
    return new Bindings(index, name);
  }

  String apply(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    if (index != null) {
      result = result.replace("{i}", index);
    }
    if (client != null) {
      result = result.replace("{client}", client);
    }
    return result;
  }
}
