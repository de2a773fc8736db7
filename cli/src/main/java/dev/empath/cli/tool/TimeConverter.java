package dev.empath.cli.tool;

import dev.empath.history.time.TimeSpec;
import java.time.Clock;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts a time option ({@link TimeSpec}: epoch ms, ISO-8601, relative, now) to epoch ms. */
public final class TimeConverter implements ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    try {
      return TimeSpec.parse(value, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
