package io.wxchat.conformance;

/** Hears about a run as it goes; the CLI prints it, reports are built from it even when a run aborts. */
public interface Progress {
  Progress SILENT = new Progress() {
  };

  default void targetStarted(String target, String description, int cases) {
  }

  default void caseFinished(CaseResult result) {
  }

  default void targetFinished(TargetResult result) {
  }
}
