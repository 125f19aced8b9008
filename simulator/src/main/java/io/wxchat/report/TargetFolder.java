package io.wxchat.report;

import io.wxchat.conformance.TargetResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A target and the folder its files go to: its name made safe as one path segment and one URL
 * segment (target names come from the command line), and unique within the run.
 */
record TargetFolder(TargetResult target, String folder) {
  static List<TargetFolder> assign(List<TargetResult> targets) {
    Set<String> taken = new HashSet<>();
    List<TargetFolder> folders = new ArrayList<>();
    for (TargetResult target : targets) {
      String base = safe(target.name());
      String folder = base;
      for (int n = 2; !taken.add(folder.toLowerCase(Locale.ROOT)); n++) {
        folder = base + "-" + n;
      }
      folders.add(new TargetFolder(target, folder));
    }
    return folders;
  }

  static String safe(String name) {
    String safe = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
      return "target" + safe.replace('.', '_');
    }
    return safe;
  }

  String name() {
    return target.name() == null ? folder : target.name();
  }
}
