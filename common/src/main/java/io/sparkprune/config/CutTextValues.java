package io.sparkprune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Catches a text value that HOCON cut short in a config file: unquoted, {@code dir = /data//mnist}
 * reads "/data" because "//" (like "#") starts a comment, and the run would read another folder.
 * A comment marker right after the value, with no space between, is taken as that mistake; a
 * comment set apart by a space ({@code dir = /data # note}) is left alone.
 */
final class CutTextValues {
    private CutTextValues() {
    }

    static void reject(Config fromFile) {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (!key.type().literal() || !fromFile.hasPath(key.name())) {
                continue;
            }
            ConfigValue value = fromFile.getValue(key.name());
            String line = sourceLine(value.origin());
            if (value.valueType() != ConfigValueType.STRING || line == null) {
                continue;
            }
            String text = (String) value.unwrapped();
            int at = line.indexOf(text);
            String rest = at < 0 ? "" : line.substring(at + text.length());
            if (!text.isEmpty() && (rest.startsWith("//") || rest.startsWith("#"))) {
                throw ConfigException.forKey(key.name(), "in " + value.origin().filename() + " line "
                        + value.origin().lineNumber() + " the unquoted value is cut at '" + (rest.startsWith("#") ? "#" : "//")
                        + "' (HOCON starts a comment there) and reads '" + text + "'; quote it: \"" + text + rest.strip() + "\"");
            }
        }
    }

    private static String sourceLine(ConfigOrigin origin) {
        if (origin.filename() == null || origin.lineNumber() < 1) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(origin.filename()));
            return origin.lineNumber() <= lines.size() ? lines.get(origin.lineNumber() - 1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read " + origin.filename(), e);
        }
    }
}
