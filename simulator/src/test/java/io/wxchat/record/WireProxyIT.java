package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.WireFault;
import io.wxchat.server.Mode;
import io.wxchat.server.ReferenceServer;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Received;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.Test;

/** The proxy's own threads: each ends when what it serves ends, none spins. */
class WireProxyIT {
  private static final long BOUND_MILLIS = 5_000;

  /** The live threads whose names start with {@code prefix}. */
  private static List<Thread> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
  }

  private static void assertAllEnd(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    assertThat(threads.stream().filter(Thread::isAlive).map(Thread::getName))
        .as("threads still running %d ms after their connection ended", BOUND_MILLIS).isEmpty();
  }

  @Test
  void a_frame_over_the_proxys_bound_is_not_forwarded_the_client_gets_close_1009_naming_it() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start();
         WireProxy proxy = WireProxy.to(server.uri()).maxFrameBytes(1_000).start()) {
      // given: a text under the bound, whose echo (prefix, JSON and timestamp added) is over it
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      List<Thread> relay = threads("proxy-" + proxy.port() + "-relay-1-");
      // when
      alice.send("x".repeat(990));
      // then
      Received next = Clients.next(alice);
      assertThat(next).isInstanceOf(Received.Closed.class);
      assertThat(((Received.Closed) next).code()).isEqualTo(1009);
      assertThat(((Received.Closed) next).reason()).matches("proxy: a frame of 1,0\\d\\d bytes is over its 1,000-byte bound");
      assertAllEnd(relay);
      alice.close();
    }
  }

  @Test
  void behind_latency_the_frames_before_an_oversized_one_arrive_first_then_close_1009() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.ECHO)).start();
         WireProxy proxy = WireProxy.to(server.uri()).maxFrameBytes(1_000).fault(WireFault.parse("latency=300ms"))
             .start()) {
      // given: a short text, whose echo the proxy holds back 300 ms, then one whose echo is over the bound
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      // when
      alice.send("先");
      alice.send("x".repeat(990));
      // then: the close comes after the held-back echo (the writer sends it), not before or inside it
      Received first = Clients.next(alice);
      assertThat(first).as("the echo sent before the oversized one").isInstanceOf(Received.Text.class);
      assertThat(((Received.Text) first).text()).contains("服务器回复:先");
      Received next = Clients.next(alice);
      assertThat(next).isInstanceOf(Received.Closed.class);
      assertThat(((Received.Closed) next).code()).isEqualTo(1009);
      alice.close();
    }
  }

  @Test
  void an_upstream_flooding_a_throttled_direction_is_held_back_not_buffered_without_end() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicLong written = new AtomicLong();
      Thread flood = new Thread(() -> floodAfterUpgrade(upstream, written), "test-flood");
      flood.setDaemon(true);
      flood.start();
      try (WireProxy proxy = WireProxy.to(URI.create("ws://127.0.0.1:" + upstream.getLocalPort() + "/"))
          .fault(WireFault.parse("bandwidth=1KB/s")).start()) {
        // given: a client behind a direction throttled to 1 KB/s
        ClientSession alice = Clients.open(proxy.uri(), "alice");
        // when: the upstream writes as fast as the proxy takes its frames, for 3 s
        flood.join(3_000);
        // then: the proxy stopped taking them at its queue bound (plus the sockets' own buffers)
        assertThat(written.get()).as("bytes the upstream got to write in 3 s").isLessThan(64L << 20);
        alice.close();
      }
    }
  }

  /** Answers each upgrade, then writes 60 KB text frames until the socket fails, counting the bytes. */
  private static void floodAfterUpgrade(ServerSocket upstream, AtomicLong written) {
    while (!upstream.isClosed()) {
      try (Socket peer = upstream.accept()) {
        java.io.BufferedReader head = new java.io.BufferedReader(
            new java.io.InputStreamReader(peer.getInputStream(), StandardCharsets.ISO_8859_1));
        String key = null;
        for (String line = head.readLine(); line != null && !line.isEmpty(); line = head.readLine()) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
            key = line.substring(line.indexOf(':') + 1).trim();
          }
        }
        if (key == null) {
          continue; // a probe, not an upgrade
        }
        String accept = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        OutputStream out = peer.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] frame = new byte[4 + 60_000];
        frame[0] = (byte) 0x81;
        frame[1] = 126;
        frame[2] = (byte) (60_000 >> 8);
        frame[3] = (byte) (60_000 & 0xff);
        java.util.Arrays.fill(frame, 4, frame.length, (byte) 'x');
        while (true) {
          out.write(frame);
          written.addAndGet(frame.length);
        }
      } catch (IOException | java.security.NoSuchAlgorithmException ended) {
        // a probe, or the proxy closed
      }
    }
  }

  @Test
  void every_thread_of_a_relay_ends_when_drop_after_drops_the_connection() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("drop-after=2")).start()) {
      // given: alice's greeting and its auto-reply are the two frames the fault lets through
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      alice.send("你好");
      assertThat(Clients.text(alice)).contains("[自动回复]");
      List<Thread> relay = threads("proxy-" + proxy.port() + "-relay-1-");
      assertThat(relay).extracting(Thread::getName).contains("proxy-" + proxy.port() + "-relay-1-up-write",
          "proxy-" + proxy.port() + "-relay-1-down-write");
      // when: her next line is the third, and the proxy drops the connection instead of forwarding it
      alice.send("在吗");
      assertThat(Clients.next(alice)).isInstanceOf(io.wxchat.session.Received.Closed.class);
      // then
      assertAllEnd(relay);
      alice.close();
    }
  }

  @Test
  void every_thread_of_a_relay_ends_when_a_fault_step_resets_the_connection() throws Exception {
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start();
         WireProxy proxy = WireProxy.to(server.uri()).fault(WireFault.parse("latency=50ms")).start()) {
      // given: a reply on its way through the latency queue
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      alice.send("你好");
      assertThat(Clients.text(alice)).contains("[自动回复]");
      List<Thread> relay = threads("proxy-" + proxy.port() + "-relay-1-");
      // when
      proxy.resetAll();
      // then
      assertAllEnd(relay);
      alice.close();
    }
  }

  @Test
  void a_client_that_stalls_in_its_upgrade_request_is_closed_at_the_handshake_timeout() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
         WireProxy proxy = WireProxy.to(URI.create("ws://127.0.0.1:" + upstream.getLocalPort() + "/"))
             .handshakeTimeout(Duration.ofMillis(300)).start();
         Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      // given: half a request line, then nothing
      client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      client.setSoTimeout((int) BOUND_MILLIS);
      long start = System.nanoTime();
      // when
      int read = read(client.getInputStream());
      // then: the proxy closed it at about 300 ms, well before our own bound
      assertThat(read).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(BOUND_MILLIS / 2));
      assertAllEnd(threads("proxy-" + proxy.port() + "-relay-1-"));
    }
  }

  @Test
  void an_upstream_that_stalls_in_its_answer_is_closed_at_the_handshake_timeout() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
         WireProxy proxy = WireProxy.to(URI.create("ws://127.0.0.1:" + upstream.getLocalPort() + "/"))
             .handshakeTimeout(Duration.ofMillis(300)).start();
         Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      // given: an upstream that reads the request and answers half a status line
      client.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      upstream.setSoTimeout((int) BOUND_MILLIS);
      try (Socket stalled = upstream.accept()) {
        stalled.getOutputStream().write("HTTP/1.1 10".getBytes(StandardCharsets.US_ASCII));
        stalled.getOutputStream().flush();
        client.setSoTimeout((int) BOUND_MILLIS);
        // when
        int read = read(client.getInputStream());
        // then
        assertThat(read).isEqualTo(-1);
        assertAllEnd(threads("proxy-" + proxy.port() + "-relay-1-"));
      }
    }
  }

  private static int read(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException reset) {
      return -1; // closed with unread bytes: a reset, as good as a close here
    }
  }

  @Test
  void accept_failures_pause_and_are_counted_and_close_ends_the_accept_loop() throws Exception {
    // given: a listening socket whose accept() fails 4 times, as it does when the process has no descriptors left
    List<Long> calls = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger(4);
    ServerSocketFactory failing = listening(() -> new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        calls.add(System.nanoTime());
        if (failures.getAndDecrement() > 0) {
          throw new IOException("Too many open files");
        }
        return super.accept();
      }
    });
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.mode(Mode.OPERATOR)).start()) {
      WireProxy proxy = WireProxy.to(server.uri()).listenSockets(failing).start();
      Thread acceptor = proxy.acceptor();
      // when: a client connects once accept() works again
      ClientSession alice = Clients.open(proxy.uri(), "alice");
      alice.send("你好");
      assertThat(Clients.text(alice)).contains("[自动回复]");
      alice.close();
      // then: every failure was counted, and each retry came after a pause, not at once
      assertThat(proxy.acceptFailures()).isEqualTo(4);
      for (int i = 1; i < 5; i++) {
        assertThat(Duration.ofNanos(calls.get(i) - calls.get(i - 1))).as("pause before accept() call %d", i + 1)
            .isGreaterThanOrEqualTo(Duration.ofMillis(10));
      }
      // and: closing the proxy ends its accept loop
      proxy.close();
      acceptor.join(BOUND_MILLIS);
      assertThat(acceptor.isAlive()).as("the accept thread after close()").isFalse();
    }
  }

  @Test
  void closing_the_proxy_ends_the_accept_loop_while_it_pauses_after_a_failure() throws Exception {
    // given: accept() always fails
    java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
    ServerSocketFactory failing = listening(() -> new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        failed.countDown();
        if (isClosed()) {
          throw new SocketException("Socket is closed");
        }
        throw new IOException("Too many open files");
      }
    });
    WireProxy proxy = WireProxy.to(URI.create("ws://127.0.0.1:1/")).listenSockets(failing).start();
    Thread acceptor = proxy.acceptor();
    assertThat(failed.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)).as("accept() called").isTrue();
    // when: it pauses after the failure (10 ms, doubling)
    proxy.close();
    // then
    acceptor.join(BOUND_MILLIS);
    assertThat(acceptor.isAlive()).as("the accept thread after close()").isFalse();
  }

  /** The proxy's listening sockets from {@code socket}: the one way WireProxy creates them. */
  private static ServerSocketFactory listening(Callable<ServerSocket> socket) {
    return new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        try {
          return socket.call();
        } catch (Exception e) {
          throw new IOException(e);
        }
      }

      @Override
      public ServerSocket createServerSocket(int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
