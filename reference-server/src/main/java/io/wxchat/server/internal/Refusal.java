package io.wxchat.server.internal;

import java.nio.charset.StandardCharsets;

/** An HTTP answer that refuses a WebSocket handshake, with the reason in its body and the log. */
record Refusal(int status, String statusText, String reason) {
  static Refusal notFound(String reason) {
    return new Refusal(404, "Not Found", reason);
  }

  static Refusal unauthorized(String reason) {
    return new Refusal(401, "Unauthorized", reason);
  }

  static Refusal unavailable(String reason) {
    return new Refusal(503, "Service Unavailable", reason);
  }

  byte[] toHttpResponse() {
    byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + statusText + "\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] response = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, response, 0, headBytes.length);
    System.arraycopy(body, 0, response, headBytes.length, body.length);
    return response;
  }

  @Override
  public String toString() {
    return status + " " + reason;
  }
}
