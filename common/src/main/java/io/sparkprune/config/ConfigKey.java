package io.sparkprune.config;

import com.typesafe.config.Config;

import java.util.function.Function;

/**
 * One run setting, declared once in {@link ConfigKeys}: its name, type, default, accepted range,
 * where a {@link RunConfig} holds it, and what it means. The loader reads it, the records check it,
 * {@link RunConfig#toFlatMap} (and so point ids) writes it, and tests hold the defaults file and
 * the README's key table to it.
 */
public record ConfigKey<T>(String name, ValueType<T> type, T defaultValue, Range range,
                           Function<RunConfig, T> field, String description) {

    /** The key's value in a merged config, type- and range-checked. */
    public T read(Config c) {
        return check(type.read(c, name));
    }

    /** {@code value} if it is in range (text: not blank), else a {@link ConfigException} naming this key. */
    public T check(T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw ConfigException.forKey(name, "must not be empty");
        }
        return range.check(name, value);
    }

    /** The key's value in {@code cfg} as the flat map holds it. */
    public Object flatValue(RunConfig cfg) {
        return type.flat(field.apply(cfg));
    }

    /** The default as the flat map holds it (a value equal to it is left out of point ids). */
    public Object flatDefault() {
        return type.flat(defaultValue);
    }

    /** The accepted values as shown to users: the type's values, narrowed by the range. */
    public String accepted() {
        String r = range.describe();
        return r.isEmpty() ? type.describe() : type.describe() + " " + r;
    }
}
