package io.wxchat.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one Jackson mapper of the reports: indented, UTF-8, decimals written plainly. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private Json() {
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Writes {@code node} to {@code file}, replacing what was there. */
  static void write(JsonNode node, Path file) throws IOException {
    Files.write(file, MAPPER.writeValueAsBytes(node));
  }
}
