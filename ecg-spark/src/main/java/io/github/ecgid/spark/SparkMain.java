package io.github.ecgid.spark;

import io.github.ecgid.core.EcgException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.SparkSession;

/**
 * {@code java -jar ecg-spark.jar --db DIR [--db DIR ...] --out DIR [options]} or the same arguments after
 * {@code spark-submit --class io.github.ecgid.spark.SparkMain ecg-spark-app.jar}: runs the {@link ArchiveJob}
 * and prints its summary as one JSON line on standard output. Without {@code --master} (and outside
 * spark-submit, which sets {@code spark.master}) it runs on {@code local[2]}.
 */
public final class SparkMain {
    static final String USAGE = """
            usage: ecg-spark --db DIR [--db DIR ...] --out DIR [options]
              --db DIR          archive folder: WFDB records (with or without RECORDS) or ECG CSVs; repeatable
              --out DIR         Parquet output folder (refused when it exists, unless --overwrite)
              --master URL      Spark master (default: spark-submit's, else local[2])
              --templates FILE  identify against this template store (ecgid enroll); its HMAC key from
                                --key-file FILE or $ECGID_TEMPLATE_KEY. Default: enroll each person from
                                their first recording
              --key-file FILE   the template store's key
              --partitions N    split the archive into N partitions (default: 4 per core)
              --power-line HZ   mains frequency to notch, 50 or 60 (default 50)
              --overwrite       replace an existing --out folder
            """;

    /** The logging configuration a plain {@code java -jar} run uses: warnings, and the job's own progress. */
    static final String LOG_CONFIG = "io/github/ecgid/spark/log4j2-local.properties";

    private SparkMain() {
    }

    /** Runs the job; exit status 0, 1 on a refused input, 2 on a usage error. */
    public static void main(String[] args) {
        OptionalInt child = relaunchWithSparkOptions(args);
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        ArchiveJob.Options options;
        String master;
        try {
            Parsed p = parse(args);
            if (p == null) {
                System.out.print(USAGE);
                return;
            }
            options = p.options;
            master = p.master;
        } catch (IllegalArgumentException | EcgException e) {
            System.err.println("ecg-spark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
            // java -jar: Spark's INFO chatter off (spark-submit keeps the cluster's logging configuration)
            System.setProperty("log4j2.configurationFile", "classpath:" + LOG_CONFIG);
        }
        SparkSession.Builder b = SparkSession.builder().appName("ecgid-archive");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[2]").config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.config("spark.ui.showConsoleProgress", "false").getOrCreate();
        int status = 0;
        try {
            ArchiveJob.Summary s = ArchiveJob.run(spark, options);
            System.out.println(s.toJson());
        } catch (EcgException e) {
            System.err.println("ecg-spark: " + e.getMessage());
            status = 1;
        } finally {
            spark.stop();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Set (e.g. to {@code 0}) to run in the first JVM; the child gets {@code 1}, so it never relaunches. */
    static final String RELAUNCH_ENV = "ECGID_SIMD_RELAUNCH";

    /**
     * {@code java -jar ecg-spark.jar} without Spark's JVM options (those its launcher gives every driver and
     * executor: {@code --add-modules=jdk.incubator.vector}, the {@code --add-opens}): runs the job once more in a
     * child JVM with them, so that a local run uses the same (SIMD) inference kernels as spark-submit and the
     * {@code ecgid} CLI, and returns its exit code. Empty when the options are there already, when not started
     * from a jar, when {@value #RELAUNCH_ENV} is set, or when the child cannot start.
     */
    static OptionalInt relaunchWithSparkOptions(String[] args) {
        if (System.getenv(RELAUNCH_ENV) != null || ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                || ModuleFinder.ofSystem().find("jdk.incubator.vector").isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        Path jar;
        try {
            var source = SparkMain.class.getProtectionDomain().getCodeSource();
            jar = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return OptionalInt.empty();
        }
        if (java.isEmpty() || jar == null || !jar.getFileName().toString().endsWith(".jar")) {
            return OptionalInt.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(RELAUNCH_ENV, "1");
        try {
            Process p = pb.start();
            Thread stop = new Thread(p::destroy, "ecg-spark-relaunch-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            int rc = p.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return OptionalInt.of(rc);
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        } catch (IllegalStateException e) { // shutting down already
            return OptionalInt.of(130);
        }
    }

    record Parsed(ArchiveJob.Options options, String master) {
    }

    /** The options of {@code args}, or null for {@code --help}. */
    static Parsed parse(String[] args) {
        List<Path> dbs = new ArrayList<>();
        Path out = null;
        Path templates = null;
        Path keyFile = null;
        String master = null;
        int partitions = 0;
        double powerLine = 50;
        boolean overwrite = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--overwrite" -> overwrite = true;
                case "--db" -> dbs.add(Path.of(value(args, ++i, a)));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--master" -> master = value(args, ++i, a);
                case "--templates" -> templates = Path.of(value(args, ++i, a));
                case "--key-file" -> keyFile = Path.of(value(args, ++i, a));
                case "--partitions" -> partitions = number(value(args, ++i, a), a);
                case "--power-line" -> powerLine = number(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (dbs.isEmpty() || out == null) {
            throw new IllegalArgumentException("--db DIR and --out DIR are required");
        }
        if (keyFile != null && templates == null) {
            throw new IllegalArgumentException("--key-file applies to --templates FILE");
        }
        byte[] key = null;
        if (templates != null) {
            key = keyFile != null ? ArchiveJob.readKey(keyFile) : ArchiveJob.keyFromEnvironment();
            if (key == null) {
                throw new IllegalArgumentException("--templates needs the store's key: --key-file FILE or "
                        + "$ECGID_TEMPLATE_KEY");
            }
        }
        return new Parsed(new ArchiveJob.Options(dbs, out, templates, key, powerLine, partitions, overwrite), master);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + v + "'");
        }
    }
}
