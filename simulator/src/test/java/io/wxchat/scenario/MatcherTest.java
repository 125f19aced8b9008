package io.wxchat.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The line between FAILED and NON_STRICT for fixed texts and fields (PROTOCOL.md "How the suites grade"). */
class MatcherTest {
  private static final Matcher AUTO_REPLY = Matchers.json("content", Matchers.equalTo(Matchers.AUTO_REPLY));
  private static final String DOCUMENTED = " differs from the documented \"[自动回复] : 请等待用户接入回复...\" only in"
      + " character width or white space";

  @Test
  void a_full_width_colon_bracket_or_a_doubled_space_is_non_strict() {
    assertThat(content("[自动回复] ： 请等待用户接入回复...")).isEqualTo("NON_STRICT /content \"[自动回复] ： 请等待用户接入回复...\""
        + DOCUMENTED);
    assertThat(content("［自动回复］ : 请等待用户接入回复...")).isEqualTo("NON_STRICT /content \"［自动回复］ : 请等待用户接入回复...\""
        + DOCUMENTED);
    assertThat(content("[自动回复]  : 请等待用户接入回复...")).isEqualTo("NON_STRICT /content \"[自动回复]  : 请等待用户接入回复...\""
        + DOCUMENTED);
  }

  @Test
  void an_ellipsis_character_for_three_full_stops_is_another_text_and_failed() {
    assertThat(content("[自动回复] : 请等待用户接入回复\u2026")).isEqualTo("FAIL /content differs: expected"
        + " \"[自动回复] : 请等待用户接入回复...\", got \"[自动回复] : 请等待用户接入回复\u2026\"");
    assertThat(content("[自动回复]: 请等待用户接入回复...")).as("a missing space is not a width")
        .isEqualTo("FAIL /content differs: expected \"[自动回复] : 请等待用户接入回复...\", got \"[自动回复]: 请等待用户接入回复...\"");
  }

  @Test
  void a_number_null_or_missing_field_where_a_text_belongs_is_failed() {
    assertThat(frame("{\"content\":7}")).isEqualTo("FAIL /content expected the string \"[自动回复] : 请等待用户接入回复...\","
        + " got 7");
    assertThat(frame("{\"content\":null}")).isEqualTo("FAIL /content expected the string"
        + " \"[自动回复] : 请等待用户接入回复...\", got null");
    assertThat(frame("{\"message\":\"hi\"}")).isEqualTo("FAIL /content is missing (fields: message)");
    assertThat(frame("[自动回复] : 请等待用户接入回复...")).isEqualTo("FAIL not JSON: \"[自动回复] : 请等待用户接入回复...\"");
    assertThat(frame("[1,2]")).isEqualTo("FAIL expected a JSON object, got [1,2]");
  }

  @Test
  void an_extra_field_is_non_strict_only_where_exactly_these_fields_are_documented() {
    Matcher exactly = Matchers.jsonExactly("content", Matchers.equalTo("hi"));
    assertThat(DateStyleTest.result(exactly, "{\"content\":\"hi\",\"type\":\"text\"}", Clock.systemDefaultZone()))
        .isEqualTo("NON_STRICT /type is not a documented field");
    assertThat(DateStyleTest.result(Matchers.json("content", Matchers.equalTo("hi")), "{\"content\":\"hi\",\"type\":1}",
        Clock.systemDefaultZone())).isEqualTo("PASS");
  }

  private static String content(String content) {
    return frame(TextNode.valueOf(content).toString().replaceFirst("^", "{\"content\":") + "}");
  }

  private static String frame(String text) {
    MatchResult result = AUTO_REPLY.match(TextNode.valueOf(text), "", Clock.systemDefaultZone());
    return result.passed() ? "PASS" : result.outcome() + " " + result.detail();
  }
}
