package io.wxchat.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodedFrameTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final EncodedFrame.Template DATED = new EncodedFrame.Template("content", "", "date");

  /** What the server sent before it encoded frames itself: Jackson's text, then String.getBytes(UTF_8). */
  private static byte[] jackson(String content, String date) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("content", content);
    fields.put("date", date);
    return JACKSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] payload(EncodedFrame frame) {
    ByteBuffer bytes = frame.forSocket();
    assertThat(bytes.get(0) & 0xff).as("FIN + text opcode").isEqualTo(0x81);
    int length = bytes.get(1) & 0x7f;
    int at = 2;
    long declared = length;
    if (length == 126) {
      declared = ((bytes.get(2) & 0xff) << 8) | (bytes.get(3) & 0xff);
      at = 4;
    } else if (length == 127) {
      declared = bytes.getLong(2);
      at = 10;
    }
    byte[] payload = new byte[bytes.limit() - at];
    bytes.position(at).get(payload);
    assertThat(declared).as("declared payload length").isEqualTo(payload.length);
    return payload;
  }

  @Test
  void json_is_byte_for_byte_what_jackson_and_getBytes_produced() throws Exception {
    StringBuilder everyAscii = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      everyAscii.append(c);
    }
    String[] texts = {"", "你好", "say \"hi\"\n\\", everyAscii.toString(), "é ß \u07ff \u0800 \uffff",
        "emoji \ud83d\ude00 pair", "lone \ud83d high", "lone \ude00 low", "\u2028\u2029\u00a0\u3000", "end \ud83d"};
    for (String text : texts) {
      assertThat(payload(EncodedFrame.jsonObject(DATED, text, "2026-21-11 , 9:05 pm")))
          .as("encoding of %s", text)
          .isEqualTo(jackson(text, "2026-21-11 , 9:05 pm"));
    }
  }

  @Test
  void a_template_carries_the_keys_and_a_prefix_of_the_first_value() {
    EncodedFrame.Template echo = new EncodedFrame.Template("content", "服务器回复:", "timestamp");
    assertThat(EncodedFrame.jsonObject(echo, "你\"好", "9:00:00 AM").payloadText())
        .isEqualTo("""
            {"content":"服务器回复:你\\"好","timestamp":"9:00:00 AM"}""");
  }

  @Test
  void the_header_carries_the_payload_length_in_the_shortest_form() {
    // {"a":"<n x>","b":""} is n + 15 bytes
    EncodedFrame.Template ab = new EncodedFrame.Template("a", "", "b");
    for (int payloadLength : new int[] {15, 125, 126, 65_535, 65_536, 200_000}) {
      EncodedFrame frame = EncodedFrame.jsonObject(ab, "x".repeat(payloadLength - 15), "");
      int header = payloadLength <= 125 ? 2 : payloadLength <= 65_535 ? 4 : 10;
      assertThat(payload(frame)).hasSize(payloadLength);
      assertThat(frame.length()).isEqualTo(header + payloadLength);
    }
  }

  @Test
  void each_socket_gets_its_own_position_over_the_same_bytes() {
    EncodedFrame frame = EncodedFrame.text("{\"ok\":true}");
    ByteBuffer first = frame.forSocket();
    ByteBuffer second = frame.forSocket();
    first.position(first.limit()); // as if written
    assertThat(second.remaining()).isEqualTo(frame.length());
    assertThat(frame.payloadText()).isEqualTo("{\"ok\":true}");
  }
}
