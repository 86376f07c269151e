package io.sparkprune.results;

import io.sparkprune.config.ConfigKeys;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.sweep.SweepGrid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that names the results columns, in their file order, with their types: a sweep's
 * {@code results.csv} / {@code results.parquet} / {@code points/*.csv}, the {@code prune}
 * command's {@code prune-results.csv}, and the metric keys of {@code summary.json}. Config keys
 * become snake_case columns ({@code regularizer.lambda} -> {@code regularizer_lambda}) so that
 * Spark SQL needs no back-quotes; {@code prune.threshold} is the {@code threshold} column.
 */
public final class ResultColumns {
    public static final String POINT_INDEX = "point_index";
    public static final String POINT_ID = "point_id";
    public static final String SETTING_ID = "setting_id";
    public static final String REPLICATE = "replicate";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String THRESHOLD = "threshold";
    public static final String THRESHOLD_KIND = "threshold_kind";
    public static final String ACCURACY_BEFORE_PRUNE = "accuracy_before_prune";
    public static final String ACCURACY_AFTER_PRUNE = "accuracy_after_prune";
    public static final String VAL_ACCURACY_BEFORE_PRUNE = "val_accuracy_before_prune";
    public static final String VAL_ACCURACY_AFTER_PRUNE = "val_accuracy_after_prune";
    public static final String FILTERS_BEFORE = "filters_before";
    public static final String FILTERS_AFTER = "filters_after";
    public static final String PARAMS_BEFORE = "params_before";
    public static final String PARAMS_AFTER = "params_after";
    public static final String FLOPS_BEFORE = "flops_before";
    public static final String FLOPS_AFTER = "flops_after";
    public static final String TRAIN_SECONDS = "train_seconds";
    public static final String ACCURACY_AFTER_FINETUNE = "accuracy_after_finetune";
    public static final String VAL_ACCURACY_AFTER_FINETUNE = "val_accuracy_after_finetune";
    public static final String RUNG = "rung";
    public static final String EPOCHS_TRAINED = "epochs_trained";
    public static final String REGULARIZER_TYPE = column("regularizer.type");
    public static final String REGULARIZER_LAMBDA = column("regularizer.lambda");

    private static final List<Field> POINT = List.of(
            new Field(POINT_INDEX, ColumnType.INT, ResultRecord::pointIndex),
            new Field(POINT_ID, ColumnType.STRING, ResultRecord::pointId),
            new Field(SETTING_ID, ColumnType.STRING, ResultRecord::settingId),
            new Field(REPLICATE, ColumnType.INT, ResultRecord::replicate),
            new Field(STATUS, ColumnType.STRING, ResultRecord::status),
            new Field(REASON, ColumnType.STRING, ResultRecord::reason));
    private static final List<Field> METRICS = List.of(
            new Field(THRESHOLD, ColumnType.DOUBLE, ResultRecord::threshold),
            new Field(THRESHOLD_KIND, ColumnType.STRING, ResultRecord::thresholdKind),
            new Field(ACCURACY_BEFORE_PRUNE, ColumnType.DOUBLE, ResultRecord::accuracyBeforePrune),
            new Field(ACCURACY_AFTER_PRUNE, ColumnType.DOUBLE, ResultRecord::accuracyAfterPrune),
            new Field(VAL_ACCURACY_BEFORE_PRUNE, ColumnType.DOUBLE, ResultRecord::valAccuracyBeforePrune),
            new Field(VAL_ACCURACY_AFTER_PRUNE, ColumnType.DOUBLE, ResultRecord::valAccuracyAfterPrune),
            new Field(FILTERS_BEFORE, ColumnType.STRING, ResultRecord::filtersBefore),
            new Field(FILTERS_AFTER, ColumnType.STRING, ResultRecord::filtersAfter),
            new Field(PARAMS_BEFORE, ColumnType.LONG, ResultRecord::paramsBefore),
            new Field(PARAMS_AFTER, ColumnType.LONG, ResultRecord::paramsAfter),
            new Field(FLOPS_BEFORE, ColumnType.LONG, ResultRecord::flopsBefore),
            new Field(FLOPS_AFTER, ColumnType.LONG, ResultRecord::flopsAfter));
    private static final Field SECONDS = new Field(TRAIN_SECONDS, ColumnType.DOUBLE, ResultRecord::trainSeconds);
    private static final List<Field> FINETUNED = List.of(
            new Field(ACCURACY_AFTER_FINETUNE, ColumnType.DOUBLE, ResultRecord::accuracyAfterFinetune),
            new Field(VAL_ACCURACY_AFTER_FINETUNE, ColumnType.DOUBLE, ResultRecord::valAccuracyAfterFinetune));
    /** Which rung of successive halving a point's rows come from, and how long it trained (sweep tables only). */
    private static final List<Field> SCHEDULE = List.of(
            new Field(RUNG, ColumnType.INT, ResultRecord::rung),
            new Field(EPOCHS_TRAINED, ColumnType.INT, ResultRecord::epochsTrained));

    // Config keys are the same for every config: the built-in defaults give their columns and types.
    private static final Map<String, Object> DEFAULT_CONFIG =
            configValues(ConfigLoader.runConfig(ConfigLoader.defaults()));
    private static final List<Field> SWEEP_FIELDS = sweepFields();
    private static final Map<String, Field> BY_NAME = byName(SWEEP_FIELDS);

    /** Every column of a sweep's results table, in file order. */
    public static final List<Column> SWEEP = SWEEP_FIELDS.stream().map(Field::column).toList();
    /** The columns of one model's curve ({@code prune-results.csv}): the metrics without point or config. */
    public static final List<Column> CURVE = SWEEP.stream()
            .filter(c -> METRICS.stream().anyMatch(f -> f.column().equals(c))
                    || FINETUNED.stream().anyMatch(f -> f.column().equals(c)))
            .toList();

    private ResultColumns() {
    }

    /** A config key's column name. */
    public static String column(String configKey) {
        return configKey.replace('.', '_').replace('-', '_');
    }

    /** A run's config values keyed by column name, in column order. */
    public static Map<String, Object> configValues(RunConfig cfg) {
        Map<String, Object> m = new LinkedHashMap<>();
        cfg.toFlatMap().forEach((key, value) -> {
            if (!key.equals(SweepGrid.THRESHOLD_KEY)) {
                m.put(column(key), value);
            }
        });
        return m;
    }

    /** The value of {@code column} in {@code r} (null when empty or not a column of this version). */
    static Object value(ResultRecord r, String column) {
        Field f = BY_NAME.get(column);
        return f == null ? null : f.get().apply(r);
    }

    /** The type of a column; text for a column this version does not know. */
    static ColumnType typeOf(String column) {
        Field f = BY_NAME.get(column);
        return f == null ? ColumnType.STRING : f.column().type();
    }

    /**
     * The record whose columns hold {@code values} (typed; a missing column is null, except that a
     * sweep table written before a config key existed ran its points with that key's default).
     */
    static ResultRecord record(Map<String, Object> values) {
        Map<String, Object> config = new LinkedHashMap<>();
        boolean sweepTable = values.containsKey(POINT_ID);
        DEFAULT_CONFIG.forEach((name, defaultValue) ->
                config.put(name, sweepTable && !values.containsKey(name) ? defaultValue : values.get(name)));
        Integer index = (Integer) values.get(POINT_INDEX);
        Integer replicate = (Integer) values.get(REPLICATE);
        Double threshold = (Double) values.get(THRESHOLD);
        String pointId = (String) values.get(POINT_ID);
        String kind = (String) values.get(THRESHOLD_KIND);
        // Tables written before replicates and curve cuts existed: one run per point, thresholds asked for.
        return new ResultRecord(index == null ? 0 : index, pointId,
                values.containsKey(SETTING_ID) ? (String) values.get(SETTING_ID) : pointId,
                replicate == null ? 0 : replicate, (String) values.get(STATUS), (String) values.get(REASON), config,
                threshold == null ? Double.NaN : threshold, kind == null ? CurvePoint.GRID : kind,
                (Double) values.get(ACCURACY_BEFORE_PRUNE), (Double) values.get(ACCURACY_AFTER_PRUNE),
                (Double) values.get(VAL_ACCURACY_BEFORE_PRUNE), (Double) values.get(VAL_ACCURACY_AFTER_PRUNE),
                (String) values.get(FILTERS_BEFORE), (String) values.get(FILTERS_AFTER),
                (Long) values.get(PARAMS_BEFORE), (Long) values.get(PARAMS_AFTER), (Long) values.get(FLOPS_BEFORE),
                (Long) values.get(FLOPS_AFTER), (Double) values.get(TRAIN_SECONDS),
                (Double) values.get(ACCURACY_AFTER_FINETUNE), (Double) values.get(VAL_ACCURACY_AFTER_FINETUNE),
                (Integer) values.get(RUNG), epochsTrained(values, sweepTable, config));
    }

    /**
     * The epochs a row's model trained; a sweep table written before halving existed recorded none,
     * and each of its successful points trained its whole {@code train.epochs}.
     */
    private static Integer epochsTrained(Map<String, Object> values, boolean sweepTable, Map<String, Object> config) {
        if (values.containsKey(EPOCHS_TRAINED) || !sweepTable || !ResultRecord.OK.equals(values.get(STATUS))) {
            return (Integer) values.get(EPOCHS_TRAINED);
        }
        return (Integer) config.get(column(ConfigKeys.TRAIN_EPOCHS.name()));
    }

    private static List<Field> sweepFields() {
        List<Field> f = new ArrayList<>(POINT);
        DEFAULT_CONFIG.forEach((name, value) ->
                f.add(new Field(name, ColumnType.of(value), r -> r.config().get(name))));
        f.addAll(METRICS);
        f.add(SECONDS);
        f.addAll(FINETUNED);
        f.addAll(SCHEDULE);
        return f;
    }

    private static Map<String, Field> byName(List<Field> fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        fields.forEach(f -> m.put(f.column().name(), f));
        return m;
    }

    /** A column and where a record keeps its value. */
    private record Field(Column column, Function<ResultRecord, Object> get) {
        Field(String name, ColumnType type, Function<ResultRecord, Object> get) {
            this(new Column(name, type), get);
        }
    }
}
