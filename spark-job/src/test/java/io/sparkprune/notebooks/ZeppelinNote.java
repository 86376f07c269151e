package io.sparkprune.notebooks;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Zeppelin {@code .zpln} note as the tests need it: its paragraphs' interpreters, titles and code. */
record ZeppelinNote(String name, List<Paragraph> paragraphs) {

    record Paragraph(String title, String interpreter, String code) {
    }

    static ZeppelinNote read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode p : root.get("paragraphs")) {
            String text = p.path("text").asText("");
            if (text.isBlank()) {
                continue;
            }
            String interpreter = "%spark";
            String code = text;
            if (text.startsWith("%")) {
                int nl = text.indexOf('\n');
                interpreter = (nl < 0 ? text : text.substring(0, nl)).strip();
                code = nl < 0 ? "" : text.substring(nl + 1);
            }
            paragraphs.add(new Paragraph(p.path("title").asText(""), interpreter, code));
        }
        return new ZeppelinNote(root.path("name").asText(file.getFileName().toString()), paragraphs);
    }
}
