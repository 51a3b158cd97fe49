package io.schemagate.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes as Kubernetes writes them: {@code 32Mi}, {@code 512Ki}, {@code 1Gi}, or bytes. */
final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT).replace("ib", "i").replace("b", "");
    long factor = 1;
    if (text.endsWith("ki")) {
      factor = 1L << 10;
    } else if (text.endsWith("mi")) {
      factor = 1L << 20;
    } else if (text.endsWith("gi")) {
      factor = 1L << 30;
    }
    String digits = factor == 1 ? text : text.substring(0, text.length() - 2);
    try {
      long size = Long.parseLong(digits) * factor;
      if (size < 1) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a size; write e.g. 32Mi, 512Ki or a number of bytes");
    }
  }
}
