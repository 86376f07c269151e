package io.sparkprune.results;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.util.List;

/** The value type of a results column: how a CSV cell reads back, and which Parquet type it maps to. */
public enum ColumnType {
    INT, LONG, DOUBLE, BOOLEAN, STRING,
    /** A list of names ({@code data.classes}): a JSON array in its cell (names may hold commas), text in Parquet. */
    NAMES;

    /** The type of a config value as {@code RunConfig.toFlatMap} holds it. */
    static ColumnType of(Object value) {
        if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Double || value instanceof Float) {
            return DOUBLE;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof List) {
            return NAMES;
        }
        return STRING;
    }

    /** A value's cell text ({@link #parse} reads it back). */
    String format(Object value) {
        return this == NAMES ? ConfigValueFactory.fromIterable((List<?>) value).render(ConfigRenderOptions.concise())
                : String.valueOf(value);
    }

    /** A cell's value; null for a missing cell (an empty one, except in a text column). */
    Object parse(String cell) {
        if (cell == null || (cell.isEmpty() && this != STRING)) {
            return null;
        }
        return switch (this) {
            case INT -> Integer.parseInt(cell);
            case LONG -> Long.parseLong(cell);
            case DOUBLE -> Double.parseDouble(cell);
            case BOOLEAN -> Boolean.parseBoolean(cell);
            case STRING -> cell;
            case NAMES -> names(cell);
        };
    }

    private static List<String> names(String cell) {
        try {
            return List.copyOf(ConfigFactory.parseString("names = " + cell).getStringList("names"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("a list of names must be a JSON array of texts, got " + cell, e);
        }
    }
}
