package io.wxchat.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Step;
import io.wxchat.session.Transcript;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeldConnectionsTest {
  @Test
  void a_tcp_step_writes_its_bytes_keeps_the_connection_open_and_closes_it_with_the_case() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI target = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
      HeldConnections held = new HeldConnections(target, new Transcript());
      // when
      held.open(new Step.Tcp("stalled", null, "16 03 01"), "stalled");
      held.open(new Step.Tcp("half", "GET / HTTP/1.1\r\n", null), "half");
      try (Socket first = server.accept(); Socket second = server.accept()) {
        first.setSoTimeout(5_000);
        second.setSoTimeout(5_000);
        // then: the bytes as given, and nothing more while the case runs
        assertThat(first.getInputStream().readNBytes(3)).containsExactly(0x16, 0x03, 0x01);
        assertThat(new String(second.getInputStream().readNBytes(16), StandardCharsets.UTF_8))
            .isEqualTo("GET / HTTP/1.1\r\n");
        assertThat(first.getInputStream().available()).isZero();
        // and the end of the case closes both
        held.close();
        assertThat(first.getInputStream().read()).isEqualTo(-1);
        assertThat(second.getInputStream().read()).isEqualTo(-1);
      }
    }
  }
}
