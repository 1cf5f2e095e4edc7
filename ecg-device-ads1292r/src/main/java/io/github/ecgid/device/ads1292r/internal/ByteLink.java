package io.github.ecgid.device.ads1292r.internal;

/** An open byte channel to a device; implementation detail over jSerialComm. */
public interface ByteLink extends AutoCloseable {
    /** Reads up to len bytes, waiting at most a short timeout; 0 on timeout, -1 when the link is lost. */
    int read(byte[] b, int off, int len);

    /** Writes all len bytes, or throws EcgDeviceException. */
    void write(byte[] b, int off, int len);

    /** The path that was opened (after following symlinks where the OS does). */
    String path();

    @Override
    void close();
}
