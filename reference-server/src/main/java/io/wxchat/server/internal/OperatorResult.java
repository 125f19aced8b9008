package io.wxchat.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What became of one operator line: pushed to {@code delivered} clients, or ignored and why. */
public record OperatorResult(boolean accepted, int delivered, String reason) {
  /**
   * Jackson's first use costs about 180 ms; held apart so that a push (which creates a result) does
   * not pay it: only the operator channel's acknowledgement, sent after the push has gone out, does.
   */
  private static final class Json {
    static final ObjectWriter WRITER = new ObjectMapper().writer();
  }

  static OperatorResult delivered(int clients) {
    return new OperatorResult(true, clients, "");
  }

  static OperatorResult ignored(String reason) {
    return new OperatorResult(false, 0, reason);
  }

  /** The operator channel's acknowledgement: {@code {"ok":true,"delivered":3,"online":true}}. */
  public String toAckJson() {
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("ok", accepted);
    if (accepted) {
      ack.put("delivered", delivered);
      ack.put("online", true);
    } else {
      ack.put("error", reason);
    }
    try {
      return Json.WRITER.writeValueAsString(ack);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an operator ack", e);
    }
  }
}
