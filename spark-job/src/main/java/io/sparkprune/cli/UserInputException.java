package io.sparkprune.cli;

/** A command-line argument names something unusable (a missing file, an existing output, ...). */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
