package io.sparkprune.results;

/** The value type of a results column: how a CSV cell reads back, and which Parquet type it maps to. */
public enum ColumnType {
    INT, LONG, DOUBLE, BOOLEAN, STRING;

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
        }
        return STRING;
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
        };
    }
}
