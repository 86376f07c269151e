package io.sparkprune.data;

/**
 * One image file of an image folder: where it is (for messages), its class folder's name, and how
 * to get its bytes (read on demand from a folder, already in memory from an archive).
 */
record ImageEntry(String where, String className, Bytes content) {
    /** The file's bytes; fails with a {@link DataFormatException} naming the file. */
    @FunctionalInterface
    interface Bytes {
        byte[] read();
    }

    byte[] bytes() {
        return content.read();
    }

    /** Image files are read by extension; anything else in a class folder is a mistake worth naming. */
    static boolean hasImageName(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /** Hidden files (.DS_Store, macOS ._ resource forks) are skipped, not errors. */
    static boolean isHidden(String fileName) {
        return fileName.startsWith(".");
    }
}
