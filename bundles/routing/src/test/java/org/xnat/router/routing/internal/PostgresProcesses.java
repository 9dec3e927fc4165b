package org.xnat.router.routing.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a running PostgreSQL cluster (the postmaster named by {@code postmaster.pid} and its children),
 * and signals to them: {@code STOP} makes a hung server (the kernel still accepts connections, nothing answers),
 * {@code CONT} lets it run again, {@code INT} is a fast shutdown.
 */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    static ProcessHandle postmaster(Path cluster) throws IOException {
        List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        long pid = Long.parseLong(lines.get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    }

    /** Stops the postmaster first (it can then fork no new backend), then every process below it. */
    static List<ProcessHandle> freeze(Path cluster) throws IOException, InterruptedException {
        ProcessHandle postmaster = postmaster(cluster);
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster);
        signal("STOP", all);
        List<ProcessHandle> children = postmaster.descendants().toList();
        signal("STOP", children);
        all.addAll(children);
        return all;
    }

    static void thaw(List<ProcessHandle> processes) throws IOException, InterruptedException {
        signal("CONT", processes);
    }

    static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        alive.forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + signal + " did not finish");
        }
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.exitValue() != 0 && "STOP".equals(signal)) {
            throw new IOException("kill -" + signal + " " + alive + " failed: " + output);
        }
    }
}
