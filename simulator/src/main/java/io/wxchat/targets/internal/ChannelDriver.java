package io.wxchat.targets.internal;

import io.wxchat.targets.OperatorDriver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Drives the reference server's operator channel (docs/PROTOCOL.md X1): one frame per line, one ack. */
public final class ChannelDriver implements OperatorDriver {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI channel;

  public ChannelDriver(URI channel) {
    this.channel = channel;
  }

  @Override
  public String describe() {
    return "operator channel " + channel.resolve("/operator");
  }

  /** Each line of {@code typed} is one frame, as the console would take them. */
  @Override
  public void say(String typed) throws IOException {
    for (String line : typed.split("\r\n|\r|\n", -1)) {
      sayOne(line);
    }
  }

  /** The channel holds no stream between lines: its end of input is the last line, if any. */
  @Override
  public void end(String lastLine) throws IOException {
    if (!lastLine.isEmpty()) {
      say(lastLine);
    }
  }

  private void sayOne(String line) throws IOException {
    BlockingQueue<String> acks = new LinkedBlockingQueue<>();
    WebSocket socket;
    try {
      socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(channel, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              text.append(data);
              if (last) {
                acks.add(text.toString());
                text.setLength(0);
              }
              ws.request(1);
              return null;
            }
          }).join();
    } catch (CompletionException e) {
      throw new IOException("cannot reach the operator channel " + channel.resolve("/operator") + ": "
          + e.getCause().getMessage() + " (check --operator-token)", e.getCause());
    }
    try {
      socket.sendText(line, true).join();
      String ack = acks.poll(5, TimeUnit.SECONDS);
      if (ack == null) {
        throw new IOException("the operator channel did not acknowledge within 5 s");
      }
      if (!ack.contains("\"ok\":true") && !line.isBlank()) {
        throw new IOException("the operator channel refused the line: " + ack);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
      socket.abort();
    }
  }
}
