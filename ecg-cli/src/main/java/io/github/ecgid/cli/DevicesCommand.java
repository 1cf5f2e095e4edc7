package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.device.ads1292r.Ads1292rDevice;
import io.github.ecgid.device.ads1292r.PortInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecgid devices [--json]}: the serial ports an ADS1292R board could be on. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the serial ports an ADS1292R board could be on (USB adapters, COM ports).")
final class DevicesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<PortInfo> ports = Ads1292rDevice.listPorts();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ports));
        } else if (ports.isEmpty()) {
            out.println("no serial ports found (pseudo-terminals, e.g. made by socat, are not listed but open by"
                    + " path with --port)");
        } else {
            for (PortInfo p : ports) {
                out.println(p.path() + "\t" + p.description());
            }
        }
        out.flush();
        return 0;
    }
}
