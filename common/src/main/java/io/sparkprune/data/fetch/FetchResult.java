package io.sparkprune.data.fetch;

import io.sparkprune.config.DatasetName;

import java.nio.file.Path;
import java.util.List;

/** What a fetch left in the dataset directory, file by file. */
public record FetchResult(DatasetName name, Path dir, String source, List<FetchedFile> files) {
    public FetchResult {
        files = List.copyOf(files);
    }

    /** One verified file; {@code alreadyPresent} when it was there and intact before the fetch. */
    public record FetchedFile(Path path, long size, String sha256, boolean alreadyPresent) {
    }

    /** True when nothing had to be fetched. */
    public boolean allPresent() {
        return files.stream().allMatch(FetchedFile::alreadyPresent);
    }

    /** Lines for a user: one per file, saying whether it was fetched and that it verified. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(name.configName()).append(" in ").append(dir).append(allPresent() ? " (already present)" : " (from "
                + source + ")").append(System.lineSeparator());
        for (FetchedFile f : files) {
            sb.append(String.format("  %-30s %,12d bytes  %s  %s%n", f.path().getFileName(), f.size(),
                    f.sha256() == null ? "(archive checksum verified)" : "sha256 " + f.sha256(),
                    f.alreadyPresent() ? "ok, already present" : "fetched, verified"));
        }
        return sb.toString();
    }
}
