package io.wxchat.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextPayloadTest {
  @Test
  void a_long_text_decodes_to_what_new_string_gives_whatever_its_script() {
    String[] texts = {
        "客".repeat(20_000),
        "a".repeat(TextPayload.LONG_TEXT_BYTES),
        ("hello 你好 😀 é\u0000\"\\ ").repeat(1_000),
        "😀".repeat(TextPayload.LONG_TEXT_BYTES / 4),
    };
    for (String text : texts) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      assertThat(utf8.length).isGreaterThanOrEqualTo(TextPayload.LONG_TEXT_BYTES);
      assertThat(TextPayload.decode(ByteBuffer.wrap(utf8))).isEqualTo(text);
    }
  }

  @Test
  void a_shorter_long_text_after_a_longer_one_leaves_nothing_of_the_first() {
    assertThat(TextPayload.decode(ByteBuffer.wrap("长".repeat(10_000).getBytes(StandardCharsets.UTF_8))))
        .hasSize(10_000);
    String shorter = "b".repeat(5_000);
    assertThat(TextPayload.decode(ByteBuffer.wrap(shorter.getBytes(StandardCharsets.UTF_8)))).isEqualTo(shorter);
  }

  @Test
  void the_payload_is_read_from_its_position_to_its_limit_and_left_where_it_was() {
    byte[] framed = ("xx" + "客".repeat(3_000) + "yy").getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.wrap(framed, 2, framed.length - 4).slice();
    assertThat(TextPayload.decode(payload)).isEqualTo("客".repeat(3_000));
    assertThat(payload.position()).isZero();
    ByteBuffer shortOne = ByteBuffer.wrap(framed, 0, 2);
    assertThat(TextPayload.decode(shortOne)).isEqualTo("xx");
    assertThat(shortOne.position()).isZero();
  }
}
