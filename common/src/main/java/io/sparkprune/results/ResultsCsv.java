package io.sparkprune.results;

import com.univocity.parsers.csv.CsvFormat;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;

import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Results tables as CSV, through univocity (the parser Spark reads them with): RFC 4180 quoting
 * with doubled quotes, {@code ""} for an empty text and an empty cell for a missing value, as
 * Spark writes them. Reading goes by the header's column names, so a file written by an older
 * version (without the newest columns) reads with those columns empty.
 */
public final class ResultsCsv {
    /** One trained model's curve, as {@code train} and {@code prune} write it beside their models. */
    public static final String CURVE_FILE = "prune-results.csv";
    private static final int INPUT_BUFFER = 16 * 1024;

    private ResultsCsv() {
    }

    /** The whole table: header, then one line per record, in the layout {@code columns}. */
    public static String write(List<Column> columns, List<ResultRecord> records) {
        StringWriter text = new StringWriter();
        Appender out = appender(text, columns);
        records.forEach(out::append);
        out.close();
        return text.toString();
    }

    /** One model's curve ({@link #CURVE_FILE}): its rows by threshold, in {@link ResultColumns#CURVE}. */
    public static String curve(List<CurvePoint> points) {
        return write(ResultColumns.CURVE, points.stream().sorted(Comparator.comparingDouble(CurvePoint::threshold))
                .map(ResultRecord::of).toList());
    }

    /** Writes a header now and records as they come, in the layout {@code columns} (for tables too big to hold). */
    public static Appender appender(Writer out, List<Column> columns) {
        CsvWriter writer = new CsvWriter(out, writerSettings());
        writer.writeHeaders(columns.stream().map(Column::name).toArray(String[]::new));
        return new Appender(writer, columns);
    }

    /** Every record of a table written by {@link #write} (by this version or an older one). */
    public static List<ResultRecord> read(String csv) {
        List<String[]> lines = new CsvParser(parserSettings()).parseAll(new StringReader(csv));
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.asList(lines.get(0));
        List<ResultRecord> records = new ArrayList<>();
        for (String[] line : lines.subList(1, lines.size())) {
            if (line.length != header.size()) {
                throw new IllegalArgumentException("a results row has " + line.length + " cells for "
                        + header.size() + " columns: " + String.join(",", Arrays.asList(line)));
            }
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < line.length; i++) {
                values.put(header.get(i), ResultColumns.typeOf(header.get(i)).parse(line[i]));
            }
            records.add(ResultColumns.record(values));
        }
        return records;
    }

    /** Rows written one at a time; {@link #close} flushes (it does not close the underlying writer's target). */
    public static final class Appender {
        private final CsvWriter writer;
        private final List<Column> columns;

        private Appender(CsvWriter writer, List<Column> columns) {
            this.writer = writer;
            this.columns = columns;
        }

        public void append(ResultRecord r) {
            writer.writeRow(columns.stream().map(c -> {
                Object v = ResultColumns.value(r, c.name());
                return v == null ? null : c.type().format(v);
            }).toArray());
        }

        public void close() {
            writer.flush();
        }
    }

    private static CsvWriterSettings writerSettings() {
        CsvWriterSettings s = new CsvWriterSettings();
        format(s.getFormat());
        s.setQuoteEscapingEnabled(true); // a value holding a quote is quoted (and its quotes doubled)
        s.setEmptyValue("\"\"");         // "" = empty text; an empty cell = no value
        s.setNormalizeLineEndingsWithinQuotes(false);
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        return s;
    }

    private static CsvParserSettings parserSettings() {
        CsvParserSettings s = new CsvParserSettings();
        format(s.getFormat());
        s.setEmptyValue("");
        s.setNullValue(null);
        s.setNormalizeLineEndingsWithinQuotes(false);
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setMaxCharsPerColumn(-1);
        s.setSkipEmptyLines(true);
        // A point file is a few hundred bytes: no reader thread, no megabyte buffer per table read.
        s.setReadInputOnSeparateThread(false);
        s.setInputBufferSize(INPUT_BUFFER);
        return s;
    }

    private static void format(CsvFormat f) {
        f.setDelimiter(',');
        f.setQuote('"');
        f.setQuoteEscape('"');
        f.setLineSeparator("\n");
    }
}
