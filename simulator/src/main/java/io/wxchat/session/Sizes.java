package io.wxchat.session;

import java.util.Locale;

/** Sizes as people read them in failure messages: {@code Sizes.bytes(104_857_600)} is {@code 100 MiB}. */
public final class Sizes {
  private Sizes() {
  }

  /** {@code 512 bytes}, {@code 64 KiB}, {@code 1.5 MiB}, {@code 8 GiB}. */
  public static String bytes(long count) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (count < 1024) {
      return count + (count == 1 ? " byte" : " bytes");
    }
    double value = count;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = value == Math.rint(value) || value >= 100
        ? String.valueOf(Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
    return number + " " + units[unit];
  }
}
