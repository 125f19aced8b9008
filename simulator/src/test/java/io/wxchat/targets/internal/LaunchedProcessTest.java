package io.wxchat.targets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxchat.targets.TargetUnreachableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server that ends before its port opens is reported with its output read to the end. */
class LaunchedProcessTest {
  @Test
  void a_server_that_ends_early_is_reported_with_its_last_output_line() {
    // given: a process that has ended, whose last line is still on its way through the pipe (300 ms)
    Process ended = new EndedProcess("first words\n", "last words\n", Duration.ofMillis(300));

    // when / then (port 1: nothing listens there, and the process is dead anyway)
    assertThatThrownBy(() -> LaunchedProcess.awaitPort("server", 1, ended, Duration.ofSeconds(20)))
        .isInstanceOf(TargetUnreachableException.class)
        .hasMessageStartingWith("\"server\" exited with code 3 before port 1 accepted connections; its output:\n")
        .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().indexOf("its output:")))
            .isEqualTo("its output:\nfirst words\nlast words"));
  }

  /** Has exited with code 3; its output is {@code first} at once, then {@code last} after {@code lag}. */
  private static final class EndedProcess extends Process {
    private final InputStream out;

    EndedProcess(String first, String last, Duration lag) {
      InputStream late = new InputStream() {
        private InputStream rest;

        @Override
        public int read() throws java.io.IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
          if (rest == null) {
            try { // the pipe's lag, bounded: a latch nobody counts down
              new CountDownLatch(1).await(lag.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            rest = new ByteArrayInputStream(last.getBytes(StandardCharsets.UTF_8));
          }
          return rest.read(b, off, len);
        }
      };
      out = new SequenceInputStream(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)), late);
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return out;
    }

    @Override
    public InputStream getErrorStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() {
      return 3;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) {
      return true;
    }

    @Override
    public boolean isAlive() {
      return false;
    }

    @Override
    public int exitValue() {
      return 3;
    }

    @Override
    public void destroy() {
      // it has ended
    }
  }
}
