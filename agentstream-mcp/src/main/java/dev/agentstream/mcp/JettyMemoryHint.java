package dev.agentstream.mcp;

/**
 * Tells Jetty how many object references fit in a cache line before its first thread pool is made. Without
 * the hint, Jetty's {@code MemoryUtils} asks the JVM whether it uses compressed references through the
 * platform MBean server, and starting that server registers every platform MBean, the flight recorder's
 * diagnostic commands among them: about 1,000 classes and a few hundred milliseconds before the port is
 * bound. The number only sizes padding against false sharing in Jetty's queues.
 */
final class JettyMemoryHint {

    static final String PROPERTY = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final int CACHE_LINE_BYTES = 64;
    /** Above this heap limit the JVM's default is uncompressed (8-byte) references. */
    private static final long COMPRESSED_REFERENCES_LIMIT = 32L << 30;

    private JettyMemoryHint() {}

    /** Sets the hint unless the user already set it (a {@code -D} option wins). */
    static void apply() {
        if (System.getProperty(PROPERTY) != null) return;
        System.setProperty(PROPERTY, Integer.toString(referencesPerCacheLine(Runtime.getRuntime().maxMemory())));
    }

    static int referencesPerCacheLine(long maxHeapBytes) {
        int referenceBytes = maxHeapBytes < COMPRESSED_REFERENCES_LIMIT ? 4 : 8;
        return CACHE_LINE_BYTES / referenceBytes;
    }
}
