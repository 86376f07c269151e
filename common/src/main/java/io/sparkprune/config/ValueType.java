package io.sparkprune.config;

import com.typesafe.config.Config;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a config key's value is read from HOCON, held in a record, written into a run's flat map
 * (which point ids hash: its Java type there is part of the id) and shown to users.
 */
public interface ValueType<T> {
    ValueType<Integer> INT = simple(Config::getInt, "integer", false);
    ValueType<Long> LONG = simple(Config::getLong, "integer", false);
    ValueType<Double> DOUBLE = simple(Config::getDouble, "number", false);
    ValueType<Boolean> BOOLEAN = simple(Config::getBoolean, "true | false", false);
    /** Taken as written, also from {@code --set} (where a path's "//" would otherwise start a HOCON comment). */
    ValueType<String> STRING = simple(Config::getString, "non-empty text", true);
    /** A HOCON list of names, e.g. {@code [cat, dog]}; held as an immutable list (in the flat map too). */
    ValueType<List<String>> STRING_LIST = simple((c, key) -> List.copyOf(c.getStringList(key)), "list of names", false);

    T read(Config c, String key);

    /** The value as the flat map holds it (enums by their config name). */
    Object flat(T value);

    /** The accepted values, for error messages and the README. */
    String describe();

    /** True when a {@code --set} value is taken as written instead of parsed as HOCON. */
    default boolean literal() {
        return false;
    }

    /** A lower-case named enum, e.g. {@code none | l2 | l1}. */
    static <E extends Enum<E> & Named> ValueType<E> named(Class<E> type) {
        return new ValueType<>() {
            @Override
            public E read(Config c, String key) {
                return Named.parse(type, key, c.getString(key));
            }

            @Override
            public Object flat(E value) {
                return value.configName();
            }

            @Override
            public String describe() {
                return Arrays.stream(type.getEnumConstants()).map(Named::configName).collect(Collectors.joining(" | "));
            }
        };
    }

    private static <T> ValueType<T> simple(Reader<T> reader, String description, boolean literal) {
        return new ValueType<>() {
            @Override
            public T read(Config c, String key) {
                return reader.read(c, key);
            }

            @Override
            public Object flat(T value) {
                return value;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public boolean literal() {
                return literal;
            }
        };
    }

    /** Config's typed getters. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Config c, String key);
    }
}
