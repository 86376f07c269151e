package io.sparkprune.data.fetch;

/**
 * Fetching a dataset failed at run time: a command failed, or a source gave a file that does
 * not verify. The message says what ran or what was wrong, and what to try.
 */
public final class DataFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFetchException(String message) {
        super(message);
    }

    public DataFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
