package io.sparkprune.data;

/**
 * A dataset file is missing or not what its format promises. The message names the file, says
 * what is wrong and how to fix it, so the launcher can print it as the one line a user sees
 * (an input error: exit code 2). It extends {@link IllegalArgumentException} like
 * {@link io.sparkprune.config.ConfigException}: both are the user's input, not a bug.
 */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem with one file: "FILE: PROBLEM". */
    static DataFormatException inFile(Object file, String problem) {
        return new DataFormatException(file + ": " + problem);
    }
}
