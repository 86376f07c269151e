package io.sparkprune.spark.sweep;

import io.sparkprune.results.Column;
import io.sparkprune.results.ColumnType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/** The results columns as Spark's schema (for results.parquet); the columns themselves are ResultColumns'. */
public final class ResultsSchema {
    private ResultsSchema() {
    }

    public static StructType of(List<Column> columns) {
        return new StructType(columns.stream()
                .map(c -> new StructField(c.name(), sparkType(c.type()), true, Metadata.empty()))
                .toArray(StructField[]::new));
    }

    private static DataType sparkType(ColumnType type) {
        return switch (type) {
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case STRING, NAMES -> DataTypes.StringType;
        };
    }
}
