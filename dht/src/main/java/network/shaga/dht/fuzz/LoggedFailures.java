package network.shaga.dht.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the exceptions code under a logger name logged at WARNING or above while it is open:
 * the node and the host API catch what a bad input throws and log it, so an escaped exception
 * shows up here even though nothing crashed. Uses {@code java.util.logging}, the default backend
 * of {@link System.Logger}.
 */
public final class LoggedFailures implements AutoCloseable {
  private static final int KEPT = 5;
  private final Logger logger;
  private final Handler handler;
  private final List<String> first = new ArrayList<>();
  private long count;

  private LoggedFailures(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    this.handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getThrown() != null
            && record.getLevel().intValue() >= Level.WARNING.intValue()) {
          synchronized (first) {
            count++;
            if (first.size() < KEPT) {
              first.add(record.getLoggerName() + ": " + record.getMessage() + ": "
                  + record.getThrown());
            }
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
  }

  /** Starts counting failures logged under {@code loggerName} and its children. */
  public static LoggedFailures watch(String loggerName) {
    return new LoggedFailures(loggerName);
  }

  public long count() {
    synchronized (first) {
      return count;
    }
  }

  /** The first few failures, for the report. */
  public List<String> examples() {
    synchronized (first) {
      return List.copyOf(first);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
