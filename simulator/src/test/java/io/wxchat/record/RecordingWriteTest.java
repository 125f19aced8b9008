package io.wxchat.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxchat.scenario.Scenario;
import io.wxchat.scenario.ScenarioFiles;
import io.wxchat.scenario.Steps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording reaches its file whole, also when two writers save the same id at once. */
class RecordingWriteTest {
  @TempDir
  Path folder;

  private static Recording recording(String text) {
    return new Recording(Scenario.builder("recorded.demo").title("t").expectation("e").rules("C2")
        .steps(Steps.connect("alice"), Steps.send("alice", text)).build(), List.of("recorded by a test"));
  }

  @Test
  void two_writers_of_one_id_at_once_leave_one_whole_file_and_no_temporary_one() throws Exception {
    // given: two recordings of one id, large enough that a write takes a while
    Recording first = recording("一".repeat(200_000));
    Recording second = recording("二".repeat(200_000));
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        // when: both write at the same moment
        CountDownLatch go = new CountDownLatch(1);
        Future<Path> a = writers.submit(() -> {
          go.await();
          return first.writeTo(folder);
        });
        Future<Path> b = writers.submit(() -> {
          go.await();
          return second.writeTo(folder);
        });
        go.countDown();
        Path file = a.get(30, TimeUnit.SECONDS);
        assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo(file);
        // then: the file is one of the two, whole, and it reads as a scenario
        String text = Files.readString(file);
        assertThat(text).isIn(first.text(), second.text());
        assertThat(ScenarioFiles.parse(text, file.toString()).id()).isEqualTo("recorded.demo");
      }
      try (Stream<Path> left = Files.list(folder)) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactly("recorded.demo.yaml");
      }
    } finally {
      writers.shutdownNow();
    }
  }
}
