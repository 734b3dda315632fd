package dev.leakscope.agent.cli;

import dev.leakscope.core.unit.Units;
import java.time.Duration;
import picocli.CommandLine;

/** Parses {@code 250ms}, {@code 30s}, {@code 5m}; zero and negative durations are bad input. */
public final class PositiveDuration implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Units.positive(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
