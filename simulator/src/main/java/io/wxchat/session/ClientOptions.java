package io.wxchat.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a simulated mini-program connects. The defaults behave like {@code wx.connectSocket}: no
 * Origin or Referer header, no subprotocol, no per-message deflate, a bounded connect.
 */
public record ClientOptions(String path, Map<String, String> headers, List<String> subprotocols, boolean raw,
                            Duration connectTimeout) {
  public ClientOptions {
    headers = Map.copyOf(headers);
    subprotocols = List.copyOf(subprotocols);
  }
}
