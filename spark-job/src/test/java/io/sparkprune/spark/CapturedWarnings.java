package io.sparkprune.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The WARN messages sparkprune's own loggers write while it is open (log4j2, as the launcher runs it). */
public final class CapturedWarnings implements AutoCloseable {
    private static final String NAME = "captured-warnings";
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig logger = context.getConfiguration().getLoggerConfig("io.sparkprune");

    public CapturedWarnings() {
        AbstractAppender appender = new AbstractAppender(NAME, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel() == Level.WARN) {
                    messages.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        logger.addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    /** The captured messages that contain {@code text}. */
    public List<String> containing(String text) {
        return messages.stream().filter(m -> m.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(NAME);
        context.updateLoggers();
    }
}
