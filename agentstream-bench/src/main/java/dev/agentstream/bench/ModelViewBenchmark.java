package dev.agentstream.bench;

import dev.agentstream.core.view.ModelView;
import dev.agentstream.core.view.ModelViewConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The hot path of every byte of tool output: cleaning it and keeping head and tail within budget. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelViewBenchmark {

    @Param({"plain", "ansi-progress"})
    public String kind;

    private String chunk;
    private Path dir;
    private ModelView view;

    @Setup(Level.Trial)
    public void makeChunk() throws IOException {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (s.length() < 64 * 1024) {
            if (kind.equals("plain")) {
                s.append("line ").append(i++).append(" of ordinary build output, some words and a path /tmp/x/y.java\n");
            } else {
                s.append("\u001b[32m").append(i % 100).append("%\u001b[0m downloading package ").append(i++).append('\r');
                if (i % 20 == 0) s.append('\n');
            }
        }
        chunk = s.toString();
        dir = Files.createTempDirectory("agentstream-bench-");
    }

    @Setup(Level.Iteration)
    public void openView() throws IOException {
        view = new ModelView(ModelViewConfig.defaults(), dir.resolve("spool.log"));
    }

    @TearDown(Level.Iteration)
    public void closeView() {
        view.close();
    }

    /** One 64 KiB chunk appended; the score in ops/s times 64 KiB is the throughput. */
    @Benchmark
    public long append64KiB() {
        view.append(chunk);
        return view.bytes();
    }
}
