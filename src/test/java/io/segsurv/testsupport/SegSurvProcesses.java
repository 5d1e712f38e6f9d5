/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * `segsurv` commands started as separate JVMs against one PostgreSQL database (web node, workers,
 * command-line clients), their logs in a directory, and waiting for a database condition while
 * checking that they are still alive. Each process's log is {@code logs/<name>.log}.
 */
public final class SegSurvProcesses implements AutoCloseable {

    private final String url;
    private final Path logs;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();

    /** @param url a database of {@link PostgresDatabase#createDatabase(String)} */
    public SegSurvProcesses(String url, Path logs, int staleAfterSeconds) throws IOException {
        this.url = url;
        this.logs = Files.createDirectories(logs);
        env.put("SEGSURV_DB_URL", url);
        env.put("SEGSURV_DB_USER", "postgres");
        env.put("SEGSURV_JOBS_POLLSECONDS", "1");
        env.put("SEGSURV_JOBS_STALEAFTERSECONDS", Integer.toString(staleAfterSeconds));
    }

    /** Starts a long-running command (serve, worker) named {@code name}. */
    public Process start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.segsurv.SegSurv"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        running.put(name, p);
        return p;
    }

    /** Runs a command to its end (at most {@code seconds}) and returns its exit code. */
    public int call(String name, int seconds, String... args) throws Exception {
        Process p = start(name, args);
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        running.remove(name);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + seconds + " s; log: " + log(name));
        }
        return p.exitValue();
    }

    /** SIGKILL on Linux: no shutdown hook, no goodbye to the database. */
    public void kill(String name) throws InterruptedException {
        Process p = running.remove(name);
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    public interface Check {
        boolean ok() throws Exception;
    }

    /** Waits for a condition, at most {@code seconds}; fails early if a started process died. */
    public void await(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ok(check)) {
            for (var w : running.entrySet()) {
                assertThat(w.getValue().isAlive()).as(w.getKey() + " is running; logs: " + logs()).isTrue();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + "; logs: " + logs());
            }
            Thread.sleep(250);
        }
    }

    /** A check that fails while the schema is being created counts as not yet satisfied. */
    private static boolean ok(Check check) throws Exception {
        try {
            return check.ok();
        } catch (org.jooq.exception.DataAccessException e) {
            return false;
        }
    }

    public <T> T query(Function<DSLContext, T> f) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return f.apply(DSL.using(c, SQLDialect.POSTGRES));
        }
    }

    public String log(String name) throws IOException {
        Path p = logs.resolve(name + ".log");
        if (!Files.exists(p)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(p);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The last lines of every process's log. */
    public String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String name = p.getFileName().toString().replaceFirst("\\.log$", "");
                sb.append("\n== ").append(name).append('\n').append(log(name));
            }
        }
        return sb.toString();
    }

    /** Stops what is still running: politely, then forcibly. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : running.values()) {
            p.destroy();
        }
        for (Process p : running.values()) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        running.clear();
    }
}
