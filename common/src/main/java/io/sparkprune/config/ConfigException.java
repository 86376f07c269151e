package io.sparkprune.config;

/**
 * A setting is missing, unknown, of the wrong type or out of range. The message names the key
 * and says what would be accepted, so the launcher can print it as the one line a user sees.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException forKey(String key, String problem) {
        return new ConfigException("config key '" + key + "': " + problem);
    }
}
