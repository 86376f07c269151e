package io.sparkprune.spark.report;

import java.util.List;

/** The report written twice at once, as Markdown and as HTML, so that both always say the same. */
final class ReportDocument {
    private final StringBuilder md = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    ReportDocument(String title) {
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sparkprune sweep report</title>"
                + "</head><body>\n");
        heading(1, title);
    }

    ReportDocument heading(int level, String text) {
        md.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        html.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    ReportDocument paragraph(String text) {
        md.append(text).append("\n\n");
        html.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph in bold: what a reader must not miss. */
    ReportDocument warning(String text) {
        md.append("**").append(text).append("**\n\n");
        html.append("<p><b>").append(escape(text)).append("</b></p>\n");
        return this;
    }

    ReportDocument bullets(List<String> items) {
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
        html.append("<ul>\n");
        items.forEach(i -> html.append("<li>").append(escape(i)).append("</li>\n"));
        html.append("</ul>\n");
        return this;
    }

    /** An image, and links to its full-range and one-panel-per-regularizer twins. */
    ReportDocument image(String png, String alt, String fullPng, String panelsPng) {
        md.append("![").append(alt).append("](").append(png).append(")\n\n[full accuracy range](").append(fullPng)
                .append(") · [one panel per regularizer](").append(panelsPng).append(")\n\n");
        html.append("<img src=\"").append(png).append("\" alt=\"").append(escape(alt)).append("\">\n<p><a href=\"")
                .append(fullPng).append("\">full accuracy range</a> · <a href=\"").append(panelsPng)
                .append("\">one panel per regularizer</a></p>\n");
        return this;
    }

    /** A table; a row of one cell after the first spans the rest ("no model reaches it"). */
    ReportDocument table(List<String> columns, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", columns)).append(" |\n|").append("---|".repeat(columns.size()))
                .append('\n');
        html.append("<table border=\"1\" cellpadding=\"4\"><tr>");
        columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |")
                    .append(" |".repeat(columns.size() - row.size())).append('\n');
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean spans = i == row.size() - 1 && row.size() < columns.size();
                html.append(spans ? "<td colspan=\"" + (columns.size() - i) + "\">" : "<td>").append(escape(row.get(i)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        md.append('\n');
        html.append("</table>\n");
        return this;
    }

    String markdown() {
        return md.toString();
    }

    String html() {
        return html + "</body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
