package io.wxchat.scenario;

/** A scenario file that cannot be used: names the file, the line, what is wrong and what is allowed. */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final int line;

  public ScenarioException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.source = source;
    this.line = line;
  }

  public String source() {
    return source;
  }

  /** 1-based; 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }
}
