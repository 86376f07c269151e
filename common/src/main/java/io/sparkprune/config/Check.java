package io.sparkprune.config;

/** Range checks for config records: each failure names the key it guards. */
final class Check {
    private Check() {
    }

    static int positive(String key, int value) {
        if (value <= 0) {
            throw ConfigException.forKey(key, "must be > 0, got " + value);
        }
        return value;
    }

    static int nonNegative(String key, int value) {
        if (value < 0) {
            throw ConfigException.forKey(key, "must be >= 0, got " + value);
        }
        return value;
    }

    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw ConfigException.forKey(key, "must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw ConfigException.forKey(key, "must be a finite number >= 0, got " + value);
        }
        return value;
    }

    static String nonBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw ConfigException.forKey(key, "must not be empty");
        }
        return value;
    }
}
