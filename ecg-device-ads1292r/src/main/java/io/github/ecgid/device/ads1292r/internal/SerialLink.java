package io.github.ecgid.device.ads1292r.internal;

import com.fazecast.jSerialComm.SerialPort;
import io.github.ecgid.core.EcgDeviceException;
import io.github.ecgid.device.ads1292r.PortInfo;
import java.util.ArrayList;
import java.util.List;

/** {@link ByteLink} over a jSerialComm port, 8N1, no flow control. Opens pseudo-terminals and symlinks by path. */
public final class SerialLink implements ByteLink {
    private static final int READ_TIMEOUT_MS = 100;
    private final SerialPort port;
    private final String path;

    private SerialLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens the port or throws {@link EcgDeviceException} naming it and the reason. */
    public static SerialLink open(String path, int baudRate) {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new EcgDeviceException("cannot open serial port " + path + ": " + e.getMessage()
                    + " (`ecgid devices` lists the ports)", e);
        }
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            int code = port.getLastErrorCode();
            throw new EcgDeviceException("cannot open serial port " + path + " (" + port.getSystemPortPath()
                    + "): OS error " + code + " at " + port.getLastErrorLocation()
                    + "; is it present, not in use and readable by this user?");
        }
        return new SerialLink(port, port.getSystemPortPath());
    }

    /** The serial ports the OS reports (pseudo-terminals are not listed but can be opened by path). */
    public static List<PortInfo> list() {
        List<PortInfo> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            out.add(new PortInfo(p.getSystemPortPath(), p.getPortDescription()));
        }
        return out;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = port.readBytes(b, len, off);
        return n < 0 ? -1 : n;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(b, len - done, off + done);
            if (n <= 0) {
                throw new EcgDeviceException("writing to serial port " + path + " failed (OS error "
                        + port.getLastErrorCode() + ")");
            }
            done += n;
        }
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
