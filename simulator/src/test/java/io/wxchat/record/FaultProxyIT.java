package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.record.internal.HttpHead;
import io.wxchat.scenario.WireFault;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Received;
import io.wxchat.session.internal.Frame;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault of the proxy, seen on the wire: timestamps, TCP read sizes, resets, silence. */
class FaultProxyIT {
  private static ReferenceServer echo() {
    return ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start();
  }

  private static long roundTripMillis(ClientSession client, String text) throws InterruptedException {
    long start = System.nanoTime();
    client.send(text);
    assertThat(Clients.text(client)).contains(text.length() > 20 ? text.substring(0, 20) : text);
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void latency_delays_each_direction_and_jitter_keeps_the_order() throws Exception {
    try (ReferenceServer server = echo();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("latency=150ms,jitter=40ms")).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      // when
      long rtt = roundTripMillis(alice, "first");
      for (int i = 0; i < 20; i++) {
        alice.send("m" + i);
      }
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        replies.add(Clients.text(alice));
      }
      // then: 150 ms up and 150 ms down, less 40 ms of jitter each way at most
      assertThat(rtt).isGreaterThanOrEqualTo(220);
      for (int i = 0; i < 20; i++) {
        assertThat(replies.get(i)).contains("m" + i + "\"");
      }
      alice.close();
    }
  }

  @Test
  void bandwidth_spreads_a_frame_over_time() throws Exception {
    try (ReferenceServer server = echo();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("bandwidth=8KB/s")).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      // when: 4 KiB up, a bit more down, at 8 KiB/s each way
      long rtt = roundTripMillis(alice, "x".repeat(4096));
      // then
      assertThat(rtt).isGreaterThanOrEqualTo(900);
      alice.close();
    }
  }

  @Test
  void slice_writes_a_frame_in_many_small_tcp_writes() throws Exception {
    try (WireObserver upstream = new WireObserver();
         WireProxy proxy = WireProxy.to(upstream.uri()).fault(WireFault.parse("slice=1")).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      // when
      alice.send("a sliced frame of 30 bytes...");
      // then: the frame arrives whole, in many reads
      Frame frame = upstream.nextFrame();
      assertThat(frame).isNotNull();
      assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("a sliced frame of 30 bytes...");
      assertThat(upstream.readSizes).hasSizeGreaterThan(frame.wire().length / 3);
      alice.drop(); // the observer answers no close handshake
    }
  }

  @Test
  void without_slice_a_small_frame_arrives_in_one_read() throws Exception {
    try (WireObserver upstream = new WireObserver(); WireProxy proxy = WireProxy.to(upstream.uri()).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      alice.send("a whole frame");
      assertThat(upstream.nextFrame()).isNotNull();
      assertThat(upstream.readSizes).containsExactly(Frame.of(Frame.TEXT, "a whole frame".getBytes(StandardCharsets.UTF_8),
          true).wire().length);
      alice.drop(); // the observer answers no close handshake
    }
  }

  @Test
  void drop_after_ends_the_tcp_connection_without_a_close_frame() throws Exception {
    try (ReferenceServer server = echo();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("drop-after=3")).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      // when: frames 1 (up), 2 (down), 3 (up) pass; the 4th (the second reply) is not forwarded
      alice.send("one");
      assertThat(Clients.text(alice)).contains("one");
      alice.send("two");
      // then
      Received next = Clients.next(alice);
      assertThat(next).isInstanceOf(Received.Closed.class);
      assertThat(((Received.Closed) next).code()).isEqualTo(1006);
    }
  }

  @Test
  void reset_after_sends_a_tcp_rst() throws Exception {
    try (ReferenceServer server = echo();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("reset-after=300ms")).start();
         Socket socket = upgrade(proxy.uri())) {
      socket.setSoTimeout(5_000);
      // when / then: the read ends in a reset, not an end of stream or a close frame
      long start = System.nanoTime();
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(200L, 4_000L);
    }
  }

  @Test
  void half_open_forwards_nothing_and_closes_nothing() throws Exception {
    try (ReferenceServer server = echo();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("half-open")).start();
         Socket socket = upgrade(proxy.uri())) {
      // when
      socket.getOutputStream().write(Frame.of(Frame.TEXT, "hello?".getBytes(StandardCharsets.UTF_8), true).wire());
      socket.setSoTimeout(800);
      // then: no reply and no end of stream: the read times out
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      assertThat(proxy.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void blackhole_server_to_client_lets_client_frames_through_only() throws Exception {
    try (WireObserver upstream = new WireObserver();
         WireProxy proxy = WireProxy.to(upstream.uri()).fault(WireFault.parse("blackhole-server-to-client")).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      // when
      alice.send("up");
      Frame arrived = upstream.nextFrame();
      upstream.sendText("down");
      // then
      assertThat(new String(arrived.payload(), StandardCharsets.UTF_8)).isEqualTo("up");
      Clients.assertNoMore(alice, Duration.ofMillis(800));
      alice.drop(); // the observer answers no close handshake
    }
  }

  @Test
  void a_fault_changed_on_an_open_connection_applies_to_the_next_frames() throws Exception {
    try (ReferenceServer server = echo(); WireProxy proxy = WireProxy.to(server.uri()).start()) {
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      long before = roundTripMillis(alice, "fast");
      // when
      proxy.fault(WireFault.parse("latency-to-client=400ms"));
      long after = roundTripMillis(alice, "slow");
      // then
      assertThat(after).isGreaterThanOrEqualTo(400).isGreaterThan(before);
      alice.close();
    }
  }

  /** A hand-made upgrade on a plain socket, so the test sees the TCP connection itself. */
  private static Socket upgrade(URI uri) throws IOException {
    Socket socket = new Socket(uri.getHost(), uri.getPort());
    socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpHead answer = HttpHead.read(new DataInputStream(socket.getInputStream()), socket,
        System.nanoTime() + 5_000_000_000L, "the proxy");
    assertThat(answer.status()).isEqualTo(101);
    socket.setSoTimeout(0);
    return socket;
  }
}
