package io.github.ecgid.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Starts the CLI's JVM again, once, with {@code --add-modules jdk.incubator.vector} when {@code java -jar ecgid.jar}
 * was launched without it, so that the pure-Java CNN runs on its SIMD kernels however the tool is started (they
 * are several times faster per beat; the JDK only resolves the incubator module on request). The child inherits
 * stdin, stdout, the JVM options and the exit code; the JVM's one {@code WARNING: Using incubator modules} line is
 * kept out of stderr. Nothing happens when the module is already resolved, when the JDK lacks it (a trimmed
 * runtime), when not started from a jar, or when {@value #ENV} is set (e.g. to {@code 0}).
 */
final class SimdRelaunch {
    /** Set (e.g. to {@code 0}) to keep the first JVM (scalar kernels); the child gets {@code 1}, so it never relaunches. */
    static final String ENV = "ECGID_SIMD_RELAUNCH";
    static final String MODULE = "jdk.incubator.vector";
    /** What the JVM prints on stderr at start-up when an incubator module is resolved. */
    static final String WARNING = "WARNING: Using incubator modules: " + MODULE;

    private SimdRelaunch() {
    }

    /**
     * The child's command line, or empty when no relaunch applies.
     *
     * @param resolved  whether this JVM already resolved the module
     * @param available whether this JDK has the module at all
     * @param envValue  the value of {@value #ENV}, or null
     * @param java      the running {@code java} executable, when known
     * @param jvmArgs   this JVM's options (kept for the child)
     * @param jar       the jar the CLI runs from, when it runs from one
     */
    static Optional<List<String>> command(boolean resolved, boolean available, String envValue,
                                          Optional<String> java, List<String> jvmArgs, Optional<Path> jar,
                                          String[] args) {
        if (resolved || !available || envValue != null || java.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.get().toString());
        cmd.addAll(Arrays.asList(args));
        return Optional.of(cmd);
    }

    /**
     * Runs the CLI in a child JVM with the SIMD kernels when that applies, and returns its exit code; empty when
     * the CLI should run in this JVM (no relaunch applies, or the child could not be started).
     */
    static OptionalInt relaunchIfNeeded(String[] args) {
        Optional<List<String>> cmd;
        try {
            cmd = command(ModuleLayer.boot().findModule(MODULE).isPresent(),
                    ModuleFinder.ofSystem().find(MODULE).isPresent(), System.getenv(ENV),
                    ProcessHandle.current().info().command(),
                    ManagementFactory.getRuntimeMXBean().getInputArguments(), runningJar(), args);
        } catch (RuntimeException e) { // no management bean, a security manager: run here on scalar kernels
            return OptionalInt.empty();
        }
        if (cmd.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(cmd.get()).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(ENV, "1");
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        Thread stop = new Thread(child::destroy, "ecgid-relaunch-stop"); // a SIGTERM to us ends the child too
        Runtime.getRuntime().addShutdownHook(stop);
        Thread pump = new Thread(() -> copyDroppingWarning(child.getErrorStream(),
                new FileOutputStream(FileDescriptor.err)), "ecgid-relaunch-stderr");
        pump.setDaemon(true);
        pump.start();
        try {
            int rc = child.waitFor();
            pump.join(2000);
            Runtime.getRuntime().removeShutdownHook(stop);
            return OptionalInt.of(rc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return OptionalInt.of(130);
        } catch (IllegalStateException e) { // shutting down already: the hook is running
            return OptionalInt.of(130);
        }
    }

    private static Optional<Path> runningJar() {
        try {
            var source = EcgidCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return p.getFileName() != null && p.getFileName().toString().endsWith(".jar") ? Optional.of(p)
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies {@code in} to {@code out} as it arrives, except a first line that is the JVM's incubator warning.
     * Bytes after the first line pass unbuffered (progress bars rewrite their line with {@code \r}).
     */
    static void copyDroppingWarning(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        byte[] warning = (WARNING + "\n").getBytes(StandardCharsets.US_ASCII);
        int matched = 0; // bytes of the first line held back while they still match the warning
        boolean decided = false;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                int from = 0;
                while (!decided && from < n) {
                    byte b = buf[from];
                    if (b == '\r' && matched == warning.length - 1) {
                        from++; // a CRLF warning line on Windows
                        continue;
                    }
                    if (b == warning[matched]) {
                        matched++;
                        from++;
                        if (matched == warning.length) {
                            decided = true; // the warning line: dropped
                        }
                    } else {
                        out.write(warning, 0, matched); // another first line: pass what was held back
                        decided = true;
                    }
                }
                out.write(buf, from, n - from);
                out.flush();
            }
            if (!decided) {
                out.write(warning, 0, matched);
                out.flush();
            }
        } catch (IOException e) {
            // the child's stderr closed or ours did: nothing left to copy
        }
    }
}
