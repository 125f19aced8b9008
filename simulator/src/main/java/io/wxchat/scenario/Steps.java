package io.wxchat.scenario;

import java.time.Duration;
import java.util.List;

/** Static constructors of {@link Step}s that read like the script: {@code Steps.send("alice", "你好")}. */
public final class Steps {
  private Steps() {
  }

  public static Step connect(String client) {
    return new Step.Connect(client, null, null, null, false, null);
  }

  public static Step connectRaw(String client) {
    return new Step.Connect(client, null, null, null, true, null);
  }

  public static Step send(String client, String text) {
    return new Step.Send(client, text, null, null, null);
  }

  /** One text frame holding {@code text} {@code times} times over, e.g. 65,536 bytes of "x". */
  public static Step send(String client, String text, int times) {
    return new Step.Send(client, text, null, null, times);
  }

  public static Step sendBinary(String client, String hex) {
    return new Step.Send(client, null, hex, null, null);
  }

  public static Step sendRaw(String client, String hex) {
    return new Step.Send(client, null, null, hex, null);
  }

  public static Step expect(String client, Matcher message) {
    return new Step.Expect(client, message, null, 1);
  }

  public static Step expect(String client, Matcher message, Duration within) {
    return new Step.Expect(client, message, within, 1);
  }

  public static Step expectEach(String client, int count, Matcher message, Duration within) {
    return new Step.Expect(client, message, within, count);
  }

  public static Step silence(String client, Duration quiet) {
    return new Step.Silence(client, quiet);
  }

  public static Step expectClose(String client, int code) {
    return new Step.ExpectClose(client, code, null, null);
  }

  public static Step operator(String line) {
    return new Step.OperatorSays(line);
  }

  public static Step http(String path, int status) {
    return new Step.HttpRequest("GET", path, null, status, null);
  }

  public static Step waitFor(Duration duration) {
    return new Step.Wait(duration);
  }

  public static Step close(String client) {
    return new Step.Close(client, 1000, false);
  }

  public static Step drop(String client) {
    return new Step.Close(client, 1000, true);
  }

  public static Step clients(int count, String name, Step... steps) {
    return new Step.Clients(count, name, List.of(steps));
  }

  public static Step repeat(int times, Step... steps) {
    return new Step.Repeat(times, List.of(steps));
  }

  /** The documented steps, or alternatives: {@code oneOf(documented(silence(...)), nonStrict("seed 002, D1", expect(...)))}. */
  public static Step oneOf(Step.Branch... branches) {
    return new Step.OneOf(List.of(branches));
  }

  public static Step.Branch documented(Step... steps) {
    return new Step.Branch(null, List.of(steps));
  }

  public static Step.Branch nonStrict(String deviation, Step... steps) {
    return new Step.Branch(deviation, List.of(steps));
  }

  public static Step endOfInput(String lastLine) {
    return new Step.EndOfInput(lastLine);
  }

  /** A bystander during an attack: sends {@code text}, the answer must match within 5 s (over 1 s: NON_STRICT). */
  public static Step canary(String client, String text, Matcher message) {
    return new Step.Canary(client, text, message, null, null);
  }

  /** An upgrade request with {@code bytes} of headers that never end; the server must answer or close within 5 s. */
  public static Step upgradeFlood(String client, int bytes) {
    return new Step.UpgradeFlood(client, bytes, Duration.ofSeconds(5));
  }

  /** The server closes {@code client} within {@code within}, after any backlog of frames. */
  public static Step awaitClose(String client, Duration within) {
    return new Step.AwaitClose(client, within);
  }

  /** A TCP connection that writes {@code text} and stays open, unread, until the case ends (e.g. half an upgrade). */
  public static Step tcp(String client, String text) {
    return new Step.Tcp(client, text, null);
  }
}
