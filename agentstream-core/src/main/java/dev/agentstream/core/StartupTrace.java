package dev.agentstream.core;

/**
 * Marks on the way from a process's spawn to a front door's first answer, printed to stderr when the JVM runs
 * with {@code -Dagentstream.startup.trace=SPAWN}, SPAWN being the spawn time in epoch milliseconds (e.g.
 * {@code $(date +%s%3N)}), or {@code true} to count from the first mark: where start-up time goes, without a
 * profiler that would itself slow the start. Off, a mark costs one static field read.
 */
public final class StartupTrace {

    private static final String SETTING = System.getProperty("agentstream.startup.trace");
    private static final boolean ON = SETTING != null && !SETTING.equals("false");
    private static volatile long origin = -1;

    private StartupTrace() {}

    /** Prints {@code what} with the milliseconds since the origin and the current thread's name, when tracing is on. */
    public static void mark(String what) {
        if (!ON) return;
        long now = System.currentTimeMillis();
        if (origin < 0) origin = SETTING.chars().allMatch(Character::isDigit) ? Long.parseLong(SETTING) : now;
        System.err.printf("startup %6d ms  %-16s %s%n", now - origin, Thread.currentThread().getName(), what);
    }
}
