package dev.agentstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.nio.file.Path;

/**
 * The command's logging, set up in code (Logback finds it as a service) rather than read from a logback.xml:
 * parsing XML cost every start ~150 ms and a few hundred classes before the first answer. stdout belongs to
 * the tool output and the JSON events, so logs never go there: warnings go to stderr, everything from INFO
 * up (one line per finished call among them) to a log file, {@code $AGENTSTREAM_LOG} or
 * {@code agentstream/agentstream.log} in the temporary folder. A {@code -Dlogback.configurationFile} still wins.
 */
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        context.getStatusManager().add(new NopStatusListener());

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.setContext(context);
        warnings.start();
        stderr.addFilter(warnings);
        start(stderr, "STDERR", "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n", context);

        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setFile(logFile().toString());
        start(file, "FILE", "%d{ISO8601} %-5level [%thread] %logger{30} - %msg%n", context);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Path logFile() {
        String chosen = System.getenv("AGENTSTREAM_LOG");
        if (chosen != null && !chosen.isBlank()) return Path.of(chosen);
        return Path.of(System.getProperty("java.io.tmpdir"), "agentstream", "agentstream.log");
    }

    private static void start(OutputStreamAppender<ILoggingEvent> appender, String name, String pattern, LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(pattern);
        encoder.setContext(context);
        encoder.start();
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setContext(context);
        appender.start();
    }
}
