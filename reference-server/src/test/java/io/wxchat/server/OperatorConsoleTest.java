package io.wxchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperatorConsoleTest {
  /** An input at its end, which tells the test which thread reads it. */
  private static final class EmptyConsole extends InputStream {
    final BlockingQueue<Thread> readers = new LinkedBlockingQueue<>();

    @Override
    public int read() {
      readers.add(Thread.currentThread());
      return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return read();
    }
  }

  @Test
  void closing_the_server_ends_its_console_reader() throws Exception {
    EmptyConsole console = new EmptyConsole();
    Thread reader;
    try (ReferenceServer server = ReferenceServer.create(cfg -> cfg.port(0)).start()) {
      server.readOperatorLines(console);
      reader = console.readers.poll(5, TimeUnit.SECONDS);
      assertThat(reader).as("the console was read").isNotNull();
      assertThat(reader.isAlive()).as("the reader waits for more input").isTrue();
    }

    reader.join(5_000);
    assertThat(reader.isAlive()).as("the reader after close()").isFalse();
  }
}
