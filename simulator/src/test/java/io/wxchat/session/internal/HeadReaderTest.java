package io.wxchat.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The head reader's time bound: what the harness calls late must really be past its deadline. */
class HeadReaderTest {
  @Test
  void a_peer_that_never_writes_times_out_at_the_deadline_never_before_it() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (int round = 0; round < 30; round++) {
        // given: a connection the peer accepts (the backlog) and never writes to
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(silent.getInetAddress(), silent.getLocalPort()), 5_000);
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20) + round * 37_000L; // odd fractions of a ms
          // when
          HeadReader.Incomplete stopped = catchThrowableOfType(
              () -> HeadReader.read(socket.getInputStream(), socket, deadline, 1024, true), HeadReader.Incomplete.class);
          long at = System.nanoTime();
          // then
          assertThat(stopped.stop()).isEqualTo(HeadReader.Stop.TIMED_OUT);
          assertThat(at - deadline).as("round %d: how long after the deadline (ns) the timeout came", round)
              .isNotNegative();
        }
      }
    }
  }
}
