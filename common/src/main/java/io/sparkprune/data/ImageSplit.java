package io.sparkprune.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The images of one split of an image folder, grouped by class folder, both sorted by name. Built
 * entry by entry from a folder listing or an archive, it checks the layout as it goes: every file
 * sits in a class folder, is named like an image, and no class folder is empty.
 */
final class ImageSplit {
    static final String IMAGE_NAMES = ".jpg, .jpeg or .png";
    private final String location;
    private final Split split;
    private final TreeMap<String, List<ImageEntry>> byClass = new TreeMap<>();
    private final Map<String, String> classFolders = new TreeMap<>();

    ImageSplit(String location, Split split) {
        this.location = location;
        this.split = split;
    }

    /** The split's folder name: {@code train} or {@code test}. */
    static String folderName(Split split) {
        return split.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A class folder exists (it may turn out to be empty). */
    void addClassFolder(String className, String where) {
        byClass.computeIfAbsent(className, k -> new ArrayList<>());
        classFolders.putIfAbsent(className, where);
    }

    /** A file found in class folder {@code className} (null when it lies directly in the split folder). */
    void addFile(String className, String fileName, String where, ImageEntry.Bytes content) {
        if (ImageEntry.isHidden(fileName)) {
            return;
        }
        if (className == null) {
            throw DataFormatException.inFile(where, "not in a class folder: images go in " + folderName(split)
                    + "/<class>/ (one folder per class), move or remove this file");
        }
        if (!ImageEntry.hasImageName(fileName)) {
            throw DataFormatException.inFile(where, "not an image file: only " + IMAGE_NAMES
                    + " files are read from class folders, remove it");
        }
        addClassFolder(className, where.substring(0, Math.max(0, where.length() - fileName.length() - 1)));
        byClass.get(className).add(new ImageEntry(where, className, content));
    }

    /** The class folder names, sorted; fails when the split is missing or a class folder is empty. */
    List<String> classNames() {
        if (byClass.isEmpty()) {
            throw DataFormatException.inFile(location, "no " + folderName(split) + "/ split: an image folder holds "
                    + "train/<class>/<image> and test/<class>/<image> (" + IMAGE_NAMES + ")");
        }
        for (Map.Entry<String, List<ImageEntry>> e : byClass.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw DataFormatException.inFile(classFolders.get(e.getKey()), "empty class folder: class '"
                        + e.getKey() + "' has no images in " + folderName(split) + "/; add images or remove the folder");
            }
        }
        return List.copyOf(byClass.keySet());
    }

    /** Every image, class after class, each class's files sorted by name. */
    List<ImageEntry> entries() {
        classNames();
        List<ImageEntry> all = new ArrayList<>();
        for (List<ImageEntry> images : byClass.values()) {
            images.sort((a, b) -> a.where().compareTo(b.where()));
            all.addAll(images);
        }
        return all;
    }
}
