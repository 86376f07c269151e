package io.sparkprune.spark.sweep;

import io.sparkprune.config.RunConfig;
import io.sparkprune.pruning.ThresholdRecord;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sweep's results table: one row per (grid point, threshold). Config keys become snake_case
 * columns ({@code regularizer.lambda} -> {@code regularizer_lambda}) so that Spark SQL needs no
 * back-quotes; {@code prune.threshold} is replaced by the {@code threshold} column. Rows are CSV
 * (RFC 4180 quoting); the same column types give the Parquet schema.
 */
public final class SweepTable {
    /** Columns from accuracy_before_prune to flops_after: empty for a failed point. */
    private static final int METRICS = 8;
    private final Map<String, DataType> columns;

    private SweepTable(Map<String, DataType> columns) {
        this.columns = columns;
    }

    /** The columns of a sweep over configs shaped like {@code sample}. */
    public static SweepTable forConfig(RunConfig sample) {
        Map<String, DataType> c = new LinkedHashMap<>();
        c.put("point_index", DataTypes.IntegerType);
        c.put("point_id", DataTypes.StringType);
        c.put("status", DataTypes.StringType);
        c.put("reason", DataTypes.StringType);
        configValues(sample).forEach((key, value) -> c.put(key, typeOf(value)));
        c.put("threshold", DataTypes.DoubleType);
        c.put("accuracy_before_prune", DataTypes.DoubleType);
        c.put("accuracy_after_prune", DataTypes.DoubleType);
        c.put("filters_before", DataTypes.StringType);
        c.put("filters_after", DataTypes.StringType);
        c.put("params_before", DataTypes.LongType);
        c.put("params_after", DataTypes.LongType);
        c.put("flops_before", DataTypes.LongType);
        c.put("flops_after", DataTypes.LongType);
        c.put("train_seconds", DataTypes.DoubleType);
        // Last, so that point files written before it existed are a prefix of this layout.
        c.put("accuracy_after_finetune", DataTypes.DoubleType);
        return new SweepTable(c);
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public StructType schema() {
        return new StructType(columns.entrySet().stream()
                .map(e -> new StructField(e.getKey(), e.getValue(), true, Metadata.empty()))
                .toArray(StructField[]::new));
    }

    public String header() {
        return String.join(",", columns.keySet()) + "\n";
    }

    /** A point's rows (header first): one per threshold, metrics empty when the point failed. */
    public String csv(PointResult r, List<Double> thresholds) {
        StringBuilder sb = new StringBuilder(header());
        for (int i = 0; i < thresholds.size(); i++) {
            List<Object> row = new ArrayList<>(List.of(r.point().index(), r.point().id(), r.status(), r.reason()));
            row.addAll(configValues(r.point().config()).values());
            row.add(thresholds.get(i));
            if (r.failed()) {
                row.addAll(Arrays.asList(new Object[METRICS]));
            } else {
                ThresholdRecord t = r.curve().get(i);
                row.addAll(List.of(r.accuracyBeforePrune(), t.accuracy(), ThresholdRecord.join(t.unitsBefore()),
                        ThresholdRecord.join(t.unitsAfter()), t.paramsBefore(), t.paramsAfter(), t.macsBefore(),
                        t.macsAfter()));
            }
            row.add(r.trainSeconds());
            row.add(r.failed() ? null : r.finetuned().get(i));
            if (row.size() != columns.size()) {
                throw new IllegalStateException("row has " + row.size() + " values for " + columns.size() + " columns");
            }
            sb.append(row.stream().map(SweepTable::field).collect(Collectors.joining(","))).append('\n');
        }
        return sb.toString();
    }

    /**
     * Data lines of a CSV written by {@link #csv}, without its header, in the column layout of
     * {@code header}: a point file written by an earlier version (before a column was added) reads
     * as empty in the new columns, so a sweep started then can be resumed and reported now.
     */
    public static String body(String csv, String header) {
        int eol = csv.indexOf('\n');
        if (eol < 0) {
            return "";
        }
        String body = csv.substring(eol + 1);
        if (csv.substring(0, eol + 1).equals(header)) {
            return body;
        }
        List<String> from = fields(csv.substring(0, eol));
        List<String> to = fields(header.strip());
        StringBuilder sb = new StringBuilder();
        body.lines().forEach(line -> {
            List<String> f = fields(line);
            sb.append(to.stream().map(from::indexOf).map(i -> field(i < 0 ? null : f.get(i)))
                    .collect(Collectors.joining(","))).append('\n');
        });
        return sb.toString();
    }

    /** The header line (with its newline) of a CSV written by {@link #csv}. */
    public static String headerOf(String csv) {
        int eol = csv.indexOf('\n');
        return eol < 0 ? csv + "\n" : csv.substring(0, eol + 1);
    }

    /** The fields of one CSV line written by {@link #csv} (the inverse of its quoting). */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static Map<String, Object> configValues(RunConfig cfg) {
        Map<String, Object> m = new LinkedHashMap<>();
        cfg.toFlatMap().forEach((key, value) -> {
            if (!key.equals(SweepGrid.THRESHOLD_KEY)) {
                m.put(key.replace('.', '_').replace('-', '_'), value);
            }
        });
        return m;
    }

    private static DataType typeOf(Object value) {
        if (value instanceof Integer) {
            return DataTypes.IntegerType;
        } else if (value instanceof Long) {
            return DataTypes.LongType;
        } else if (value instanceof Double || value instanceof Float) {
            return DataTypes.DoubleType;
        } else if (value instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        return DataTypes.StringType;
    }

    private static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = String.valueOf(v);
        boolean quote = s.isEmpty() || s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
