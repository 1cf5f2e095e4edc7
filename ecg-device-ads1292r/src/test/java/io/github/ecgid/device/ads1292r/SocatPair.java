package io.github.ecgid.device.ads1292r;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real pseudo-terminal pair (virtual null-modem cable) made by {@code socat -d -d pty,raw,echo=0,link=A
 * pty,raw,echo=0,link=B}; the links keep their paths when the pair is recreated. Skips the test when socat is
 * not installed.
 */
final class SocatPair implements AutoCloseable {
    private static final Pattern PTY = Pattern.compile("PTY is (/dev/\\S+)");
    final Path boardLink;
    final Path hostLink;
    final List<String> ptys = new ArrayList<>();
    private final Process process;

    private SocatPair(Path boardLink, Path hostLink, Process process) {
        this.boardLink = boardLink;
        this.hostLink = hostLink;
        this.process = process;
    }

    static boolean socatInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(dir, "socat").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Starts socat and waits until both PTYs exist and it is transferring data. */
    static SocatPair start(Path dir) throws IOException, InterruptedException {
        assumeTrue(socatInstalled(), "socat is not installed (apt-get install socat); pseudo-terminal tests skipped");
        Path board = dir.resolve("ttyBoard");
        Path host = dir.resolve("ttyHost");
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + board,
                "pty,raw,echo=0,link=" + host).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        SocatPair pair = new SocatPair(board, host, p);
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            // not closed here: socat must be able to write to stderr for its whole life
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = PTY.matcher(line);
                    if (m.find()) {
                        pair.ptys.add(m.group(1));
                    }
                    if (line.contains("starting data transfer loop")) {
                        // keep draining stderr so socat never blocks on it
                        Thread t = new Thread(() -> drain(r), "socat-stderr");
                        t.setDaemon(true);
                        t.start();
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            if (!ready.get(10, TimeUnit.SECONDS) || pair.ptys.size() != 2) {
                pair.close();
                throw new IllegalStateException("socat did not report two PTYs: " + pair.ptys);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            pair.close();
            throw new IllegalStateException("socat did not start: " + e, e);
        }
        return pair;
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // socat ended
        }
    }

    /** Kills socat: both PTYs vanish, as when a USB adapter is unplugged. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
