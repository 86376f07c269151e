package io.sparkprune.config;

import java.io.Serializable;

/**
 * The values a numeric config key accepts, e.g. {@code > 0} or {@code (0, 4]}; {@link #ANY} for
 * keys whose type alone says it (enums, booleans, text, seeds).
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) implements Serializable {
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    public static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false);
    }

    public static Range above(double min) {
        return new Range(min, false, Double.POSITIVE_INFINITY, false);
    }

    public static Range aboveUpTo(double min, double max) {
        return new Range(min, false, max, true);
    }

    public static Range aboveBelow(double min, double max) {
        return new Range(min, false, max, false);
    }

    /** Returns {@code value}, or throws naming {@code key} and this range. */
    public <T> T check(String key, T value) {
        if (value instanceof Number n && !contains(n.doubleValue())) {
            throw ConfigException.forKey(key, "must be " + (Double.isInfinite(max) ? "a finite number " : "")
                    + describe() + ", got " + value);
        }
        return value;
    }

    private boolean contains(double v) {
        boolean aboveMin = minInclusive ? v >= min : v > min;
        boolean belowMax = Double.isInfinite(max) ? !Double.isInfinite(v) : (maxInclusive ? v <= max : v < max);
        return (Double.isInfinite(min) || aboveMin) && belowMax;
    }

    /** As shown to users: {@code >= 0}, {@code > 0}, {@code (0, 4]}; empty for {@link #ANY}. */
    public String describe() {
        if (Double.isInfinite(min) && Double.isInfinite(max)) {
            return "";
        }
        if (Double.isInfinite(max)) {
            return (minInclusive ? ">= " : "> ") + number(min);
        }
        return (minInclusive ? "[" : "(") + number(min) + ", " + number(max) + (maxInclusive ? "]" : ")");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
