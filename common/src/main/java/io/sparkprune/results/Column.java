package io.sparkprune.results;

/** One column of a results table: its name in CSV, Parquet and SQL, and its value type. */
public record Column(String name, ColumnType type) {
}
